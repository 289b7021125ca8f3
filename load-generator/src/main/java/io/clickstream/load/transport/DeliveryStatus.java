package io.clickstream.load.transport;

/** What the receiving side said about one event, after all retries. */
public enum DeliveryStatus {
    /** Taken: the gateway answered {@code accepted} (it is in Kafka), or Kafka acknowledged it. */
    ACCEPTED,
    /** The gateway had already taken this {@code event_id}: the first copy was acknowledged. */
    DUPLICATE,
    /** Refused as invalid (per-event {@code rejected} or a 4xx for the whole request). */
    REJECTED,
    /** No acknowledgment before the retry budget ran out: it may or may not be in Kafka. */
    UNACKNOWLEDGED;

    /** Whether this answer proves that (a copy of) the event is in Kafka. */
    public boolean acknowledged() {
        return this == ACCEPTED || this == DUPLICATE;
    }
}
