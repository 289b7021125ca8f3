package io.clickstream.analytics.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Compares documents read back from Elasticsearch with an oracle's. */
public final class KpiAssertions {

    private KpiAssertions() {
    }

    /**
     * Same ids, and every field equal, except {@code unique_visitors}, which may differ from the exact
     * distinct count by the approximation's bound: 3 standard deviations ({@code 3 × rsd} relative),
     * at least 1.
     */
    public static void assertMatches(Map<String, JsonNode> actual, Map<String, JsonNode> expected, double rsd) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, e) -> {
            ObjectNode a = ((ObjectNode) actual.get(id)).deepCopy();
            ObjectNode x = ((ObjectNode) e).deepCopy();
            if (x.has("unique_visitors")) {
                long exact = x.get("unique_visitors").asLong();
                long approx = a.get("unique_visitors").asLong();
                assertThat(approx).as(id + " unique_visitors").isBetween(
                        exact - Math.max(1, (long) Math.ceil(3 * rsd * exact)),
                        exact + Math.max(1, (long) Math.ceil(3 * rsd * exact)));
                a.remove("unique_visitors");
                x.remove("unique_visitors");
            }
            if (x.has("open_sessions")) {
                // When the job closes a session depends on the watermark's progress over its batches.
                assertThat(a.path("open_sessions").asLong()).as(id + " open_sessions")
                        .isBetween(0L, a.path("sessions").asLong());
                a.remove("open_sessions");
                x.remove("open_sessions");
            }
            assertThat(a).as(id).isEqualTo(x);
        });
    }
}
