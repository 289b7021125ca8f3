package io.clickstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed Kibana saved objects validate against the fields the Spark job really writes. */
class KibanaFilesTest {

    private static final IndexTemplates TEMPLATES = IndexTemplates.load();
    private static final String NDJSON = Json.readString(GeneratedFilesTest.KIBANA_NDJSON);

    @Test
    void committedFileHasNoProblems() {
        assertThat(KibanaChecks.check(NDJSON, TEMPLATES)).isEmpty();
    }

    @Test
    void dataViewsCoverKpisTopNAlertsAndRejectsWithTheirTimeFields() {
        Map<String, String> timeFieldByTitle = objects().stream().filter(o -> o.path("type").asText().equals("index-pattern"))
                .collect(Collectors.toMap(o -> o.path("attributes").path("title").asText(),
                        o -> o.path("attributes").path("timeFieldName").asText()));
        assertThat(timeFieldByTitle).containsExactlyInAnyOrderEntriesOf(Map.of(
                "clickstream-kpis", "window_start", "clickstream-kpis-*", "window_start",
                "clickstream-alerts", "updated_at", "clickstream-rejects", "rejected_at"));
    }

    @Test
    void dashboardShowsTheLast15MinutesRefreshedEvery5sAndEveryPanelTheIssueAsksFor() {
        JsonNode dashboard = objects().stream().filter(o -> o.path("type").asText().equals("dashboard")).findFirst().orElseThrow();
        JsonNode attributes = dashboard.path("attributes");
        assertThat(attributes.path("title").asText()).isEqualTo("Clickstream — real time");
        assertThat(attributes.path("timeFrom").asText()).isEqualTo("now-15m");
        assertThat(attributes.path("timeRestore").asBoolean()).isTrue();
        assertThat(attributes.path("refreshInterval").path("pause").asBoolean()).isFalse();
        assertThat(attributes.path("refreshInterval").path("value").asInt()).isEqualTo(5000);
        assertThat(dashboard.path("references")).hasSize(Json.parse(attributes.path("panelsJSON").asText()).size());

        List<String> used = new ArrayList<>();
        for (JsonNode lens : objects()) {
            if (lens.path("type").asText().equals("lens")) {
                lens.path("attributes").path("state").path("datasourceStates").path("formBased").path("layers")
                        .forEach(layer -> layer.path("columns").forEach(c -> used.add(c.path("sourceField").asText())));
            }
        }
        assertThat(used).contains("page_views", "clicks", "add_to_cart", "purchases", "conversion_rate", "ctr",
                "revenue", "avg_order_value", "unique_visitors", "key", "count", "rule", "severity", "entity", "reason.keyword",
                "sessions", "bounce_rate", "bounced_sessions", "avg_session_duration_s", "pages_per_session", "step_name", "drop_off");
    }

    @Test
    void kpiPanelsLeaveOutFunnelDocumentsAndTheFunnelIsABarPerStepInStepOrder() {
        for (JsonNode lens : lenses()) {
            String query = lens.path("attributes").path("state").path("query").path("query").asText();
            if (query.contains("not dimension : *")) {
                assertThat(query).as(lens.path("id").asText() + ": funnel documents share the KPI index").contains("not step : *");
            }
        }
        JsonNode funnel = lens("clickstream-lens-funnel");
        assertThat(funnel.path("attributes").path("state").path("query").path("query").asText()).contains("step : *");
        JsonNode layer = funnel.path("attributes").path("state").path("visualization").path("layers").get(0);
        assertThat(layer.path("seriesType").asText()).isEqualTo("bar_stacked");
        JsonNode step = columns(funnel).path("step");
        assertThat(step.path("sourceField").asText()).isEqualTo("step_name");
        assertThat(step.path("params").path("orderBy").path("type").asText()).isEqualTo("custom");
        assertThat(step.path("params").path("orderDirection").asText()).isEqualTo("asc");
        assertThat(step.path("params").path("orderAgg").path("sourceField").asText()).isEqualTo("step");
        assertThat(columns(funnel).path("dropped").path("sourceField").asText()).isEqualTo("drop_off");
    }

    @Test
    void breakdownsDashboardHasASingleSelectDimensionControlLimitedToTheBreakdownDimensions() {
        JsonNode dashboard = objects().stream().filter(o -> o.path("id").asText().equals("clickstream-breakdowns")).findFirst().orElseThrow();
        JsonNode controls = Json.parse(dashboard.path("attributes").path("controlGroupInput").path("panelsJSON").asText());
        assertThat(controls.size()).isEqualTo(1);
        JsonNode control = controls.elements().next();
        assertThat(control.path("type").asText()).isEqualTo("optionsListControl");
        assertThat(control.path("explicitInput").path("fieldName").asText()).isEqualTo("dimension");
        assertThat(control.path("explicitInput").path("singleSelect").asBoolean()).isTrue();
        assertThat(control.path("explicitInput").path("selectedOptions")).extracting(JsonNode::asText).containsExactly("site");
        String query = Json.parse(dashboard.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText())
                .path("query").path("query").asText();
        assertThat(query).contains("\"site\"", "\"referrer\"", "\"utm_source\"", "\"utm_medium\"", "\"utm_campaign\"",
                "\"device\"", "\"browser\"", "\"os\"").doesNotContain("page", "product");
        assertThat(dashboard.path("references")).extracting(r -> r.path("id").asText()).contains("clickstream-lens-breakdown");
        JsonNode table = lens("clickstream-lens-breakdown");
        assertThat(table.path("attributes").path("visualizationType").asText()).isEqualTo("lnsDatatable");
        assertThat(columns(table).path("key").path("sourceField").asText()).isEqualTo("key");
    }

    @Test
    void objectsCarryKibana819ExportVersions() {
        for (JsonNode o : objects()) {
            assertThat(o.path("coreMigrationVersion").asText()).as(o.path("id").asText()).isEqualTo("8.8.0");
            String expected = switch (o.path("type").asText()) {
                case "index-pattern" -> "8.0.0";
                case "lens" -> "8.9.0";
                case "dashboard" -> "10.3.0";
                default -> "?";
            };
            assertThat(o.path("typeMigrationVersion").asText()).as(o.path("id").asText()).isEqualTo(expected);
        }
    }

    @Test
    void theChecksFindAMissingFieldAWrongTypeALegacyVisualizationAndADanglingReference() {
        String missingField = NDJSON.replace("\"sourceField\":\"unique_visitors\"", "\"sourceField\":\"visitors\"");
        assertThat(KibanaChecks.check(missingField, TEMPLATES)).anyMatch(p -> p.contains("field visitors is not in"));

        String wrongType = NDJSON.replace("\"sourceField\":\"key\"", "\"sourceField\":\"window_end\"");
        assertThat(KibanaChecks.check(wrongType, TEMPLATES)).anyMatch(p -> p.contains("window_end is date") && p.contains("terms"));

        String legacy = NDJSON + "{\"attributes\":{\"visState\":\"{}\"},\"coreMigrationVersion\":\"8.8.0\",\"id\":\"old\","
                + "\"references\":[],\"type\":\"visualization\",\"typeMigrationVersion\":\"8.5.0\"}\n";
        assertThat(KibanaChecks.check(legacy, TEMPLATES)).anyMatch(p -> p.contains("visualization:old"));

        String dangling = NDJSON.replaceFirst("\"id\":\"clickstream-lens-rejects\"", "\"id\":\"clickstream-lens-renamed\"");
        assertThat(KibanaChecks.check(dangling, TEMPLATES)).anyMatch(p -> p.contains("lens:clickstream-lens-rejects")
                && p.contains("not in the file"));

        String controlField = NDJSON.replace("\\\"fieldName\\\":\\\"dimension\\\"", "\\\"fieldName\\\":\\\"breakdown_dimension\\\"");
        assertThat(controlField).isNotEqualTo(NDJSON);
        assertThat(KibanaChecks.check(controlField, TEMPLATES)).anyMatch(p -> p.contains("control clickstream-control-dimension")
                && p.contains("field breakdown_dimension is not in"));

        String rankingField = NDJSON.replace("\"sourceField\":\"step\"", "\"sourceField\":\"step_number\"");
        assertThat(KibanaChecks.check(rankingField, TEMPLATES)).anyMatch(p -> p.contains("ranking") && p.contains("field step_number is not in"));

        String dashboardQuery = NDJSON.replace("dimension : (\\\\\\\"site\\\\\\\"", "dim : (\\\\\\\"site\\\\\\\"");
        assertThat(dashboardQuery).isNotEqualTo(NDJSON);
        assertThat(KibanaChecks.check(dashboardQuery, TEMPLATES)).anyMatch(p -> p.startsWith("dashboard:clickstream-breakdowns query")
                && p.contains("field dim is not in"));

        String controlRef = NDJSON.replace(":optionsListDataView\"", ":dataView\"");
        assertThat(KibanaChecks.check(controlRef, TEMPLATES)).anyMatch(p -> p.contains("no reference controlGroup_clickstream-control-dimension"));

        String brokenEmbedded = NDJSON.replace("\"panelsJSON\":\"[", "\"panelsJSON\":\"[[");
        assertThat(KibanaChecks.check(brokenEmbedded, TEMPLATES)).anyMatch(p -> p.contains("panelsJSON is not valid JSON"));
    }

    @Test
    void everyTemplateTheDashboardsReadIsFound() {
        assertThat(TEMPLATES.all().stream().flatMap(t -> t.aliases().stream()).collect(Collectors.toSet()))
                .containsAll(Set.of("clickstream-kpis", "clickstream-alerts", "clickstream-rejects"));
    }

    private static List<JsonNode> lenses() {
        return objects().stream().filter(o -> o.path("type").asText().equals("lens")).toList();
    }

    private static JsonNode lens(String id) {
        return lenses().stream().filter(o -> o.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode columns(JsonNode lens) {
        return lens.path("attributes").path("state").path("datasourceStates").path("formBased").path("layers").path("layer-1")
                .path("columns");
    }

    private static List<JsonNode> objects() {
        return NDJSON.lines().map(Json::parse).toList();
    }
}
