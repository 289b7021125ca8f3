package io.clickstream.load.ledger;

import io.clickstream.event.EventType;
import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.math.BigDecimal;
import java.time.Instant;

/** The final answer for one sent event, with what the ledger needs from the event itself. */
public record Delivery(String eventId, Kind kind, EventType type, Instant ts, String partitionKey, BigDecimal revenue,
                       String orderId, DeliveryStatus status) {

    public static Delivery of(ScheduledEvent e, DeliveryStatus status) {
        return new Delivery(e.eventId(), e.kind(), e.type(), e.ts(), e.partitionKey(), e.revenue(), e.orderId(), status);
    }
}
