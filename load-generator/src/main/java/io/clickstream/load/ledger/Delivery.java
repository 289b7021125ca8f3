package io.clickstream.load.ledger;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import io.clickstream.event.OrderItem;
import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The final answer for one sent event, with what the ledger needs from the event itself.
 *
 * @param event the event as generated (sessions, funnel filters, breakdown dimensions); null for a malformed one
 * @param site  the site the gateway assigns to it (from the write key it was sent with)
 */
public record Delivery(String eventId, Kind kind, EventType type, Instant ts, String partitionKey, BigDecimal revenue,
                       String orderId, DeliveryStatus status, String pageKey, List<OrderItem> items, ClickEvent event,
                       String site) {

    public Delivery {
        items = items == null ? List.of() : items;
    }

    /** A delivery without the event itself (no session id: its user's events form sessions by the gap alone). */
    public Delivery(String eventId, Kind kind, EventType type, Instant ts, String partitionKey, BigDecimal revenue,
                    String orderId, DeliveryStatus status, String pageKey, List<OrderItem> items) {
        this(eventId, kind, type, ts, partitionKey, revenue, orderId, status, pageKey, items, null, null);
    }

    /** {@code session_id} of the event, null when unknown. */
    public String sessionId() {
        return event == null ? null : event.sessionId();
    }

    /** A delivery that counts for no ranking (no page key, no order items). */
    public Delivery(String eventId, Kind kind, EventType type, Instant ts, String partitionKey, BigDecimal revenue,
                    String orderId, DeliveryStatus status) {
        this(eventId, kind, type, ts, partitionKey, revenue, orderId, status, null, List.of());
    }

    public static Delivery of(ScheduledEvent e, DeliveryStatus status) {
        return new Delivery(e.eventId(), e.kind(), e.type(), e.ts(), e.partitionKey(), e.revenue(), e.orderId(), status,
                e.pageKey(), e.items(), e.event(), e.site());
    }
}
