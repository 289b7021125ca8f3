package io.clickstream.gateway.it;

import java.time.Instant;
import java.util.UUID;

/** Valid events of each type, as a client sends them. */
final class Events {

    private Events() {
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static String pageView(String id, String user) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"page_view\",\"ts\":\"" + Instant.now() + "\","
                + "\"user_id\":\"" + user + "\",\"session_id\":\"s-1\",\"page\":{\"url\":\"https://shop.example/p/1\",\"path\":\"/p/1\"}}";
    }

    static String click(String id, String anonymousId) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"click\",\"ts\":\"" + Instant.now() + "\","
                + "\"anonymous_id\":\"" + anonymousId + "\",\"session_id\":\"s-1\",\"element\":\"#buy\"}";
    }

    static String addToCart(String id, String user) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"add_to_cart\",\"ts\":\"" + Instant.now() + "\","
                + "\"user_id\":\"" + user + "\",\"anonymous_id\":\"anon-x\",\"session_id\":\"s-1\","
                + "\"product\":{\"id\":\"sku-1\",\"category\":\"shoes\",\"price\":59.9,\"quantity\":1}}";
    }

    static String purchase(String id, String user) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"purchase\",\"ts\":\"" + Instant.now() + "\","
                + "\"user_id\":\"" + user + "\",\"session_id\":\"s-1\","
                + "\"order\":{\"id\":\"o-1\",\"revenue\":119.8,\"currency\":\"EUR\","
                + "\"items\":[{\"product_id\":\"sku-1\",\"price\":59.9,\"quantity\":2}]}}";
    }

    /** A click without session_id and element: rejected with two violations. */
    static String invalidClick(String id) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"click\",\"ts\":\"" + Instant.now() + "\",\"anonymous_id\":\"a\"}";
    }
}
