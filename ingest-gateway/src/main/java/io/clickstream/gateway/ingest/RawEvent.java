package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.Violation;
import io.clickstream.gateway.enrich.EventText;
import io.clickstream.gateway.ingest.CompactEventReader.CompactEvent;

/**
 * One event as it came in: its position, its original text in the decoded body (what the DLQ keeps,
 * and what enrichment splices into), and one of: the facts of a compact event that is certainly valid
 * ({@link CompactEventReader}; no tree is built for it), its parsed JSON, or the reason it could not be
 * parsed (a broken NDJSON line). The text stays bytes: only a rejected event needs it as a string.
 * An event of another protocol also keeps that protocol's message, for the DLQ.
 */
public record RawEvent(int index, EventText text, JsonNode json, Violation parseError, CompactEvent compact,
                       String original) {

    public RawEvent(int index, EventText text, JsonNode json, Violation parseError, CompactEvent compact) {
        this(index, text, json, parseError, compact, null);
    }

    public RawEvent(int index, EventText text, JsonNode json, Violation parseError) {
        this(index, text, json, parseError, null, null);
    }

    /**
     * An event mapped from another protocol's message: {@code text} is the mapped event's JSON,
     * {@code original} the message as the client sent it (what the DLQ keeps).
     */
    public static RawEvent mapped(int index, EventText text, JsonNode json, String original) {
        return new RawEvent(index, text, json, null, null, original);
    }

    /** The event's original text: the client's message for a mapped event. */
    public String raw() {
        return original != null ? original : text.asString();
    }
}
