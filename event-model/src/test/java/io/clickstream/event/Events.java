package io.clickstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Test fixtures: one valid event per type, a validator on a fixed clock, and small helpers to
 * break an event at a path such as {@code order.items[0].quantity}.
 */
final class Events {

    /** "Now" for every test: timestamp ranges are relative to it. */
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final EventValidator VALIDATOR = new EventValidator(ValidationLimits.defaults(), CLOCK);

    private Events() {
    }

    static ObjectNode pageView() {
        return parse("""
                {"event_id":"0b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e11","type":"page_view",
                 "ts":"2026-11-25T10:00:00Z","sent_at":"2026-11-25T10:00:00.250Z",
                 "anonymous_id":"anon-1","session_id":"s-1",
                 "page":{"url":"https://shop.example/p/42","path":"/p/42","referrer":"https://search.example/","title":"Blue mug"},
                 "context":{"user_agent":"Mozilla/5.0","locale":"de-DE","screen":{"w":1440,"h":900}}}""");
    }

    static ObjectNode click() {
        return parse("""
                {"event_id":"1b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e12","type":"click","ts":"2026-11-25T10:00:01Z",
                 "user_id":"u-7","session_id":"s-1","element":"#buy-now","page":{"url":"https://shop.example/p/42"}}""");
    }

    static ObjectNode addToCart() {
        return parse("""
                {"event_id":"2b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e13","type":"add_to_cart","ts":"2026-11-25T10:00:02Z",
                 "user_id":"u-7","anonymous_id":"anon-1","session_id":"s-1",
                 "product":{"id":"sku-42","category":"kitchen","price":12.50,"quantity":2}}""");
    }

    static ObjectNode purchase() {
        return parse("""
                {"event_id":"3b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e14","type":"purchase","ts":"2026-11-25T10:00:03+01:00",
                 "user_id":"u-7","session_id":"s-1",
                 "order":{"id":"o-1001","revenue":34.90,"currency":"EUR",
                          "items":[{"product_id":"sku-42","price":12.50,"quantity":2},{"product_id":"sku-7","price":9.90,"quantity":1}]}}""");
    }

    /** The smallest valid event of a type: only what the contract requires. */
    static ObjectNode minimal(EventType type) {
        ObjectNode e = parse("""
                {"event_id":"4b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e15","ts":"2026-11-25T10:00:00Z","anonymous_id":"a","session_id":"s"}""");
        e.put("type", type.wireName());
        switch (type) {
            case PAGE_VIEW -> e.putObject("page").put("url", "/");
            case CLICK -> e.put("element", "#x");
            case ADD_TO_CART -> e.set("product", parse("{\"id\":\"p\",\"price\":0,\"quantity\":1}"));
            case PURCHASE -> e.set("order", parse("""
                    {"id":"o","revenue":0,"currency":"USD","items":[{"product_id":"p","price":0,"quantity":1}]}"""));
        }
        return e;
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) EventJson.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static JsonNode json(String json) {
        try {
            return EventJson.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** Sets the member at a dotted path (array indices as {@code [i]}) to a JSON value given as text. */
    static ObjectNode with(ObjectNode event, String path, String jsonValue) {
        JsonNode value = json(jsonValue);
        Target t = target(event, path);
        if (t.parent instanceof ObjectNode o) {
            o.set(t.name, value);
        } else {
            ((ArrayNode) t.parent).set(t.index, value);
        }
        return event;
    }

    /** Sets a string member at a path. */
    static ObjectNode withText(ObjectNode event, String path, String text) {
        return with(event, path, EventJson.write(text));
    }

    /** Removes the member at a path. */
    static ObjectNode without(ObjectNode event, String path) {
        Target t = target(event, path);
        if (t.parent instanceof ObjectNode o) {
            o.remove(t.name);
        } else {
            ((ArrayNode) t.parent).remove(t.index);
        }
        return event;
    }

    private record Target(JsonNode parent, String name, int index) {
    }

    private static Target target(ObjectNode root, String path) {
        String[] steps = path.replace("[", ".[").split("\\.");
        JsonNode node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
        }
        String last = steps[steps.length - 1];
        return last.startsWith("[")
                ? new Target(node, null, Integer.parseInt(last.substring(1, last.length() - 1)))
                : new Target(node, last, -1);
    }

    private static JsonNode step(JsonNode node, String step) {
        JsonNode next = step.startsWith("[")
                ? node.get(Integer.parseInt(step.substring(1, step.length() - 1)))
                : node.get(step);
        if (next == null) {
            throw new IllegalArgumentException("no " + step + " in " + node);
        }
        return next;
    }
}
