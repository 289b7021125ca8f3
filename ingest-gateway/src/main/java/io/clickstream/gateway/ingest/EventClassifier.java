package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.event.Violation;
import io.clickstream.gateway.dedup.FirstCopies;
import io.clickstream.gateway.dedup.RecentEventIds;
import io.clickstream.gateway.enrich.EventEnricher;
import io.clickstream.gateway.enrich.PrivacyAction;
import io.clickstream.gateway.enrich.RequestEnrichment;
import io.clickstream.gateway.ingest.Classified.Dropped;
import io.clickstream.gateway.ingest.Classified.Duplicate;
import io.clickstream.gateway.ingest.Classified.Rejected;
import io.clickstream.gateway.ingest.Classified.ToPublish;
import io.clickstream.gateway.ingest.CompactEventReader.CompactEvent;
import io.clickstream.gateway.publish.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/**
 * The classify step: validates each event of a request, finds duplicates (within the request and
 * among ids Kafka acknowledged recently), honours a privacy drop, and enriches what is to be published
 * into the exact bytes for Kafka. No I/O and no counting: what it decides is a {@link Classification}.
 */
public final class EventClassifier {

    private final EventValidator validator;
    private final EventEnricher enricher;
    private final RecentEventIds recentIds;

    public EventClassifier(EventValidator validator, EventEnricher enricher, RecentEventIds recentIds) {
        this.validator = validator;
        this.enricher = enricher;
        this.recentIds = recentIds;
    }

    public Classification classify(DecodedBody body, RequestMeta meta) {
        List<RawEvent> events = body.events();
        List<Classified> out = new ArrayList<>(events.size());
        List<ToPublish> toPublish = new ArrayList<>(events.size());
        List<Rejected> rejected = new ArrayList<>(0);
        FirstCopies firstCopies = new FirstCopies(events.size());
        RequestEnrichment enrichment = enricher.forRequest(meta.receivedAt(), meta.anonymisedIp(), meta.site(),
                meta.privacy() == PrivacyAction.ANONYMISE);
        for (RawEvent raw : events) {
            Classified classified = classify(raw, meta, enrichment, firstCopies, toPublish.size());
            if (classified instanceof ToPublish p) {
                toPublish.add(p);
            } else if (classified instanceof Rejected r) {
                rejected.add(r);
            }
            out.add(classified);
        }
        return new Classification(out, toPublish, rejected);
    }

    private Classified classify(RawEvent raw, RequestMeta meta, RequestEnrichment enrichment, FirstCopies firstCopies,
                                int nextSlot) {
        if (raw.parseError() != null) {
            return reject(raw, List.of(raw.parseError()), null, meta);
        }
        CompactEvent compact = raw.compact();
        JsonNode json = raw.json();
        String eventId;
        EventType type;
        if (compact != null) {
            // Read from the compact text: the reader accepts only events the validator finds no fault in.
            eventId = compact.eventId();
            type = compact.type();
        } else {
            List<Violation> violations = validator.validate(json);
            if (!violations.isEmpty()) {
                return reject(raw, violations, textOrNull(json, "type"), meta);
            }
            eventId = json.get("event_id").textValue();
            type = EventType.fromWireName(json.get("type").textValue()).orElseThrow();
        }
        if (meta.privacy() == PrivacyAction.DROP) {
            return new Dropped(eventId);
        }
        RecentEventIds.Key idKey = RecentEventIds.key(eventId);
        int first = firstCopies.putIfAbsent(idKey, raw.index());
        if (first >= 0 || recentIds.wasAcknowledged(idKey)) {
            return new Duplicate(eventId, type, first);
        }
        String key;
        byte[] value = null;
        if (compact != null) {
            key = ClickEvent.partitionKey(compact.userId(), compact.anonymousId());
            value = enricher.enrichCompact(raw.text(), compact.times(), enrichment);
            if (value == null) {
                json = BodyDecoder.tree(raw); // a value that needs escaping: serialise the tree
            }
        } else {
            key = ClickEvent.partitionKey(textOrNull(json, "user_id"), textOrNull(json, "anonymous_id"));
        }
        if (value == null) {
            value = enricher.enrichToJson((ObjectNode) json, raw.text(), enrichment);
        }
        return new ToPublish(eventId, idKey, type, key, value, nextSlot);
    }

    private static Rejected reject(RawEvent raw, List<Violation> violations, String type, RequestMeta meta) {
        byte[] deadLetter = DeadLetter.encode(violations, raw.raw(), meta.receivedAt(), meta.anonymisedIp());
        String eventId = raw.json() == null ? null : textOrNull(raw.json(), "event_id");
        return new Rejected(eventId, type, violations, deadLetter);
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
