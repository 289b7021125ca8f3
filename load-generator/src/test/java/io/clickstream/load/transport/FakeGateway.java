package io.clickstream.load.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventValidator;
import io.clickstream.event.Violation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small gateway for tests, on the JDK's HTTP server: {@code POST /v1/events} with the real
 * gateway's protocol (per-event accepted / duplicate / rejected using the contract's validator;
 * 400 for a single invalid event) and scriptable 503s with {@code Retry-After}, optionally after
 * "storing" the events as the real gateway may when Kafka acknowledges late.
 */
final class FakeGateway implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final EventValidator validator = new EventValidator();
    /** event_id → JSON of every event "in Kafka". */
    final Map<String, String> stored = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    /** The {@code X-Write-Key} of each request (empty without one), in the order of {@link #bodies}. */
    final List<String> writeKeys = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    /** Next this many requests get 503. */
    final AtomicInteger unavailable = new AtomicInteger();
    volatile boolean storeBefore503;
    volatile String retryAfter = "1";
    volatile long delayMillis;

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/v1/events", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (bodies) {
                bodies.add(body);
                writeKeys.add(java.util.Objects.requireNonNullElse(ex.getRequestHeaders().getFirst("X-Write-Key"), ""));
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            JsonNode root = EventJson.readTree(body);
            List<JsonNode> events = new ArrayList<>();
            if (root.isArray()) {
                root.forEach(events::add);
            } else {
                events.add(root);
            }
            if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (storeBefore503) {
                    events.stream().filter(e -> validator.validate(e).isEmpty())
                            .forEach(e -> stored.putIfAbsent(e.get("event_id").asText(), e.toString()));
                }
                ex.getResponseHeaders().add("Retry-After", retryAfter);
                answer(ex, 503, "{\"error\":\"kafka did not acknowledge\"}");
                return;
            }
            ObjectNode response = EventJson.mapper().createObjectNode();
            ArrayNode results = response.putArray("results");
            int accepted = 0;
            int duplicates = 0;
            int rejected = 0;
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                ObjectNode r = results.addObject().put("index", i);
                List<Violation> violations = validator.validate(e);
                if (!violations.isEmpty()) {
                    r.put("status", "rejected");
                    ArrayNode errors = r.putArray("errors");
                    violations.forEach(v -> errors.addObject().put("path", v.path()).put("rule", v.rule()).put("message", v.message()));
                    rejected++;
                } else if (stored.putIfAbsent(e.get("event_id").asText(), e.toString()) != null) {
                    r.put("event_id", e.get("event_id").asText()).put("status", "duplicate");
                    duplicates++;
                } else {
                    r.put("event_id", e.get("event_id").asText()).put("status", "accepted");
                    accepted++;
                }
            }
            response.put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected);
            boolean singleRejected = !root.isArray() && rejected == 1;
            answer(ex, singleRejected ? 400 : 200, response.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            answer(ex, 400, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        } finally {
            concurrent.decrementAndGet();
        }
    }

    private static void answer(HttpExchange ex, int code, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
