package io.clickstream.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.testing.SharedStack;
import io.clickstream.es.BulkResult;
import io.clickstream.es.Elasticsearch;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On real Elasticsearch: an index created from an earlier version of the KPI template (without the
 * session and funnel fields) takes the current template's fields when the job installs its templates,
 * keeping its documents, so the job's new documents pass its strict mapping.
 */
class IndexTemplatesIT {

    private static final List<String> NEW_FIELDS = List.of("sessions", "bounced_sessions", "bounce_rate",
            "avg_session_duration_s", "pages_per_session", "open_sessions", "funnel", "step", "step_name",
            "drop_off", "step_conversion_rate");

    @Test
    void anExistingIndexTakesTheTemplatesNewFields() throws Exception {
        String current = IndexTemplates.resource("/elasticsearch/clickstream-kpis.template.json")
                .replace("\"clickstream-kpis-*\"", "\"upgrade-kpis-*\"")
                .replace("\"clickstream-kpis\"", "\"upgrade-kpis\"");
        ObjectNode earlier = (ObjectNode) EventJson.mapper().readTree(current);
        ((ObjectNode) earlier.path("template").path("mappings").path("properties")).remove(NEW_FIELDS);
        try (Elasticsearch es = Elasticsearch.connect(SharedStack.get().elasticsearchUrl())) {
            es.deleteIndex("upgrade-kpis-v1");
            IndexTemplates.install(es, "upgrade-kpis", earlier.toString(), "upgrade-kpis-v1");
            EsDocument old = new EsDocument("upgrade-kpis-v1", "kpi|old", "{\"granularity\":\"1h\",\"page_views\":3}");
            EsDocument withSessions = new EsDocument("upgrade-kpis-v1", "kpi|new",
                    "{\"granularity\":\"1h\",\"page_views\":3,\"sessions\":2,\"open_sessions\":1}");
            assertThat(es.bulkIndex(List.of(old), true).ok()).isTrue();
            assertThat(es.bulkIndex(List.of(withSessions), true).ok())
                    .as("the earlier strict mapping refuses the session fields").isFalse();

            IndexTemplates.install(es, "upgrade-kpis", current, "upgrade-kpis-v1");

            BulkResult result = es.bulkIndex(List.of(withSessions), true);
            assertThat(result.failures()).isEmpty();
            assertThat(es.count("upgrade-kpis-v1")).as("documents kept").isEqualTo(2);
            assertThat(es.search("upgrade-kpis-v1", "{\"query\":{\"range\":{\"sessions\":{\"gte\":2}}}}").orElseThrow()
                    .path("hits").path("total").path("value").asLong()).as("the new field is indexed").isEqualTo(1);
            es.deleteIndex("upgrade-kpis-v1");
        }
    }
}
