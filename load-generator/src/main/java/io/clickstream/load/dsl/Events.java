package io.clickstream.load.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import io.clickstream.event.Order;
import io.clickstream.event.Page;
import io.clickstream.event.Product;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Builds contract events for the session's user at the session's virtual time. Timestamps are
 * truncated to milliseconds (what Spark and Elasticsearch keep), event ids come from the user's
 * seeded generator.
 */
public final class Events {

    private Events() {
    }

    public static ClickEvent pageView(Session s, Page page, JsonNode context) {
        return event(s, EventType.PAGE_VIEW, page, null, null, null, context);
    }

    public static ClickEvent click(Session s, Page page, String element) {
        return event(s, EventType.CLICK, page, element, null, null, null);
    }

    public static ClickEvent addToCart(Session s, Page page, Product product) {
        return event(s, EventType.ADD_TO_CART, page, null, product, null, null);
    }

    public static ClickEvent purchase(Session s, Page page, Order order) {
        return event(s, EventType.PURCHASE, page, null, null, order, null);
    }

    public static ClickEvent event(Session s, EventType type, Page page, String element, Product product, Order order,
                                   JsonNode context) {
        return new ClickEvent(s.uuid().toString(), type, s.now().truncatedTo(ChronoUnit.MILLIS), null,
                s.userId(), s.anonymousId(), s.sessionId(), page, element, product, order, context,
                null, null, null, null);
    }

    /** A copy of {@code e} with another order (site-level anomaly injection). */
    public static ClickEvent withOrder(ClickEvent e, Order order) {
        return new ClickEvent(e.eventId(), e.type(), e.ts(), e.sentAt(), e.userId(), e.anonymousId(), e.sessionId(),
                e.page(), e.element(), e.product(), order, e.context(), e.receivedAt(), e.ip(), e.site(),
                e.tsCorrected());
    }

    /** A copy of {@code e} with another event time (late and out-of-order injection). */
    public static ClickEvent withTs(ClickEvent e, Instant ts) {
        return new ClickEvent(e.eventId(), e.type(), ts, e.sentAt(), e.userId(), e.anonymousId(), e.sessionId(),
                e.page(), e.element(), e.product(), e.order(), e.context(), e.receivedAt(), e.ip(), e.site(),
                e.tsCorrected());
    }
}
