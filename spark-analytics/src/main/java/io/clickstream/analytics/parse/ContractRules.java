package io.clickstream.analytics.parse;

import io.clickstream.event.EventType;
import io.clickstream.event.Fields;
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
    /** The reasons, built once from the contract's names and limits, not per checked record. */
    private static final String EVENT_ID_REQUIRED = Fields.EVENT_ID + ": required";
    private static final String TYPE_REQUIRED = Fields.TYPE + ": required";
    private static final String TYPE_UNKNOWN = Fields.TYPE + ": must be one of " + EventType.wireNames();
    private static final String TYPE_WRONG_TOPIC = Fields.TYPE + ": does not belong on this topic";
    private static final String TS_REQUIRED = Fields.TS + ": required";
    private static final String TS_NOT_REAL = Fields.TS + ": not an ISO-8601 instant after " + EARLIEST;
    private static final String IDENTITY_REQUIRED = Fields.USER_ID + "/" + Fields.ANONYMOUS_ID + ": at least one required";
    private static final String SESSION_REQUIRED = Fields.SESSION_ID + ": required";
    private static final String PAGE_URL_REQUIRED = Fields.PAGE + "." + Fields.Page.URL + ": required for " + EventType.PAGE_VIEW.wireName();
    private static final String ELEMENT_REQUIRED = Fields.ELEMENT + ": required for " + EventType.CLICK.wireName();
    private static final String PRODUCT_ID_REQUIRED = product(Fields.Product.ID) + ": required for " + EventType.ADD_TO_CART.wireName();
    private static final String PRODUCT_PRICE_REQUIRED = product(Fields.Product.PRICE) + ": required for " + EventType.ADD_TO_CART.wireName();
    private static final String PRODUCT_QUANTITY_REQUIRED = product(Fields.Product.QUANTITY) + ": required for " + EventType.ADD_TO_CART.wireName();
    private static final String PRODUCT_PRICE_MINIMUM = product(Fields.Product.PRICE) + ": must be >= " + ValidationLimits.MIN_AMOUNT;
    private static final String PRODUCT_QUANTITY_MINIMUM = product(Fields.Product.QUANTITY) + ": must be >= " + ValidationLimits.MIN_QUANTITY;
    private static final String ORDER_ID_REQUIRED = order(Fields.Order.ID) + ": required for " + EventType.PURCHASE.wireName();
    private static final String ORDER_REVENUE_REQUIRED = order(Fields.Order.REVENUE) + ": required for " + EventType.PURCHASE.wireName();
    private static final String ORDER_CURRENCY_REQUIRED = order(Fields.Order.CURRENCY) + ": required for " + EventType.PURCHASE.wireName();
    private static final String ORDER_ITEMS_REQUIRED = order(Fields.Order.ITEMS) + ": at least one item required for " + EventType.PURCHASE.wireName();
    private static final String ORDER_REVENUE_MINIMUM = order(Fields.Order.REVENUE) + ": must be >= " + ValidationLimits.MIN_AMOUNT;
    private static final String ORDER_ITEM_INVALID = order(Fields.Order.ITEMS) + ": each item needs " + Fields.OrderItem.PRODUCT_ID
            + ", " + Fields.OrderItem.PRICE + " >= " + ValidationLimits.MIN_AMOUNT + ", " + Fields.OrderItem.QUANTITY + " >= " + ValidationLimits.MIN_QUANTITY;

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
        check(broken, blank(e.eventId()), EVENT_ID_REQUIRED);
        check(broken, blank(type), TYPE_REQUIRED);
        check(broken, type != null && known == null, TYPE_UNKNOWN);
        check(broken, known != null && !known.topic().equals(topic), TYPE_WRONG_TOPIC);
        check(broken, e.ts() == null, TS_REQUIRED);
        check(broken, e.ts() != null && (ts == null || ts.isBefore(EARLIEST)), TS_NOT_REAL);
        check(broken, userKey(e) == null, IDENTITY_REQUIRED);
        check(broken, blank(e.sessionId()), SESSION_REQUIRED);
        check(broken, known == EventType.PAGE_VIEW && blank(e.pageUrl()), PAGE_URL_REQUIRED);
        check(broken, known == EventType.CLICK && blank(e.element()), ELEMENT_REQUIRED);
        boolean cart = known == EventType.ADD_TO_CART;
        check(broken, cart && blank(e.productId()), PRODUCT_ID_REQUIRED);
        check(broken, cart && e.productPrice() == null, PRODUCT_PRICE_REQUIRED);
        check(broken, cart && e.productQuantity() == null, PRODUCT_QUANTITY_REQUIRED);
        check(broken, belowMinimum(e.productPrice()), PRODUCT_PRICE_MINIMUM);
        check(broken, e.productQuantity() != null && e.productQuantity() < ValidationLimits.MIN_QUANTITY, PRODUCT_QUANTITY_MINIMUM);
        boolean purchase = known == EventType.PURCHASE;
        check(broken, purchase && blank(e.orderId()), ORDER_ID_REQUIRED);
        check(broken, purchase && e.revenue() == null, ORDER_REVENUE_REQUIRED);
        check(broken, purchase && blank(e.currency()), ORDER_CURRENCY_REQUIRED);
        check(broken, purchase && (e.items() == null || e.items().isEmpty()), ORDER_ITEMS_REQUIRED);
        check(broken, belowMinimum(e.revenue()), ORDER_REVENUE_MINIMUM);
        check(broken, e.items() != null && e.items().stream().anyMatch(ContractRules::badItem), ORDER_ITEM_INVALID);
        return broken;
    }

    private static boolean badItem(RawEvent.Item item) {
        return item == null || blank(item.productId()) || item.price() == null || belowMinimum(item.price())
                || item.quantity() == null || item.quantity() < ValidationLimits.MIN_QUANTITY;
    }

    private static String product(String field) {
        return Fields.PRODUCT + "." + field;
    }

    private static String order(String field) {
        return Fields.ORDER + "." + field;
    }

    private static void check(List<String> broken, boolean isBroken, String message) {
        if (isBroken) {
            broken.add(message);
        }
    }

    private static boolean belowMinimum(BigDecimal amount) {
        return amount != null && amount.compareTo(ValidationLimits.MIN_AMOUNT) < 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
