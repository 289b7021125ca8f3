package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.Violation;

/**
 * One event as it came in: its position, its original text (what the DLQ keeps), and either its
 * parsed JSON or the reason it could not be parsed (a broken NDJSON line).
 */
public record RawEvent(int index, String raw, JsonNode json, Violation parseError) {
}
