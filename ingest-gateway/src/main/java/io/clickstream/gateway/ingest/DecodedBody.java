package io.clickstream.gateway.ingest;

import java.util.List;

/**
 * A request body split into events.
 *
 * @param batch false only for a body that is one JSON object; a single rejected event is then a 400
 */
public record DecodedBody(boolean batch, List<RawEvent> events) {
}
