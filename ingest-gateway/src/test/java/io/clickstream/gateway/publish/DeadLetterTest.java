package io.clickstream.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void followsTheDocumentedFormat() throws Exception {
        byte[] record = DeadLetter.encode(List.of(new Violation("$.ts", "required", "ts is required")),
                "{\"type\":\"click\"}", Instant.parse("2026-11-25T10:00:00.5Z"), "203.0.113.0");
        JsonNode json = EventJson.readTree(new String(record, StandardCharsets.UTF_8));
        assertThat(json.get("reason").get(0).get("path").textValue()).isEqualTo("$.ts");
        assertThat(json.get("reason").get(0).get("rule").textValue()).isEqualTo("required");
        assertThat(json.get("raw").textValue()).isEqualTo("{\"type\":\"click\"}");
        assertThat(json.get("received_at").textValue()).isEqualTo("2026-11-25T10:00:00.500Z");
        assertThat(json.get("ip").textValue()).isEqualTo("203.0.113.0");
        assertThat(json.get("source").textValue()).isEqualTo("gateway");
    }
}
