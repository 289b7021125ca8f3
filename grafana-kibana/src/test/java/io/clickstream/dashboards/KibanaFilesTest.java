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
                "revenue", "avg_order_value", "unique_visitors", "key", "count", "rule", "severity", "entity", "reason.keyword");
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

        String brokenEmbedded = NDJSON.replace("\"panelsJSON\":\"[", "\"panelsJSON\":\"[[");
        assertThat(KibanaChecks.check(brokenEmbedded, TEMPLATES)).anyMatch(p -> p.contains("panelsJSON is not valid JSON"));
    }

    @Test
    void everyTemplateTheDashboardsReadIsFound() {
        assertThat(TEMPLATES.all().stream().flatMap(t -> t.aliases().stream()).collect(Collectors.toSet()))
                .containsAll(Set.of("clickstream-kpis", "clickstream-alerts", "clickstream-rejects"));
    }

    private static List<JsonNode> objects() {
        return NDJSON.lines().map(Json::parse).toList();
    }
}
