package io.clickstream.load.schedule;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import io.clickstream.event.OrderItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One thing to send, at an exact offset from the run start, with what the ledger needs to know
 * about it (so the ledger never re-parses the JSON).
 *
 * @param sendAtNanos  scheduled send time as offset from the run start (the "intended start" that
 *                     latency is measured from)
 * @param ordinal      arrival order of the user, breaks ties deterministically
 * @param seq          index of the event in the user's stream
 * @param kind         what the event is for
 * @param eventId      {@code event_id}; may be null for a malformed event
 * @param type         event type; null for a malformed event
 * @param ts           event time (differs from the send time for late and out-of-order events)
 * @param partitionKey user key
 * @param revenue      {@code order.revenue} of a purchase, else null
 * @param orderId      {@code order.id} of a purchase, else null
 * @param json         the exact body to send
 * @param pageKey      the page a page view counts for in the top pages ({@code page.path}, else {@code page.url}); else null
 * @param items        {@code order.items} of a purchase (top products), else empty
 * @param event        the event itself (sessions, funnel, breakdowns of the ledger); null for a malformed one
 * @param site         the site it is sent for: the transport sends it with that site's write key; null = the
 *                     gateway's default
 */
public record ScheduledEvent(long sendAtNanos, long ordinal, int seq, Kind kind, String eventId, EventType type,
                             Instant ts, String partitionKey, BigDecimal revenue, String orderId, String json,
                             String pageKey, List<OrderItem> items, ClickEvent event, String site)
        implements Comparable<ScheduledEvent> {

    public ScheduledEvent {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** An event without the event object and site (tests of the transports). */
    public ScheduledEvent(long sendAtNanos, long ordinal, int seq, Kind kind, String eventId, EventType type,
                          Instant ts, String partitionKey, BigDecimal revenue, String orderId, String json,
                          String pageKey, List<OrderItem> items) {
        this(sendAtNanos, ordinal, seq, kind, eventId, type, ts, partitionKey, revenue, orderId, json, pageKey, items,
                null, null);
    }

    /** The same event sent again {@code resendAtNanos} (a duplicate resend). */
    public ScheduledEvent resend(long resendAtNanos, int resendSeq) {
        return new ScheduledEvent(resendAtNanos, ordinal, resendSeq, Kind.DUPLICATE_RESEND, eventId, type, ts,
                partitionKey, revenue, orderId, json, pageKey, items, event, site);
    }

    /** An event that counts for no ranking (no page view, no purchase items). */
    public ScheduledEvent(long sendAtNanos, long ordinal, int seq, Kind kind, String eventId, EventType type,
                          Instant ts, String partitionKey, BigDecimal revenue, String orderId, String json) {
        this(sendAtNanos, ordinal, seq, kind, eventId, type, ts, partitionKey, revenue, orderId, json, null, List.of());
    }

    public enum Kind {
        /** A regular shop event. */
        NORMAL,
        /** A shop event with {@code ts} 20–60 s in the past. */
        LATE,
        /** A shop event with {@code ts} 1–8 s in the past, before the user's previous event. */
        OUT_OF_ORDER,
        /** A second send of an event already scheduled, same {@code event_id}. */
        DUPLICATE_RESEND,
        /** Breaks the contract; must be rejected and counts zero. */
        MALFORMED,
        /** An event of an injected bot. */
        BOT,
        /** A page view of a window shopper added by a conversion-drop injection. */
        WINDOW_SHOPPER;

        public boolean counts() {
            return this != MALFORMED;
        }
    }

    @Override
    public int compareTo(ScheduledEvent o) {
        int c = Long.compare(sendAtNanos, o.sendAtNanos);
        if (c != 0) {
            return c;
        }
        c = Long.compare(ordinal, o.ordinal);
        return c != 0 ? c : Integer.compare(seq, o.seq);
    }
}
