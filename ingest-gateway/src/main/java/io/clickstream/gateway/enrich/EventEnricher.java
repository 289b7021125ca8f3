package io.clickstream.gateway.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventTimestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a validated client event into the enriched event Spark reads: the client's JSON plus
 * {@code received_at}, the anonymised {@code ip}, {@code site} and, when the gateway rewrote
 * {@code ts}, {@code ts_corrected: true} (docs/architecture.md, "Event contract").
 */
public final class EventEnricher {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final Duration skewThreshold;
    private final Duration maxFuture;
    /** The last received_at written: every event of a request has the same one. */
    private volatile ReceivedAt lastReceivedAt = new ReceivedAt(Instant.EPOCH, Instant.EPOCH.toString());

    private record ReceivedAt(Instant instant, String text) {
    }

    public EventEnricher(Duration skewThreshold, Duration maxFuture) {
        this.skewThreshold = skewThreshold;
        this.maxFuture = maxFuture;
    }

    /**
     * Enriches {@code event} in place and returns it.
     *
     * @param anonymisedIp the client address already anonymised, or null to store none
     * @param stripUserAgent true when a privacy signal asks for less: drops {@code context.user_agent}
     */
    public ObjectNode enrich(ObjectNode event, Instant receivedAt, String anonymisedIp, String site,
                             boolean stripUserAgent) {
        return enrich(event, correction(event, receivedAt), receivedAt, anonymisedIp, site, stripUserAgent);
    }

    /** The values enrichment adds to every event of a request received at {@code receivedAt}. */
    public RequestEnrichment forRequest(Instant receivedAt, String anonymisedIp, String site, boolean stripUserAgent) {
        return new RequestEnrichment(receivedAt, text(receivedAt), anonymisedIp, site, stripUserAgent);
    }

    /**
     * The enriched event as the JSON published to Kafka: exactly the bytes the contract's mapper writes
     * for {@link #enrich}'s result. {@code text} is the client's original text of {@code event}; when it
     * is already in the mapper's form (compact, plain ASCII — what trackers send) the gateway's fields
     * are spliced into it instead of serialising the whole tree again. {@code event} is modified only
     * when that is not possible.
     */
    public byte[] enrichToJson(ObjectNode event, EventText text, RequestEnrichment request) {
        SkewCorrection correction = correction(event, request.receivedAt());
        if (!(request.stripUserAgent() && event.get("context") instanceof ObjectNode context && context.has("user_agent"))) {
            byte[] spliced = EnrichedJsonSplice.splice(event, text,
                    correction.corrected() ? correction.ts().toString() : null, request.splicedFields());
            if (spliced != null) {
                return spliced;
            }
        }
        try {
            return MAPPER.writeValueAsBytes(enrich(event, correction, request.receivedAt(), request.anonymisedIp(),
                    request.site(), request.stripUserAgent()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed event is always serialisable", e);
        }
    }

    /**
     * The enriched event as the JSON published to Kafka, for a client event whose {@code text} is
     * compact, ASCII, without escapes, numbers or duplicate keys and holds no {@code context} (as the
     * gateway's reader of compact events vouches): the same bytes as {@link #enrichToJson} for its
     * tree, without building one.
     *
     * @return the JSON, or null if a value needs escaping (then use {@link #enrichToJson})
     */
    public byte[] enrichCompact(EventText text, ClientTimestamps times, RequestEnrichment request) {
        byte[] fields = request.splicedFields();
        if (fields == null) {
            return null;
        }
        SkewCorrection correction = SkewCorrection.apply(times.ts(), times.sentAt(), request.receivedAt(),
                skewThreshold, maxFuture);
        return EnrichedJsonSplice.write(text, times.tsStart(), times.tsEnd(),
                correction.corrected() ? correction.ts().toString() : null, fields);
    }

    private String text(Instant receivedAt) {
        ReceivedAt last = lastReceivedAt;
        if (!last.instant().equals(receivedAt)) {
            last = new ReceivedAt(receivedAt, receivedAt.toString());
            lastReceivedAt = last;
        }
        return last.text();
    }

    private SkewCorrection correction(ObjectNode event, Instant receivedAt) {
        Instant ts = instant(event.get("ts").textValue());
        JsonNode sentAtNode = event.get("sent_at");
        Instant sentAt = sentAtNode == null || sentAtNode.isNull() ? null : instant(sentAtNode.textValue());
        return SkewCorrection.apply(ts, sentAt, receivedAt, skewThreshold, maxFuture);
    }

    /** A validated event's timestamp (the contract's grammar, parsed without a formatter: JFR showed it hot). */
    private static Instant instant(String text) {
        Instant parsed = EventTimestamps.parse(text);
        // Only validated events reach enrichment; for text outside the contract's grammar, Instant.parse
        // decides (and names the problem if it cannot parse it either).
        return parsed != null ? parsed : Instant.parse(text);
    }

    private static ObjectNode enrich(ObjectNode event, SkewCorrection correction, Instant receivedAt,
                                     String anonymisedIp, String site, boolean stripUserAgent) {
        if (correction.corrected()) {
            event.put("ts", correction.ts().toString());
            event.put("ts_corrected", true);
        }
        event.put("received_at", receivedAt.toString());
        if (anonymisedIp != null) {
            event.put("ip", anonymisedIp);
        }
        event.put("site", site);
        if (stripUserAgent && event.get("context") instanceof ObjectNode context) {
            context.remove("user_agent");
        }
        return event;
    }
}
