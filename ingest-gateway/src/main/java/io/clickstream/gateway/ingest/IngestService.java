package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.event.Violation;
import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.config.PrivacyAction;
import io.clickstream.gateway.dedup.FirstCopies;
import io.clickstream.gateway.dedup.RecentEventIds;
import io.clickstream.gateway.enrich.EventEnricher;
import io.clickstream.gateway.ingest.CompactEventReader.CompactEvent;
import io.clickstream.gateway.publish.DeadLetter;
import io.clickstream.gateway.publish.EventPublisher;
import io.clickstream.gateway.publish.EventPublisher.Outgoing;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.clickstream.gateway.publish.InFlightLimiter;
import io.clickstream.gateway.publish.ProducerSettings;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Processes one decoded request: validate each event, enrich and publish the valid ones, send the
 * rejected ones to the DLQ, and answer only when Kafka acknowledged every accepted event — or with
 * 503 + Retry-After once the publish timeout has passed. Never a 2xx for an event not in Kafka.
 */
@Singleton
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private static final EventType[] EVENT_TYPES = EventType.values();

    private final GatewayConfig config;
    private final EventPublisher publisher;
    private final RecentEventIds recentIds;
    private final InFlightLimiter inFlight;
    private final GatewayMetrics metrics;
    private final EventValidator validator;
    private final EventEnricher enricher;
    private final long maxBlockMs;
    /**
     * The HTTP layer's mapper (the one Quarkus REST writes entities with), for answers that
     * {@link BatchResponseJson} does not write directly: the same JSON as before the route.
     */
    private final ObjectMapper httpMapper;

    public IngestService(GatewayConfig config, EventPublisher publisher, RecentEventIds recentIds,
                         InFlightLimiter inFlight, GatewayMetrics metrics, EventValidator validator,
                         EventEnricher enricher, ObjectMapper httpMapper) {
        this.config = config;
        this.publisher = publisher;
        this.recentIds = recentIds;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.validator = validator;
        this.enricher = enricher;
        this.maxBlockMs = ProducerSettings.maxBlockMs(config.publish().timeout());
        this.httpMapper = httpMapper;
    }

    /** One valid event on its way to Kafka. */
    private record Pending(int index, RecentEventIds.Key eventId, EventType type, String topic, String key, byte[] value) {
    }

    /**
     * @param respondOn where the response is completed (the request's Vert.x context), so that the
     *                  Kafka producer's I/O thread never builds HTTP responses
     */
    public CompletionStage<HttpAnswer> ingest(DecodedBody body, RequestMeta meta, Executor respondOn) {
        long deadline = System.nanoTime() + config.publish().timeout().toNanos();
        List<RawEvent> events = body.events();
        EventResult[] results = new EventResult[events.size()];
        // Index of the first copy of an event_id in this request, for the later copies.
        int[] copyOf = new int[events.size()];
        Arrays.fill(copyOf, -1);
        FirstCopies firstCopies = new FirstCopies(events.size());
        List<Pending> pending = new ArrayList<>(events.size());
        List<byte[]> deadLetters = new ArrayList<>();

        // The gateway's fields for compact events, encoded once per request (null until needed).
        byte[] gatewayFields = null;
        boolean spliceable = true;
        for (RawEvent raw : events) {
            int i = raw.index();
            if (raw.parseError() != null) {
                results[i] = reject(raw, List.of(raw.parseError()), null, meta, deadLetters);
                continue;
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
                    results[i] = reject(raw, violations, textOrNull(json, "type"), meta, deadLetters);
                    continue;
                }
                eventId = json.get("event_id").textValue();
                type = EventType.fromWireName(json.get("type").textValue()).orElseThrow();
            }
            if (meta.privacy() == PrivacyAction.DROP) {
                metrics.dropped();
                results[i] = new EventResult(i, eventId, EventStatus.DROPPED, null);
                continue;
            }
            RecentEventIds.Key idKey = RecentEventIds.key(eventId);
            int first = firstCopies.putIfAbsent(idKey, i);
            if (first >= 0 || recentIds.wasAcknowledged(idKey)) {
                copyOf[i] = first;
                metrics.duplicate(type);
                results[i] = new EventResult(i, eventId, EventStatus.DUPLICATE, null);
                continue;
            }
            String key;
            byte[] value = null;
            if (compact != null) {
                key = ClickEvent.partitionKey(compact.userId(), compact.anonymousId());
                if (gatewayFields == null && spliceable) {
                    gatewayFields = enricher.gatewayFields(meta.receivedAt(), meta.anonymisedIp(), meta.site());
                    spliceable = gatewayFields != null;
                }
                if (spliceable) {
                    value = enricher.enrichCompact(raw.text(), raw.offset(), raw.length(), compact.tsStart(),
                            compact.tsEnd(), compact.ts(), compact.sentAt(), meta.receivedAt(), gatewayFields);
                }
                if (value == null) {
                    json = BodyDecoder.tree(raw); // a site name that needs escaping: serialise the tree
                }
            } else {
                key = ClickEvent.partitionKey(textOrNull(json, "user_id"), textOrNull(json, "anonymous_id"));
            }
            if (value == null) {
                value = enricher.enrichToJson((ObjectNode) json, raw.text(), raw.offset(), raw.length(),
                        meta.receivedAt(), meta.anonymisedIp(), meta.site(), meta.privacy() == PrivacyAction.ANONYMIZE);
            }
            pending.add(new Pending(i, idKey, type, type.topic(), key, value));
            results[i] = new EventResult(i, eventId, EventStatus.UNKNOWN, null);
        }

        // The send thread starts no send later than max.block.ms before the deadline (send() can block
        // that long for missing metadata after a broker restart), so the answer still comes in time.
        long lastSendStart = deadline - TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
        List<Outgoing> outgoing = new ArrayList<>(pending.size() + deadLetters.size());
        if (!pending.isEmpty() && !inFlight.tryAcquire(pending.size())) {
            LOG.debugf("in-flight bound reached inFlight=%d max=%d", inFlight.inFlight(), inFlight.max());
            addDeadLetters(deadLetters, 0, new PublishTracker(deadLetters.size()), outgoing);
            publisher.sendAll(outgoing, lastSendStart);
            metrics.unavailable();
            return CompletableFuture.completedFuture(unavailable(results, copyOf,
                    "too many events await Kafka's acknowledgement (clickstream.publish.max-in-flight="
                            + inFlight.max() + "); retry later"));
        }

        // Slots 0 … pending-1: the events, in order; then the dead letters (best effort, after the events).
        long handedOver = System.nanoTime();
        PublishTracker tracker = new PublishTracker(pending.size() + deadLetters.size(),
                outcomes -> settle(pending, outcomes, handedOver));
        for (int k = 0; k < pending.size(); k++) {
            Pending p = pending.get(k);
            outgoing.add(new Outgoing(p.topic(), p.key(), p.value(), new SlotOutcome(tracker, k)));
        }
        addDeadLetters(deadLetters, pending.size(), tracker, outgoing);
        publisher.sendAll(outgoing, lastSendStart);

        long remaining = Math.max(0, deadline - System.nanoTime());
        CompletableFuture<HttpAnswer> response = new CompletableFuture<>();
        tracker.allDone()
                .orTimeout(remaining, TimeUnit.NANOSECONDS)
                .whenComplete((ignored, error) -> respondOn.execute(() -> {
                    try {
                        response.complete(respond(body, results, copyOf, pending, tracker));
                    } catch (RuntimeException e) {
                        response.completeExceptionally(e);
                    }
                }));
        return response;
    }

    /**
     * What follows from a request's outcomes, once all are in (on the thread that reported the last,
     * before the answer is built): the in-flight permits are released, the acknowledged ids remembered
     * — even if the request already timed out: they are in Kafka, a resend is a duplicate — and counted,
     * with each event's publish latency. Once per request rather than per record (see {@link PublishTracker}).
     */
    private void settle(List<Pending> pending, PublishTracker tracker, long handedOver) {
        int count = pending.size();
        if (count == 0) {
            return;
        }
        inFlight.release(count);
        RecentEventIds.Key[] acknowledged = new RecentEventIds.Key[count];
        int[] perType = new int[EVENT_TYPES.length];
        int n = 0;
        for (int k = 0; k < count; k++) {
            if (tracker.acknowledged(k)) {
                Pending p = pending.get(k);
                acknowledged[n++] = p.eventId();
                perType[p.type().ordinal()]++;
                metrics.publishLatency(tracker.acknowledgedAt(k) - handedOver);
            }
        }
        recentIds.acknowledgedAll(acknowledged, n);
        for (int t = 0; t < perType.length; t++) {
            if (perType[t] > 0) {
                metrics.accepted(EVENT_TYPES[t], perType[t]);
            }
        }
    }

    /** A record's outcome into its request's tracker: all the per-record work on Kafka's I/O thread. */
    private record SlotOutcome(PublishTracker tracker, int slot) implements Callback {
        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            tracker.done(slot, error == null);
        }
    }

    private HttpAnswer respond(DecodedBody body, EventResult[] results, int[] copyOf, List<Pending> pending,
                             PublishTracker tracker) {
        boolean allAcknowledged = true;
        for (int k = 0; k < pending.size(); k++) {
            int i = pending.get(k).index();
            if (tracker.acknowledged(k)) {
                results[i] = results[i].withStatus(EventStatus.ACCEPTED);
            } else {
                allAcknowledged = false;
            }
        }
        if (!allAcknowledged) {
            metrics.unavailable();
            return unavailable(results, copyOf, "Kafka did not acknowledge every event within "
                    + config.publish().timeout().toMillis() + " ms; events marked unknown may or may not be stored: "
                    + "resend them with the same event_id (duplicates are dropped downstream)");
        }
        BatchResponse batch = BatchResponse.of(List.of(results));
        int status = !body.batch() && batch.rejected() == 1 ? 400 : 200;
        byte[] json = BatchResponseJson.write(batch);
        if (json == null) {
            json = toJson(batch);
        }
        return HttpAnswer.json(status, json);
    }

    /** 503: copies within the request share their first copy's fate; acknowledged events say so. */
    private HttpAnswer unavailable(EventResult[] results, int[] copyOf, String message) {
        List<EventResult> out = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            EventResult r = results[i];
            if (copyOf[i] >= 0 && results[copyOf[i]].status() == EventStatus.UNKNOWN) {
                r = r.withStatus(EventStatus.UNKNOWN);
            }
            out.add(r);
        }
        int retryAfter = config.publish().retryAfterSeconds();
        ErrorBody error = new ErrorBody("kafka_unavailable", message, null, null, retryAfter, out);
        return new HttpAnswer(503, toJson(error), retryAfter);
    }

    /** A whole-request problem's answer: its status and {@link ErrorBody}. */
    public HttpAnswer problem(RequestProblem problem) {
        return HttpAnswer.json(problem.status(), toJson(problem.body()));
    }

    /** JSON by the HTTP layer's mapper, as the REST layer wrote these bodies before. */
    byte[] toJson(Object body) {
        try {
            return httpMapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer bodies are always serialisable: " + body.getClass().getSimpleName(), e);
        }
    }

    /**
     * Best effort: a rejected event's answer does not depend on its DLQ write, whose failures (including
     * a record not sent because Kafka was unavailable) are counted.
     */
    private void addDeadLetters(List<byte[]> deadLetters, int firstSlot, PublishTracker tracker, List<Outgoing> out) {
        for (int d = 0; d < deadLetters.size(); d++) {
            int slot = firstSlot + d;
            out.add(EventPublisher.deadLetter(deadLetters.get(d), (metadata, error) -> {
                if (error != null) {
                    metrics.dlqFailure();
                    LOG.debugf("dead letter not written: %s", error.toString());
                }
                tracker.done(slot, error == null);
            }));
        }
    }

    private EventResult reject(RawEvent raw, List<Violation> violations, String type, RequestMeta meta,
                               List<byte[]> deadLetters) {
        metrics.rejected(type);
        deadLetters.add(DeadLetter.encode(violations, raw.raw(), meta.receivedAt(), meta.anonymisedIp()));
        return new EventResult(raw.index(), raw.json() == null ? null : textOrNull(raw.json(), "event_id"),
                EventStatus.REJECTED, violations);
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
