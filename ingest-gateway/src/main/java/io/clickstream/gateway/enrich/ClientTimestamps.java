package io.clickstream.gateway.enrich;

import java.time.Instant;

/**
 * A compact event's {@code ts} and {@code sent_at} as read from its text, and where the {@code ts}
 * string (quotes included) lies in the body: {@code [tsStart, tsEnd)}, where a corrected value is spliced.
 *
 * @param sentAt null when the client sent none
 */
public record ClientTimestamps(Instant ts, Instant sentAt, int tsStart, int tsEnd) {
}
