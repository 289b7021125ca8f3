package io.clickstream.gateway.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a validated client event into the enriched event Spark reads: the client's JSON plus
 * {@code received_at}, the anonymised {@code ip}, {@code site} and, when the gateway rewrote
 * {@code ts}, {@code ts_corrected: true} (DEVELOPERS.md, "Event contract").
 */
public final class EventEnricher {

    private final Duration skewThreshold;
    private final Duration maxFuture;

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
        Instant ts = Instant.parse(event.get("ts").textValue());
        JsonNode sentAtNode = event.get("sent_at");
        Instant sentAt = sentAtNode == null || sentAtNode.isNull() ? null : Instant.parse(sentAtNode.textValue());
        SkewCorrection correction = SkewCorrection.apply(ts, sentAt, receivedAt, skewThreshold, maxFuture);
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
