package io.clickstream.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One clickstream event as it travels through the pipeline (docs/architecture.md, "Event contract").
 *
 * <p>The first block of fields is what a client sends; {@code receivedAt}, {@code ip} and
 * {@code site} are added by the gateway, which never trusts client-sent values for them.
 * {@code tsCorrected} is true when the gateway rewrote {@code ts} (clock skew or far future).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClickEvent(
        @JsonProperty(Fields.EVENT_ID) String eventId,
        EventType type,
        Instant ts,
        @JsonProperty(Fields.SENT_AT) Instant sentAt,
        @JsonProperty(Fields.USER_ID) String userId,
        @JsonProperty(Fields.ANONYMOUS_ID) String anonymousId,
        @JsonProperty(Fields.SESSION_ID) String sessionId,
        Page page,
        String element,
        Product product,
        Order order,
        JsonNode context,
        @JsonProperty(Fields.RECEIVED_AT) Instant receivedAt,
        String ip,
        String site,
        @JsonProperty(Fields.TS_CORRECTED) Boolean tsCorrected) {

    /**
     * The Kafka record key: {@code user_id} if present, else {@code anonymous_id}. Keeping one
     * user's events on one partition keeps them in order and co-locates per-user state in Spark.
     */
    public String partitionKey() {
        return partitionKey(userId, anonymousId);
    }

    /** The partition key rule, for callers that hold the two identities but no event. */
    public static String partitionKey(String userId, String anonymousId) {
        return userId != null && !userId.isEmpty() ? userId : anonymousId;
    }

    /** The topic this event belongs on. */
    public String topic() {
        return type.topic();
    }
}
