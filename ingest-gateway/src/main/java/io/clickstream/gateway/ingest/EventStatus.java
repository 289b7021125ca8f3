package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to one event of a request. */
public enum EventStatus {
    /** Kafka acknowledged it (acks=all). */
    ACCEPTED,
    /** An event with the same event_id was acknowledged recently (or earlier in this request); not sent again. */
    DUPLICATE,
    /** It breaks the contract; the errors say where and why, and it went to events_dlq. */
    REJECTED,
    /** The client asked not to be tracked (DNT / Sec-GPC) and the gateway is configured to drop such events. */
    DROPPED,
    /** Only in 503 answers: Kafka did not acknowledge in time; it may or may not be stored. Resend it. */
    UNKNOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
