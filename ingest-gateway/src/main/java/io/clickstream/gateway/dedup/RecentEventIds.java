package io.clickstream.gateway.dedup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The event ids Kafka acknowledged recently, bounded in count and age. An id is remembered only
 * after its first copy was acknowledged: a resend after a 503 (whose first copy may never have
 * reached Kafka) is therefore published again rather than answered "duplicate" and lost. Spark's
 * own de-duplication by {@code event_id} absorbs the copies this lets through.
 */
public final class RecentEventIds {

    private final Cache<String, Boolean> acknowledged;

    public RecentEventIds(long maxEntries, Duration ttl) {
        this.acknowledged = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .build();
    }

    /** Whether an event with this id was acknowledged by Kafka recently. */
    public boolean wasAcknowledged(String eventId) {
        return acknowledged.getIfPresent(eventId) != null;
    }

    /** Records that Kafka acknowledged the event with this id. */
    public void acknowledged(String eventId) {
        acknowledged.put(eventId, Boolean.TRUE);
    }

    /** Approximate number of ids held (for tests and diagnostics). */
    public long size() {
        acknowledged.cleanUp();
        return acknowledged.estimatedSize();
    }
}
