package io.clickstream.analytics.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** Enriched event JSON as the gateway writes it to Kafka, for tests. */
public final class Events {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Events() {
    }

    public static String pageView(String eventId, String ts, String user, String path) {
        return pageViewNode(eventId, ts, user, path).toString();
    }

    /** {@link #pageView} as a tree, for a caller that adds to it. */
    public static ObjectNode pageViewNode(String eventId, String ts, String user, String path) {
        ObjectNode e = base(eventId, "page_view", ts, user);
        e.putObject("page").put("url", "https://shop.example" + path).put("path", path);
        return e;
    }

    public static String click(String eventId, String ts, String user, String element) {
        return clickNode(eventId, ts, user, element).toString();
    }

    public static ObjectNode clickNode(String eventId, String ts, String user, String element) {
        return base(eventId, "click", ts, user).put("element", element);
    }

    public static String addToCart(String eventId, String ts, String user, String productId, String price, int quantity) {
        return addToCartNode(eventId, ts, user, productId, price, quantity).toString();
    }

    public static ObjectNode addToCartNode(String eventId, String ts, String user, String productId, String price, int quantity) {
        ObjectNode e = base(eventId, "add_to_cart", ts, user);
        e.putObject("product").put("id", productId).put("category", "books")
                .put("price", new BigDecimal(price)).put("quantity", quantity);
        return e;
    }

    /** A purchase; items are (product_id, price, quantity) triples; revenue is given explicitly. */
    public static String purchase(String eventId, String ts, String user, String orderId, String revenue, Object... items) {
        return purchaseNode(eventId, ts, user, orderId, revenue, items).toString();
    }

    public static ObjectNode purchaseNode(String eventId, String ts, String user, String orderId, String revenue, Object... items) {
        ObjectNode e = base(eventId, "purchase", ts, user);
        ObjectNode order = e.putObject("order").put("id", orderId).put("revenue", new BigDecimal(revenue)).put("currency", "EUR");
        ArrayNode array = order.putArray("items");
        for (int i = 0; i < items.length; i += 3) {
            array.addObject().put("product_id", (String) items[i]).put("price", new BigDecimal((String) items[i + 1]))
                    .put("quantity", (Integer) items[i + 2]);
        }
        return e;
    }

    /** Event ids in tests are readable; the contract's UUID rule is the gateway's, not Spark's. */
    public static String id(int n) {
        return String.format("00000000-0000-0000-0000-%012d", n);
    }

    private static ObjectNode base(String eventId, String type, String ts, String user) {
        ObjectNode e = JSON.objectNode();
        e.put("event_id", eventId).put("type", type).put("ts", ts);
        if (user.startsWith("anon-")) {
            e.put("anonymous_id", user);
        } else {
            e.put("user_id", user);
        }
        e.put("session_id", "s-" + user).put("site", "shop").put("received_at", ts).put("ip", "10.0.0.0");
        return e;
    }
}
