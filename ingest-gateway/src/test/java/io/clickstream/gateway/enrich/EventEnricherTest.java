package io.clickstream.gateway.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventValidator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventEnricherTest {

    private final EventEnricher enricher = new EventEnricher(Duration.ofSeconds(5), Duration.ofMinutes(1));
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00.123Z");

    private static ObjectNode event(String extra) throws Exception {
        return (ObjectNode) EventJson.readTree("{\"event_id\":\"123e4567-e89b-12d3-a456-426614174000\",\"type\":\"click\","
                + "\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"#buy\"" + extra + "}");
    }

    @Test
    void addsTheGatewayFieldsAndKeepsTheClientsJson() throws Exception {
        ObjectNode out = enricher.enrich(event(",\"context\":{\"user_agent\":\"UA\",\"locale\":\"de\"}"), RECEIVED, "203.0.113.0", "shop", false);
        assertThat(out.get("received_at").textValue()).isEqualTo("2026-11-25T10:00:00.123Z");
        assertThat(out.get("ip").textValue()).isEqualTo("203.0.113.0");
        assertThat(out.get("site").textValue()).isEqualTo("shop");
        assertThat(out.get("ts").textValue()).isEqualTo("2026-11-25T09:59:58Z");
        assertThat(out.has("ts_corrected")).isFalse();
        assertThat(out.get("context").get("user_agent").textValue()).isEqualTo("UA");
        assertThat(new EventValidator().validateEnriched(out)).isEmpty();
    }

    @Test
    void rewritesTsAndFlagsIt() throws Exception {
        // Client clock 1 h behind: it stamped the event 1 s before sending it.
        ObjectNode in = event(",\"sent_at\":\"2026-11-25T08:59:59Z\"");
        in.put("ts", "2026-11-25T08:59:58Z");
        ObjectNode out = enricher.enrich(in, RECEIVED, null, "default", false);
        assertThat(out.get("ts").textValue()).isEqualTo("2026-11-25T09:59:59.123Z");
        assertThat(out.get("ts_corrected").booleanValue()).isTrue();
        assertThat(out.has("ip")).isFalse();
        assertThat(new EventValidator().validateEnriched(out)).isEmpty();
    }

    @Test
    void privacyStripsTheUserAgent() throws Exception {
        ObjectNode out = enricher.enrich(event(",\"context\":{\"user_agent\":\"UA\",\"locale\":\"de\"}"), RECEIVED, null, "s", true);
        assertThat(out.get("context").has("user_agent")).isFalse();
        assertThat(out.get("context").get("locale").textValue()).isEqualTo("de");
    }
}
