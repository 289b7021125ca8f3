package io.clickstream.gateway.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The splice must publish exactly the bytes the full path (enrich the tree, serialise it with the
 * contract's mapper) publishes — for canonical input through the splice, for everything else
 * through the fallback.
 */
class EnrichedJsonSpliceTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final String ID = "\"event_id\":\"123e4567-e89b-12d3-a456-426614174000\"";
    private final EventEnricher enricher = new EventEnricher(Duration.ofSeconds(5), Duration.ofMinutes(1));

    /** Compact ASCII events as trackers send them: the splice applies. */
    static final List<String> CANONICAL = List.of(
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"#buy\"}",
            "{" + ID + ",\"type\":\"page_view\",\"ts\":\"2026-11-25T09:59:58.5Z\",\"user_id\":\"u-1\",\"anonymous_id\":null,\"session_id\":\"s\","
                    + "\"page\":{\"url\":\"https://shop.example/?q=a:b,c{d}[e]\",\"path\":\"/\",\"title\":\"ts\"}}",
            // skew: ts rewritten in place and flagged
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T08:59:58Z\",\"sent_at\":\"2026-11-25T08:59:59Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\"}",
            // ts not first, far future: clamped
            "{\"type\":\"click\"," + ID + ",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\",\"ts\":\"2026-11-25T11:00:00Z\"}",
            // a nested key named ts is not the event's ts
            "{" + ID + ",\"type\":\"click\",\"context\":{\"ts\":\"x\",\"screen\":{\"w\":1920,\"h\":-1080},\"flags\":[true,false,null,1.5,\"s\"]},"
                    + "\"ts\":\"2026-11-25T08:00:00Z\",\"sent_at\":\"2026-11-25T09:00:00Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\"}",
            "{" + ID + ",\"type\":\"purchase\",\"ts\":\"2026-11-25T09:59:58.123456789Z\",\"user_id\":\"u\",\"session_id\":\"s\","
                    + "\"order\":{\"id\":\"o\",\"revenue\":19.90,\"currency\":\"EUR\",\"items\":[{\"product_id\":\"p\",\"price\":100.0,\"quantity\":2}]}}",
            "{" + ID + ",\"type\":\"add_to_cart\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\","
                    + "\"product\":{\"id\":\"p\",\"price\":0.000001,\"quantity\":12345678901234567890123}}");

    /** Input the mapper writes differently: the full path answers, with the same result as before. */
    static final List<String> NOT_CANONICAL = List.of(
            "{ " + ID + ", \"type\": \"click\", \"ts\": \"2026-11-25T09:59:58Z\", \"anonymous_id\": \"a\", \"session_id\": \"s\", \"element\": \"#buy\" }",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\\/b \\u0041 \\\"q\\\" \\n\"}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"Zoë 東京 😀\",\"session_id\":\"s\",\"element\":\"a\"}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T01:00:00Z\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\"}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\",\"context\":{\"a\":1,\"a\":2}}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\",\"context\":{\"n\":1e2,\"m\":-0}}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\",\"context\":{\"n\":0.0000001}}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\",\"context\":{\"n\":-0.0,\"z\":0.00000000}}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\",\"context\":{\"n\":1.5E3}}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\",\"site\":\"evil\"}",
            "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"a\"}\n");

    @Test
    void canonicalEventsAreSplicedAndEqualTheFullSerialisation() throws Exception {
        for (String event : CANONICAL) {
            for (Variant v : variants()) {
                assertSameAsFullPath(event, v);
                if (!v.stripUserAgent() && v.site().equals("default")) {
                    byte[] text = event.getBytes(StandardCharsets.UTF_8);
                    ObjectNode tree = (ObjectNode) EventJson.readTree(event);
                    assertThat(EnrichedJsonSplice.splice(tree, EventText.of(text), null,
                            enricher.forRequest(RECEIVED, v.ip(), v.site(), false).splicedFields()))
                            .as("splice applies to %s", event).isNotNull();
                }
            }
        }
    }

    @Test
    void otherInputFallsBackToTheFullSerialisation() throws Exception {
        for (String event : NOT_CANONICAL) {
            for (Variant v : variants()) {
                assertSameAsFullPath(event, v);
            }
            byte[] text = event.getBytes(StandardCharsets.UTF_8);
            assertThat(EnrichedJsonSplice.splice(EventJson.readTree(event), EventText.of(text), null,
                    enricher.forRequest(RECEIVED, "203.0.113.0", "shop", false).splicedFields())).as("no splice for %s", event).isNull();
        }
    }

    @Test
    void spliceWorksOnASliceOfALargerBody() throws Exception {
        String event = CANONICAL.get(2);
        byte[] body = ("[{\"x\":1}," + event + "]").getBytes(StandardCharsets.UTF_8);
        int offset = "[{\"x\":1},".length();
        byte[] viaSlice = enricher.enrichToJson((ObjectNode) EventJson.readTree(event),
                new EventText(body, offset, event.length()), enricher.forRequest(RECEIVED, "203.0.113.0", "shop", false));
        assertThat(new String(viaSlice, StandardCharsets.UTF_8)).isEqualTo(full(event, new Variant("203.0.113.0", "shop", false)));
    }

    @Test
    void userAgentIsStillStrippedUnderPrivacy() throws Exception {
        String event = "{" + ID + ",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\","
                + "\"element\":\"a\",\"context\":{\"user_agent\":\"UA\",\"locale\":\"de\"}}";
        byte[] text = event.getBytes(StandardCharsets.UTF_8);
        String out = new String(enricher.enrichToJson((ObjectNode) EventJson.readTree(event), EventText.of(text),
                enricher.forRequest(RECEIVED, null, "s", true)), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("user_agent").contains("\"locale\":\"de\"");
    }

    private record Variant(String ip, String site, boolean stripUserAgent) {
    }

    private static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (String ip : new String[] {null, "203.0.113.0", "2001:db8::"}) {
            for (String site : new String[] {"default", "shop \"eu\"", "Bücher"}) {
                out.add(new Variant(ip, site, false));
                out.add(new Variant(ip, site, true));
            }
        }
        return out;
    }

    private void assertSameAsFullPath(String event, Variant v) throws Exception {
        byte[] text = event.getBytes(StandardCharsets.UTF_8);
        // The decoder hands over the event's text trimmed, as its slice of the body.
        int from = 0;
        int to = text.length;
        while (to > from && text[to - 1] <= ' ') {
            to--;
        }
        byte[] viaEnricher = enricher.enrichToJson((ObjectNode) EventJson.readTree(event),
                new EventText(text, from, to - from), enricher.forRequest(RECEIVED, v.ip(), v.site(), v.stripUserAgent()));
        assertThat(new String(viaEnricher, StandardCharsets.UTF_8)).as("%s with %s", event, v).isEqualTo(full(event, v));
    }

    /**
     * What the gateway published before the splice existed: enrich the tree, serialise it to UTF-8
     * bytes (whose generator, unlike a String writer, escapes characters outside the BMP).
     */
    private String full(String event, Variant v) throws Exception {
        ObjectNode tree = enricher.enrich((ObjectNode) EventJson.readTree(event), RECEIVED, v.ip(), v.site(), v.stripUserAgent());
        return new String(EventJson.mapper().writeValueAsBytes(tree), StandardCharsets.UTF_8);
    }
}
