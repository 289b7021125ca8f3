package io.clickstream.analytics.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** The parser's {@code dimensions} column: read from site, page and context, never a reason to reject. */
class BreakdownDimensionsTest {

    private static final int DIMENSIONS = EventParser.PICKABLE_COLUMNS.fieldIndex("dimensions");
    private static final String HEAD = "{\"event_id\":\"e1\",\"type\":\"page_view\",\"ts\":\"2026-11-25T10:00:01Z\","
            + "\"user_id\":\"u1\",\"session_id\":\"s1\",";

    private static List<String> dimensions(String tail) {
        Row row = EventParser.classify((HEAD + tail).getBytes(StandardCharsets.UTF_8), "page_views", 0, 1L,
                new Timestamp(0), new int[] {DIMENSIONS});
        assertThat(row).as("a valid event").isNotNull();
        return CollectionConverters.asJava(row.<String>getSeq(0));
    }

    @Test
    void derivesTheValuesFromSitePageAndUserAgent() {
        assertThat(dimensions("""
                "site":"shop","page":{"url":"https://shop.example/?utm_source=News","referrer":"https://www.bing.com/"},
                "context":{"locale":"de","user_agent":"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"}}
                """)).containsExactly("shop", "bing.com", "news", "(none)", "(none)", "desktop", "Firefox", "Ubuntu");
    }

    @Test
    void oddContextsAndReferrersAreNoValueNotAReject() {
        assertThat(dimensions("""
                "page":{"url":"https://shop.example/","referrer":{"not":"a string"}},"context":"a string"}
                """)).containsExactly("default", "direct", "(none)", "(none)", "(none)", "(none)", "(none)", "(none)");
        assertThat(dimensions("""
                "page":{"url":"https://shop.example/","referrer":42},"context":{"user_agent":["x"]}}
                """)).containsExactly("default", "direct", "(none)", "(none)", "(none)", "(none)", "(none)", "(none)");
    }
}
