package io.clickstream.analytics.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** One parsed event (a subset of {@code EventParser.EVENT_COLUMNS}) as the simulations produce it. */
record SimulatedEvent(String eventId, String type, long ts, String userKey, String site, BigDecimal revenue) {

    /** JSON line in the parsed-events schema; absent columns read as null. */
    String toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("event_id", eventId).put("type", type).put("ts", Instant.ofEpochMilli(ts).toString())
                .put("user_key", userKey).put("user_id", userKey).put("session_id", "s-" + userKey);
        if (site != null) {
            n.put("site", site);
        }
        switch (type) {
            case "page_view" -> n.put("page_url", "https://shop.example/p").put("page_path", "/p");
            case "click" -> n.put("element", "#buy");
            case "purchase" -> n.put("order_id", "o-" + eventId).put("revenue", revenue).put("currency", "EUR");
            default -> { }
        }
        n.put("received_at", Instant.ofEpochMilli(ts).toString()).put("topic", type).put("partition", 0).put("offset", 0);
        return n.toString();
    }
}
