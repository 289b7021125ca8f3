package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.Violation;
import io.clickstream.gateway.ingest.CompactEventReader.CompactEvent;
import java.nio.charset.StandardCharsets;

/**
 * One event as it came in: its position, where its original text lies in the decoded body (what the
 * DLQ keeps, and what enrichment splices into), and one of: the facts of a compact event that is
 * certainly valid ({@link CompactEventReader}; no tree is built for it), its parsed JSON, or the
 * reason it could not be parsed (a broken NDJSON line). The text stays bytes: only a rejected event
 * needs it as a string.
 */
public record RawEvent(int index, byte[] text, int offset, int length, JsonNode json, Violation parseError,
                       CompactEvent compact) {

    public RawEvent(int index, byte[] text, int offset, int length, JsonNode json, Violation parseError) {
        this(index, text, offset, length, json, parseError, null);
    }

    /** The event's original text. */
    public String raw() {
        return new String(text, offset, length, StandardCharsets.UTF_8);
    }
}
