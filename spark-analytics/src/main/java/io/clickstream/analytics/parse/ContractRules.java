package io.clickstream.analytics.parse;

import io.clickstream.event.EventType;
import io.clickstream.event.ValidationLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract rules the analytics enforce on a well-formed record ({@link RawEvent}): the ones
 * without which an event cannot be counted correctly (identity, type and topic, a real timestamp,
 * the fields each type's KPIs read, non-negative money). Records straight from Kafka did not
 * necessarily pass the gateway, so the job checks them again; every broken rule is reported, in a
 * fixed order.
 */
public final class ContractRules {

    /** Timestamps before this are not real event times (e.g. {@code 123} read as a year). */
    public static final Instant EARLIEST = ValidationLimits.defaults().earliestTimestamp();
    /** Built once, not per checked record. */
    private static final String TS_NOT_REAL = "ts: not an ISO-8601 instant after " + EARLIEST;

    private ContractRules() {
    }

    /** The user identity: {@code user_id}, else {@code anonymous_id}; empty strings count as absent. */
    public static String userKey(RawEvent e) {
        return !blank(e.userId()) ? e.userId() : !blank(e.anonymousId()) ? e.anonymousId() : null;
    }

    /**
     * The rules {@code e}, read from {@code topic}, breaks (empty when it is a valid event);
     * {@code ts} is its parsed {@code ts} ({@code null} when absent or unparseable).
     */
    public static List<String> broken(RawEvent e, String topic, Instant ts) {
        List<String> broken = new ArrayList<>(0);
        String type = e.type();
        EventType known = EventType.fromWireName(type).orElse(null);
        check(broken, blank(e.eventId()), "event_id: required");
        check(broken, blank(type), "type: required");
        check(broken, type != null && known == null, "type: must be one of page_view, click, add_to_cart, purchase");
        check(broken, known != null && !known.topic().equals(topic), "type: does not belong on this topic");
        check(broken, e.ts() == null, "ts: required");
        check(broken, e.ts() != null && (ts == null || ts.isBefore(EARLIEST)), TS_NOT_REAL);
        check(broken, userKey(e) == null, "user_id/anonymous_id: at least one required");
        check(broken, blank(e.sessionId()), "session_id: required");
        check(broken, known == EventType.PAGE_VIEW && blank(e.pageUrl()), "page.url: required for page_view");
        check(broken, known == EventType.CLICK && blank(e.element()), "element: required for click");
        boolean cart = known == EventType.ADD_TO_CART;
        check(broken, cart && blank(e.productId()), "product.id: required for add_to_cart");
        check(broken, cart && e.productPrice() == null, "product.price: required for add_to_cart");
        check(broken, cart && e.productQuantity() == null, "product.quantity: required for add_to_cart");
        check(broken, negative(e.productPrice()), "product.price: must be >= 0");
        check(broken, e.productQuantity() != null && e.productQuantity() < 1, "product.quantity: must be >= 1");
        boolean purchase = known == EventType.PURCHASE;
        check(broken, purchase && blank(e.orderId()), "order.id: required for purchase");
        check(broken, purchase && e.revenue() == null, "order.revenue: required for purchase");
        check(broken, purchase && blank(e.currency()), "order.currency: required for purchase");
        check(broken, purchase && (e.items() == null || e.items().isEmpty()),
                "order.items: at least one item required for purchase");
        check(broken, negative(e.revenue()), "order.revenue: must be >= 0");
        check(broken, e.items() != null && e.items().stream().anyMatch(ContractRules::badItem),
                "order.items: each item needs product_id, price >= 0, quantity >= 1");
        return broken;
    }

    private static boolean badItem(RawEvent.Item item) {
        return item == null || blank(item.productId()) || item.price() == null || item.price().signum() < 0
                || item.quantity() == null || item.quantity() < 1;
    }

    private static void check(List<String> broken, boolean isBroken, String message) {
        if (isBroken) {
            broken.add(message);
        }
    }

    private static boolean negative(BigDecimal amount) {
        return amount != null && amount.signum() < 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
