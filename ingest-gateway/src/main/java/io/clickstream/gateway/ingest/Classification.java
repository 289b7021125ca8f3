package io.clickstream.gateway.ingest;

import io.clickstream.gateway.ingest.Classified.Rejected;
import io.clickstream.gateway.ingest.Classified.ToPublish;
import java.util.List;

/**
 * A request's events after the classify step: one {@link Classified} per event in request order, and
 * the two lists the publish step sends (the records in slot order, then the dead letters).
 */
public record Classification(List<Classified> events, List<ToPublish> toPublish, List<Rejected> rejected) {
}
