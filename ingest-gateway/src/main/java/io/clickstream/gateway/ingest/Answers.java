package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.gateway.ingest.Classified.Dropped;
import io.clickstream.gateway.ingest.Classified.Duplicate;
import io.clickstream.gateway.ingest.Classified.Rejected;
import io.clickstream.gateway.ingest.Classified.ToPublish;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer step: turns a request's {@link Classification} and its Kafka outcomes into the HTTP
 * answer. {@code 200} (or {@code 400} for a single rejected event) only when every record to publish
 * was acknowledged; otherwise {@code 503} with {@code Retry-After}, where events not known to be stored
 * are {@code unknown}. Pure: no I/O, no counting.
 */
public final class Answers {

    /**
     * The HTTP layer's mapper (the one Quarkus REST writes entities with), for answers that
     * {@link BatchResponseJson} does not write directly.
     */
    private final ObjectMapper httpMapper;
    private final int retryAfterSeconds;

    public Answers(ObjectMapper httpMapper, int retryAfterSeconds) {
        this.httpMapper = httpMapper;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Each event's result: a published event is {@code accepted} if Kafka acknowledged it, else {@code unknown}. */
    static List<EventResult> results(Classification classification, PublishTracker tracker) {
        List<Classified> events = classification.events();
        List<EventResult> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(result(i, events.get(i), tracker));
        }
        return out;
    }

    private static EventResult result(int index, Classified event, PublishTracker tracker) {
        if (event instanceof ToPublish p) {
            boolean acknowledged = tracker != null && tracker.acknowledged(p.slot());
            return new EventResult(index, p.eventId(), acknowledged ? EventStatus.ACCEPTED : EventStatus.UNKNOWN, null);
        }
        if (event instanceof Duplicate) {
            return new EventResult(index, event.eventId(), EventStatus.DUPLICATE, null);
        }
        if (event instanceof Dropped) {
            return new EventResult(index, event.eventId(), EventStatus.DROPPED, null);
        }
        Rejected r = (Rejected) event;
        return new EventResult(index, r.eventId(), EventStatus.REJECTED, r.violations());
    }

    /** Whether Kafka acknowledged every record the request published. */
    static boolean allAcknowledged(Classification classification, PublishTracker tracker) {
        if (tracker == null) {
            return classification.toPublish().isEmpty();
        }
        for (ToPublish p : classification.toPublish()) {
            if (!tracker.acknowledged(p.slot())) {
                return false;
            }
        }
        return true;
    }

    /** The native API's answer to a processed request. */
    HttpAnswer answer(IngestService.Outcome outcome) {
        List<EventResult> results = outcome.results();
        if (outcome.kafkaUnavailable() != null) {
            return unavailable(outcome.classification(), results, outcome.kafkaUnavailable());
        }
        BatchResponse batch = BatchResponse.of(results);
        int status = !outcome.body().batch() && batch.rejected() == 1 ? 400 : 200;
        byte[] json = BatchResponseJson.write(batch);
        if (json == null) {
            json = toJson(batch);
        }
        return HttpAnswer.json(status, json);
    }

    /** 503: copies within the request share their first copy's fate; acknowledged events say so. */
    private HttpAnswer unavailable(Classification classification, List<EventResult> results, String message) {
        List<EventResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            EventResult r = results.get(i);
            if (classification.events().get(i) instanceof Duplicate d && d.firstCopy() >= 0
                    && results.get(d.firstCopy()).status() == EventStatus.UNKNOWN) {
                r = r.withStatus(EventStatus.UNKNOWN);
            }
            out.add(r);
        }
        ErrorBody error = new ErrorBody("kafka_unavailable", message, null, null, retryAfterSeconds, out);
        return new HttpAnswer(503, toJson(error), retryAfterSeconds);
    }

    /** A whole-request problem's answer: its status and {@link ErrorBody}. */
    public HttpAnswer problem(RequestProblem problem) {
        return new HttpAnswer(problem.status(), toJson(problem.body()), problem.retryAfterSeconds());
    }

    byte[] toJson(Object body) {
        try {
            return httpMapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer bodies are always serialisable: " + body.getClass().getSimpleName(), e);
        }
    }
}
