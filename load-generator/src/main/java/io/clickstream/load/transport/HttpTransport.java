package io.clickstream.load.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.schedule.ScheduledEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Posts events to the gateway's {@code POST /v1/events} with the JDK's async HTTP/1.1 client.
 *
 * <ul>
 *   <li>A batch of one is sent as a JSON object, larger batches as a JSON array.</li>
 *   <li>At most {@code maxInFlight} requests (and so connections) at once; {@link #send} blocks
 *       while the limit is reached. A request holds its permit through its retries.</li>
 *   <li>{@code 503}/{@code 429} (and other 5xx, timeouts, connection errors) are retried with the
 *       <em>same</em> body, hence the same {@code event_id}s, after {@code Retry-After} (or an
 *       exponential back-off from 250 ms to 5 s), until {@code maxRetryTime} has passed since the
 *       first attempt; then the events are {@link DeliveryStatus#UNACKNOWLEDGED}. Resending is
 *       safe: events a 503'd request already put in Kafka come back {@code duplicate} or are
 *       dropped downstream.</li>
 *   <li>{@code 200}: one status per event from {@code results[index]}. Other 4xx: the whole
 *       request is rejected.</li>
 * </ul>
 */
public final class HttpTransport implements Transport {

    private static final Duration MIN_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** The gateway reads the write key from this header (ingest-gateway README, "Write keys"). */
    static final String WRITE_KEY_HEADER = "X-Write-Key";

    private final HttpTransportConfig config;
    private final RetryListener retries;
    private final Semaphore permits;
    private final ExecutorService executor;
    private final HttpClient client;

    public HttpTransport(HttpTransportConfig config, RetryListener retries) {
        this.config = config;
        this.retries = retries;
        this.permits = new Semaphore(config.maxInFlight());
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http-transport");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /**
     * Sends the batch; events of different sites go in separate requests, each with its site's write
     * key (the gateway stamps the site of the key on every event of a request).
     */
    @Override
    public CompletableFuture<List<Outcome>> send(List<ScheduledEvent> batch) throws InterruptedException {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byKey.computeIfAbsent(config.writeKey(batch.get(i).site()), k -> new ArrayList<>()).add(i);
        }
        if (byKey.size() == 1) {
            return sendWithKey(batch, byKey.keySet().iterator().next());
        }
        Outcome[] outcomes = new Outcome[batch.size()];
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> group : byKey.entrySet()) {
            List<Integer> indices = group.getValue();
            List<ScheduledEvent> part = indices.stream().map(batch::get).toList();
            parts.add(sendWithKey(part, group.getKey()).thenAccept(answers -> {
                for (int i = 0; i < indices.size(); i++) {
                    outcomes[indices.get(i)] = answers.get(i);
                }
            }));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).thenApply(v -> List.of(outcomes));
    }

    private CompletableFuture<List<Outcome>> sendWithKey(List<ScheduledEvent> batch, String writeKey)
            throws InterruptedException {
        permits.acquire();
        String body = body(batch);
        CompletableFuture<List<Outcome>> result = new CompletableFuture<>();
        attempt(batch, body, writeKey, System.nanoTime(), 0, result);
        return result.whenComplete((r, e) -> permits.release());
    }

    static String body(List<ScheduledEvent> batch) {
        if (batch.size() == 1) {
            return batch.get(0).json();
        }
        StringBuilder sb = new StringBuilder(batch.size() * 400);
        sb.append('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(batch.get(i).json());
        }
        return sb.append(']').toString();
    }

    private void attempt(List<ScheduledEvent> batch, String body, String writeKey, long firstAttemptNanos, int attemptNo,
                         CompletableFuture<List<Outcome>> result) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.eventsUri())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!writeKey.isEmpty()) {
            builder.header(WRITE_KEY_HEADER, writeKey);
        }
        HttpRequest request = builder.build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    retryOrGiveUp(batch, body, writeKey, firstAttemptNanos, attemptNo, result, describe(error), null);
                    return;
                }
                int code = response.statusCode();
                if (code >= 200 && code < 300) {
                    result.complete(parseResults(batch.size(), response.body()));
                } else if (code == 503 || code == 429 || code >= 500) {
                    Duration after = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                            Instant.now()).orElse(null);
                    retryOrGiveUp(batch, body, writeKey, firstAttemptNanos, attemptNo, result, "http " + code, after);
                } else {
                    result.complete(Collections.nCopies(batch.size(),
                            new Outcome(DeliveryStatus.REJECTED, "http " + code)));
                }
            } catch (RuntimeException e) {
                result.complete(Collections.nCopies(batch.size(),
                        new Outcome(DeliveryStatus.UNACKNOWLEDGED, "unreadable answer: " + e.getMessage())));
            }
        });
    }

    private void retryOrGiveUp(List<ScheduledEvent> batch, String body, String writeKey, long firstAttemptNanos, int attemptNo,
                               CompletableFuture<List<Outcome>> result, String cause, Duration retryAfter) {
        Duration delay = retryAfter != null ? retryAfter : backoff(attemptNo);
        long elapsed = System.nanoTime() - firstAttemptNanos;
        if (elapsed + delay.toNanos() > config.maxRetryTime().toNanos()) {
            result.complete(Collections.nCopies(batch.size(),
                    new Outcome(DeliveryStatus.UNACKNOWLEDGED, "gave up after " + cause)));
            return;
        }
        retries.retry(cause, batch.size());
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor)
                .execute(() -> attempt(batch, body, writeKey, firstAttemptNanos, attemptNo + 1, result));
    }

    static Duration backoff(int attemptNo) {
        long ms = MIN_BACKOFF.toMillis() << Math.min(attemptNo, 10);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    /** Maps the gateway's {@code results[]} onto the batch, by {@code index}. */
    static List<Outcome> parseResults(int size, String body) {
        JsonNode root;
        try {
            root = EventJson.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("2xx without a JSON body: " + abbreviate(body));
        }
        List<Outcome> out = new ArrayList<>(Collections.nCopies(size, (Outcome) null));
        JsonNode results = root.path("results");
        if (results.isArray()) {
            for (int i = 0; i < results.size(); i++) {
                JsonNode r = results.get(i);
                int index = r.path("index").asInt(i);
                if (index < 0 || index >= size) {
                    continue;
                }
                out.set(index, switch (r.path("status").asText()) {
                    case "accepted" -> Outcome.ACCEPTED;
                    case "duplicate" -> Outcome.DUPLICATE;
                    case "rejected" -> new Outcome(DeliveryStatus.REJECTED, "rejected: " + firstRule(r.path("errors")));
                    // Do-not-track drop: not in Kafka, and never retried.
                    case "dropped" -> new Outcome(DeliveryStatus.REJECTED, "dropped by the gateway");
                    default -> new Outcome(DeliveryStatus.UNACKNOWLEDGED, "unknown status " + r.path("status"));
                });
            }
        }
        boolean allAccepted = root.path("accepted").asInt(-1) == size;
        for (int i = 0; i < size; i++) {
            if (out.get(i) == null) {
                out.set(i, allAccepted ? Outcome.ACCEPTED
                        : new Outcome(DeliveryStatus.UNACKNOWLEDGED, "no result for the event in the answer"));
            }
        }
        return out;
    }

    private static String firstRule(JsonNode errors) {
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode e = errors.get(0);
            if (e.isTextual()) {
                return e.asText();
            }
            String rule = e.path("rule").asText("");
            String path = e.path("path").asText("");
            return (path + " " + rule).trim();
        }
        return "invalid";
    }

    private static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + abbreviate(t.getMessage()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public boolean validates() {
        return true;
    }

    @Override
    public String describe() {
        return "http " + config.eventsUri();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
