package io.clickstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed Grafana provisioning and dashboard validate against the fields the Spark job writes. */
class GrafanaFilesTest {

    private static final IndexTemplates TEMPLATES = IndexTemplates.load();
    private static final Path ROOT = GeneratedFilesTest.ROOT.resolve("grafana");
    private static final JsonNode DATASOURCES = Json.readYaml(ROOT.resolve("provisioning/datasources/clickstream.yaml"));
    private static final JsonNode PROVIDERS = Json.readYaml(ROOT.resolve("provisioning/dashboards/clickstream.yaml"));

    @Test
    void committedFilesHaveNoProblems() {
        assertThat(GrafanaChecks.check(DATASOURCES, dashboard(), TEMPLATES)).isEmpty();
    }

    @Test
    void datasourcesAreTheAliasesWithFixedUids() {
        List<String> uidIndexTime = new ArrayList<>();
        DATASOURCES.path("datasources").forEach(ds -> uidIndexTime.add(ds.path("uid").asText() + " "
                + ds.path("jsonData").path("index").asText() + " " + ds.path("jsonData").path("timeField").asText()));
        assertThat(uidIndexTime).containsExactly("clickstream-es clickstream-kpis window_start",
                "clickstream-es-alerts clickstream-alerts updated_at", "clickstream-es-rejects clickstream-rejects rejected_at");
    }

    @Test
    void providerReadsTheDashboardsFolderAndTheDashboardRefreshesEvery5sOverTheLast15Minutes() {
        JsonNode provider = PROVIDERS.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        JsonNode d = dashboard();
        assertThat(d.path("uid").asText()).isEqualTo("clickstream-realtime");
        assertThat(d.path("refresh").asText()).isEqualTo("5s");
        assertThat(d.path("time").path("from").asText()).isEqualTo("now-15m");
        assertThat(d.path("annotations").path("list")).anyMatch(a -> a.path("datasource").path("uid").asText()
                .equals("clickstream-es-alerts"));
    }

    @Test
    void sessionsFunnelAndBreakdownPanelsAreThereAndKpiSeriesLeaveOutFunnelDocuments() {
        JsonNode d = dashboard();
        for (JsonNode panel : d.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String query = target.path("query").asText();
                if (query.contains("NOT _exists_:dimension")) {
                    assertThat(query).as(panel.path("title").asText()).contains("NOT _exists_:step");
                }
            }
        }
        assertThat(metricFields(d)).contains("sessions", "bounce_rate", "avg_session_duration_s", "pages_per_session",
                "bounced_sessions", "drop_off", "page_views", "unique_visitors");
        JsonNode funnel = panel(d, "barchart");
        assertThat(funnel.path("options").path("xField").asText()).isEqualTo("step_name");
        JsonNode funnelTarget = funnel.path("targets").get(0);
        assertThat(funnelTarget.path("query").asText()).contains("_exists_:step");
        assertThat(funnelTarget.path("bucketAggs")).extracting(b -> b.path("field").asText()).containsExactly("step", "step_name");
        assertThat(funnelTarget.path("bucketAggs").get(0).path("settings").path("order").asText()).isEqualTo("asc");

        JsonNode variable = d.path("templating").path("list").get(0);
        assertThat(variable.path("name").asText()).isEqualTo("dimension");
        assertThat(variable.path("type").asText()).isEqualTo("custom");
        assertThat(variable.path("multi").asBoolean()).isFalse();
        assertThat(variable.path("current").path("value").asText()).isEqualTo("site");
        assertThat(variable.path("options")).extracting(o -> o.path("value").asText()).containsExactly("site", "referrer",
                "utm_source", "utm_medium", "utm_campaign", "device", "browser", "os");
        JsonNode table = null;
        for (JsonNode panel : d.path("panels")) {
            if (panel.path("title").asText().startsWith("KPIs by $dimension")) {
                table = panel;
            }
        }
        assertThat(table).isNotNull();
        assertThat(table.path("type").asText()).isEqualTo("table");
        assertThat(table.path("datasource").path("uid").asText()).isEqualTo("clickstream-es");
        assertThat(table.path("targets").get(0).path("query").asText()).contains("dimension:\"$dimension\"");
    }

    @Test
    void theChecksFindATopMetricsFieldTheTemplateLacksAndAnUndefinedVariable() {
        ObjectNode topMetrics = (ObjectNode) dashboard();
        JsonNode funnelMetric = panel(topMetrics, "barchart").path("targets").get(0).path("metrics").get(0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) funnelMetric.path("settings").path("metrics")).set(0, com.fasterxml.jackson.databind.node.TextNode.valueOf("sessions_reached"));
        assertThat(GrafanaChecks.check(DATASOURCES, topMetrics, TEMPLATES)).anyMatch(p -> p.contains("top_metrics")
                && p.contains("field sessions_reached is not in"));

        ObjectNode undefined = (ObjectNode) dashboard();
        ((ObjectNode) undefined.path("templating").path("list").get(0)).put("name", "dim");
        assertThat(GrafanaChecks.check(DATASOURCES, undefined, TEMPLATES)).anyMatch(p -> p.contains("$dimension, which is not a variable"));

        ObjectNode queryVariable = (ObjectNode) dashboard();
        ObjectNode variable = (ObjectNode) queryVariable.path("templating").path("list").get(0);
        variable.put("type", "query");
        variable.putObject("datasource").put("type", "elasticsearch").put("uid", "clickstream-es");
        variable.put("query", "{\"find\":\"terms\",\"field\":\"breakdown_dimension\"}");
        assertThat(GrafanaChecks.check(DATASOURCES, queryVariable, TEMPLATES)).anyMatch(p -> p.startsWith("variable dimension")
                && p.contains("field breakdown_dimension is not in"));
    }

    @Test
    void theChecksFindAnUnknownUidAMissingFieldAndAWrongTimeField() {
        ObjectNode unknownUid = (ObjectNode) dashboard();
        ((ObjectNode) unknownUid.path("panels").get(0).path("targets").get(0).path("datasource")).put("uid", "elsewhere");
        assertThat(GrafanaChecks.check(DATASOURCES, unknownUid, TEMPLATES)).anyMatch(p -> p.contains("uid elsewhere is not provisioned"));

        ObjectNode missingField = (ObjectNode) dashboard();
        ((ObjectNode) missingField.path("panels").get(4).path("targets").get(0).path("metrics").get(0)).put("field", "views");
        assertThat(GrafanaChecks.check(DATASOURCES, missingField, TEMPLATES)).anyMatch(p -> p.contains("field views is not in"));

        JsonNode wrongTime = Json.YAML.valueToTree(DATASOURCES);
        ((ObjectNode) wrongTime.path("datasources").get(0).path("jsonData")).put("timeField", "page_views");
        assertThat(GrafanaChecks.check(wrongTime, dashboard(), TEMPLATES)).anyMatch(p -> p.contains("page_views is long"));
    }

    private static List<String> metricFields(JsonNode d) {
        List<String> fields = new ArrayList<>();
        for (JsonNode panel : d.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                for (JsonNode metric : target.path("metrics")) {
                    if (metric.has("field")) {
                        fields.add(metric.path("field").asText());
                    }
                    metric.path("settings").path("metrics").forEach(f -> fields.add(f.asText()));
                }
            }
        }
        return fields;
    }

    private static JsonNode panel(JsonNode d, String type) {
        for (JsonNode panel : d.path("panels")) {
            if (panel.path("type").asText().equals(type)) {
                return panel;
            }
        }
        throw new AssertionError("no " + type + " panel");
    }

    private static JsonNode dashboard() {
        return Json.read(GeneratedFilesTest.GRAFANA_DASHBOARD);
    }
}
