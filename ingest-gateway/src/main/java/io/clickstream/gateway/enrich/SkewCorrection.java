package io.clickstream.gateway.enrich;

import java.time.Duration;
import java.time.Instant;

/**
 * Corrects an event's time for the client's clock. A client that sends {@code sent_at} tells us its
 * clock at the moment of sending; {@code received_at − sent_at} is then its skew (plus network time),
 * and the same offset applies to {@code ts}. Small offsets are left alone (they are mostly network
 * latency); times still in the future after that are clamped to {@code received_at}.
 *
 * @param ts        the event time to store
 * @param corrected whether {@code ts} differs from what the client sent
 */
public record SkewCorrection(Instant ts, boolean corrected) {

    public static SkewCorrection apply(Instant ts, Instant sentAt, Instant receivedAt,
                                       Duration threshold, Duration maxFuture) {
        Instant result = ts;
        boolean corrected = false;
        if (sentAt != null) {
            Duration skew = Duration.between(sentAt, receivedAt);
            if (skew.abs().compareTo(threshold) > 0) {
                result = ts.plus(skew);
                corrected = true;
            }
        }
        if (result.isAfter(receivedAt.plus(maxFuture))) {
            result = receivedAt;
            corrected = true;
        }
        return new SkewCorrection(result, corrected);
    }
}
