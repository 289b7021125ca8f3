package io.clickstream.event;

import java.time.Instant;

/**
 * The contract's timestamps ({@link EventValidator#TIMESTAMP_REGEX}: {@code ts}, {@code sent_at}) as
 * instants, in one pass over the text without regular expressions or {@link Instant#parse}'s
 * formatter: what the gateway needs per event after validation.
 */
public final class EventTimestamps {

    private EventTimestamps() {
    }

    /**
     * The instant {@code text} names, or {@code null} when it is not a contract timestamp (the
     * validator reports those); for a contract timestamp, the same instant as {@link Instant#parse}.
     */
    public static Instant parse(String text) {
        return Shapes.parseTimestamp(text);
    }
}
