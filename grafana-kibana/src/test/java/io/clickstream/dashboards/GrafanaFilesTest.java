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

    private static JsonNode dashboard() {
        return Json.read(GeneratedFilesTest.GRAFANA_DASHBOARD);
    }
}
