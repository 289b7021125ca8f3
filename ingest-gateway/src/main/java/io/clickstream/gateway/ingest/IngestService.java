package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.event.EventValidator;
import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.dedup.RecentEventIds;
import io.clickstream.gateway.enrich.EventEnricher;
import io.clickstream.gateway.ingest.Classified.Dropped;
import io.clickstream.gateway.ingest.Classified.Duplicate;
import io.clickstream.gateway.ingest.Classified.Rejected;
import io.clickstream.gateway.ingest.Classified.ToPublish;
import io.clickstream.gateway.publish.EventPublisher;
import io.clickstream.gateway.publish.EventPublisher.Outgoing;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.clickstream.gateway.publish.InFlightLimiter;
import io.clickstream.gateway.publish.ProducerSettings;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Processes one decoded request in four steps: <b>classify</b> each event ({@link EventClassifier}:
 * rejected, dropped, duplicate or to publish, enriched), <b>publish</b> the records and dead letters
 * to Kafka, <b>settle</b> once every outcome is in ({@link Settlement}), and <b>answer</b>
 * ({@link Answers}) — only when Kafka acknowledged every accepted event, or with 503 + Retry-After once
 * the publish timeout has passed. Never a 2xx for an event not in Kafka. Every protocol the gateway
 * speaks ends here, so that guarantee holds for each.
 */
@Singleton
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final GatewayConfig config;
    private final EventPublisher publisher;
    private final InFlightLimiter inFlight;
    private final GatewayMetrics metrics;
    private final EventClassifier classifier;
    private final Settlement settlement;
    private final Answers answers;
    private final long maxBlockMs;

    public IngestService(GatewayConfig config, EventPublisher publisher, RecentEventIds recentIds,
                         InFlightLimiter inFlight, GatewayMetrics metrics, EventValidator validator,
                         EventEnricher enricher, ObjectMapper httpMapper, ProducerSettings producerSettings) {
        this.config = config;
        this.publisher = publisher;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.classifier = new EventClassifier(validator, enricher, recentIds);
        this.settlement = new Settlement(inFlight, recentIds, metrics);
        this.answers = new Answers(httpMapper, config.publish().retryAfterSeconds());
        this.maxBlockMs = producerSettings.maxBlockMs();
    }

    /**
     * The native API's answer for a request: per-event results once Kafka acknowledged every accepted
     * event, or 503.
     *
     * @param respondOn where the response is completed (the request's Vert.x context), so that the
     *                  Kafka producer's I/O thread never builds HTTP responses
     */
    public CompletionStage<HttpAnswer> ingest(DecodedBody body, RequestMeta meta, Executor respondOn) {
        return process(body, meta, respondOn).thenApply(answers::answer);
    }

    /**
     * Classify, publish and settle a request; completes on {@code respondOn} with what happened to each
     * event, for an answer in the caller's protocol. {@link Outcome#kafkaUnavailable()} says whether it
     * must be a 503 (not every accepted event is known to be in Kafka).
     */
    public CompletionStage<Outcome> process(DecodedBody body, RequestMeta meta, Executor respondOn) {
        long deadline = System.nanoTime() + config.publish().timeout().toNanos();
        Classification classification = classifier.classify(body, meta);
        count(classification);
        List<ToPublish> toPublish = classification.toPublish();
        // The send thread starts no send later than max.block.ms before the deadline (send() can block
        // that long for missing metadata after a broker restart), so the answer still comes in time.
        long lastSendStart = deadline - TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
        if (!toPublish.isEmpty() && !inFlight.tryAcquire(toPublish.size())) {
            LOG.debugf("in-flight bound reached inFlight=%d max=%d", inFlight.inFlight(), inFlight.max());
            List<Rejected> rejected = classification.rejected();
            List<Outgoing> deadLetters = new ArrayList<>(rejected.size());
            addDeadLetters(rejected, 0, new PublishTracker(rejected.size()), deadLetters);
            publisher.sendAll(deadLetters, lastSendStart);
            metrics.unavailable();
            return CompletableFuture.completedFuture(new Outcome(body, classification, null,
                    "too many events await Kafka's acknowledgement (clickstream.publish.max-in-flight="
                            + inFlight.max() + "); retry later"));
        }
        PublishTracker tracker = publish(classification, lastSendStart);
        long remaining = Math.max(0, deadline - System.nanoTime());
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        tracker.allDone()
                .orTimeout(remaining, TimeUnit.NANOSECONDS)
                .whenComplete((ignored, error) -> respondOn.execute(() -> {
                    String unavailable = null;
                    if (!Answers.allAcknowledged(classification, tracker)) {
                        metrics.unavailable();
                        unavailable = "Kafka did not acknowledge every event within "
                                + config.publish().timeout().toMillis() + " ms; events marked unknown may or may not "
                                + "be stored: resend them with the same event_id (duplicates are dropped downstream)";
                    }
                    outcome.complete(new Outcome(body, classification, tracker, unavailable));
                }));
        return outcome;
    }

    /**
     * What happened to a request's events.
     *
     * @param tracker          the Kafka outcomes; null when nothing was published (in-flight bound)
     * @param kafkaUnavailable null when every accepted event is in Kafka, else why not (the 503's message)
     */
    public record Outcome(DecodedBody body, Classification classification, PublishTracker tracker,
                          String kafkaUnavailable) {

        /** Each event's result, in request order. */
        public List<EventResult> results() {
            return Answers.results(classification, tracker);
        }
    }

    /**
     * The publish step: hands the records (slots 0 … n-1, in order) and then the dead letters (best
     * effort) to the send thread; the returned tracker settles the request when the last outcome is in.
     */
    private PublishTracker publish(Classification classification, long lastSendStart) {
        List<ToPublish> toPublish = classification.toPublish();
        List<Rejected> rejected = classification.rejected();
        long handedOver = System.nanoTime();
        PublishTracker tracker = new PublishTracker(toPublish.size() + rejected.size(),
                outcomes -> settlement.settle(toPublish, outcomes, handedOver));
        List<Outgoing> outgoing = new ArrayList<>(toPublish.size() + rejected.size());
        for (ToPublish p : toPublish) {
            outgoing.add(new Outgoing(p.topic(), p.key(), p.value(), new SlotOutcome(tracker, p.slot())));
        }
        addDeadLetters(rejected, toPublish.size(), tracker, outgoing);
        publisher.sendAll(outgoing, lastSendStart);
        return tracker;
    }

    /** Counts what classify decided; acceptances are counted when Kafka acknowledges them (settle). */
    private void count(Classification classification) {
        if (classification.toPublish().size() == classification.events().size()) {
            return;
        }
        for (Classified event : classification.events()) {
            if (event instanceof Rejected r) {
                metrics.rejected(r.type());
            } else if (event instanceof Duplicate d) {
                metrics.duplicate(d.type());
            } else if (event instanceof Dropped) {
                metrics.dropped();
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

    /** A whole-request problem's answer: its status and {@link ErrorBody}. */
    public HttpAnswer problem(RequestProblem problem) {
        return answers.problem(problem);
    }

    /**
     * Best effort: a rejected event's answer does not depend on its DLQ write, whose failures (including
     * a record not sent because Kafka was unavailable) are counted.
     */
    private void addDeadLetters(List<Rejected> rejected, int firstSlot, PublishTracker tracker, List<Outgoing> out) {
        for (int d = 0; d < rejected.size(); d++) {
            int slot = firstSlot + d;
            out.add(EventPublisher.deadLetter(rejected.get(d).deadLetter(), (metadata, error) -> {
                if (error != null) {
                    metrics.dlqFailure();
                    LOG.debugf("dead letter not written: %s", error.toString());
                }
                tracker.done(slot, error == null);
            }));
        }
    }
}
