package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The common end of the other protocols' endpoints (Segment, Snowplow, the pixel): a {@link ForeignBatch}
 * through the ingest core, and its answer — 200 with per-message results once Kafka acknowledged every
 * accepted event (400 for a single rejected message), 503 with {@code Retry-After} otherwise, which
 * Segment's and Snowplow's clients retry.
 */
@Singleton
public class ForeignIngest {

    private static final Logger LOG = Logger.getLogger(ForeignIngest.class);
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private final IngestService ingest;
    private final GatewayMetrics metrics;
    private final ObjectMapper httpMapper;
    private final int retryAfterSeconds;

    public ForeignIngest(IngestService ingest, GatewayMetrics metrics, ObjectMapper httpMapper, GatewayConfig config) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.httpMapper = httpMapper;
        this.retryAfterSeconds = config.publish().retryAfterSeconds();
    }

    /** What became of a request's messages: the response, and whether Kafka failed it (503). */
    record Result(ForeignBatch.Response response, ErrorBody unavailable, boolean singleRejected) {
    }

    /** Runs the batch through the core; completes on the request's context. */
    CompletionStage<Result> process(ForeignBatch batch, RequestMeta meta, String protocol) {
        for (int i = 0; i < batch.ignored(); i++) {
            metrics.ignored(protocol);
        }
        if (batch.body().events().isEmpty()) {
            return CompletableFuture.completedFuture(new Result(batch.response(List.of()), null, false));
        }
        return ingest.process(batch.body(), meta, EventsRoute.respondOn()).thenApply(outcome -> {
            List<EventResult> results = outcome.results();
            ForeignBatch.Response response = batch.response(results);
            if (outcome.kafkaUnavailable() != null) {
                return new Result(response, new ErrorBody("kafka_unavailable", outcome.kafkaUnavailable(), null, null,
                        retryAfterSeconds, results), false);
            }
            boolean singleRejected = !batch.body().batch() && response.rejected() == 1;
            return new Result(response, null, singleRejected);
        });
    }

    /** Processes the batch and answers in JSON. */
    void answerJson(HttpServerResponse response, ForeignBatch batch, RequestMeta meta, String protocol) {
        process(batch, meta, protocol).whenComplete((result, error) -> {
            if (error != null) {
                LOG.errorf(error, "%s request failed", protocol);
                EventsRoute.write(response, ingest.problem(RequestProblem.internal("the gateway could not process the request")));
            } else if (result.unavailable() != null) {
                EventsRoute.write(response, new HttpAnswer(503, toJson(result.unavailable()), retryAfterSeconds));
            } else {
                EventsRoute.write(response, HttpAnswer.json(result.singleRejected() ? 400 : 200, toJson(result.response())));
            }
        });
    }

    /** A whole-request problem in JSON. */
    void problem(HttpServerResponse response, RequestProblem problem) {
        EventsRoute.write(response, ingest.problem(problem));
    }

    void internalError(HttpServerResponse response, String protocol, Throwable error) {
        LOG.errorf(error, "%s request failed", protocol);
        problem(response, RequestProblem.internal("the gateway could not process the request"));
    }

    private byte[] toJson(Object body) {
        try {
            return httpMapper.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("answer bodies are always serialisable", e);
        }
    }

    static void end(HttpServerResponse response, int status, CharSequence contentType, Buffer body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status);
        response.headers().set(HttpHeaders.CONTENT_TYPE, contentType);
        response.end(body);
    }

    static CharSequence json() {
        return APPLICATION_JSON;
    }
}
