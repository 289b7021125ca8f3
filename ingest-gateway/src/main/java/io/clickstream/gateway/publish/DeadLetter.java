package io.clickstream.gateway.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.Violation;
import java.time.Instant;
import java.util.List;

/**
 * The record written to {@code events_dlq} for a rejected event (format in docs/architecture.md, "Topics and keys"):
 * {@code {"reason":[{"path","rule","message"}…],"raw":"<original text>","received_at","ip","source":"gateway"}}.
 */
public final class DeadLetter {

    public static final String SOURCE = "gateway";

    private DeadLetter() {
    }

    public static byte[] encode(List<Violation> reasons, String raw, Instant receivedAt, String anonymisedIp) {
        ObjectNode record = EventJson.mapper().createObjectNode();
        ArrayNode reason = record.putArray("reason");
        for (Violation v : reasons) {
            reason.addObject().put("path", v.path()).put("rule", v.rule()).put("message", v.message());
        }
        record.put("raw", raw);
        record.put("received_at", receivedAt.toString());
        if (anonymisedIp != null) {
            record.put("ip", anonymisedIp);
        }
        record.put("source", SOURCE);
        try {
            return EventJson.mapper().writeValueAsBytes(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a DLQ record is always serialisable", e);
        }
    }
}
