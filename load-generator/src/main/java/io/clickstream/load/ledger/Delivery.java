package io.clickstream.load.ledger;

import io.clickstream.event.EventType;
import io.clickstream.event.OrderItem;
import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The final answer for one sent event, with what the ledger needs from the event itself. */
public record Delivery(String eventId, Kind kind, EventType type, Instant ts, String partitionKey, BigDecimal revenue,
                       String orderId, DeliveryStatus status, String pageKey, List<OrderItem> items) {

    public Delivery {
        items = items == null ? List.of() : items;
    }

    /** A delivery that counts for no ranking (no page key, no order items). */
    public Delivery(String eventId, Kind kind, EventType type, Instant ts, String partitionKey, BigDecimal revenue,
                    String orderId, DeliveryStatus status) {
        this(eventId, kind, type, ts, partitionKey, revenue, orderId, status, null, List.of());
    }

    public static Delivery of(ScheduledEvent e, DeliveryStatus status) {
        return new Delivery(e.eventId(), e.kind(), e.type(), e.ts(), e.partitionKey(), e.revenue(), e.orderId(), status,
                e.pageKey(), e.items());
    }
}
