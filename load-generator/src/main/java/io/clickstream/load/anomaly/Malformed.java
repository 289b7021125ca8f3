package io.clickstream.load.anomaly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.dsl.Session;

/**
 * Malformed events: well-formed JSON that breaks one rule of the contract each, so the gateway
 * must answer {@code rejected} for that event and still accept its neighbours in a batch.
 */
public final class Malformed {

    public static final String[] KINDS = {"missing_event_id", "unknown_type", "negative_price", "click_without_element",
            "bad_timestamp"};

    private Malformed() {
    }

    /** A malformed event of a kind drawn from the session's generator; returns its JSON text. */
    public static String create(Session s) {
        String kind = KINDS[s.random().nextInt(KINDS.length)];
        ObjectNode e = EventJson.mapper().createObjectNode();
        e.put("event_id", s.uuid().toString());
        e.put("type", "page_view");
        e.put("ts", s.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        e.put("anonymous_id", s.anonymousId());
        e.put("session_id", s.sessionId());
        e.putObject("page").put("url", "https://shop.example.com/");
        switch (kind) {
            case "missing_event_id" -> e.remove("event_id");
            case "unknown_type" -> e.put("type", "page_vieww");
            case "negative_price" -> {
                e.put("type", "add_to_cart");
                e.putObject("product").put("id", "sku-1000").put("price", -5).put("quantity", 1);
            }
            case "click_without_element" -> e.put("type", "click");
            case "bad_timestamp" -> e.put("ts", "yesterday at noon");
            default -> throw new IllegalStateException(kind);
        }
        return e.toString();
    }
}
