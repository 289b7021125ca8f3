package io.clickstream.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clickstream.event.EventJson;
import io.clickstream.stack.browser.HeadlessChromium;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The built tracker in headless Chromium against a scripted endpoint (a JDK HTTP server answering each
 * {@code POST /v1/events} with the next answer a test queued), for what the real gateway does not do on
 * demand: a 503 with per-event results, a 429, a whole-request 400. Checks that the tracker resends
 * exactly the events without a final result, never an acknowledged or rejected one; that ids and the
 * session survive a reload; that DNT/GPC silences it when configured.
 */
class TrackerBrowserIT {

    /** One scripted answer: status, JSON body (null: none) and Retry-After seconds (null: none). */
    record Answer(int status, String body, Integer retryAfter) {
        Answer(int status, String body) {
            this(status, body, null);
        }
    }

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private ChromeDriver browser;
    private String origin;

    @BeforeEach
    void start() throws IOException {
        assertThat(HeadlessChromium.installed())
                .as("chromium and chromium-driver must be installed (.ci/run installs them)").isTrue();
        byte[] script = TrackerScript.load().plain();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sdk/clickstream.js", exchange -> respond(exchange, 200, "text/javascript", script));
        server.createContext("/page.html", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            boolean privacy = query != null && query.contains("gpc");
            String html = "<!doctype html><title>tracker probe</title>"
                    + (privacy ? "<script>Object.defineProperty(navigator, 'globalPrivacyControl', {value: true});</script>" : "")
                    + "<button id=buy data-track=buy-button>Buy</button>"
                    + "<script src=/sdk/clickstream.js data-write-key=0123 data-debug=true data-flush-interval=600000"
                    + (privacy ? " data-respect-dnt=true" : "") + "></script>";
            respond(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/v1/events", exchange -> {
            JsonNode batch = EventJson.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            arrivals.add(System.nanoTime());
            queries.add(exchange.getRequestURI().getRawQuery());
            requests.add(batch);
            Answer answer = answers.poll();
            if (answer == null) {
                answer = new Answer(500, null); // nothing scripted: the test did not expect this request
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(answer.retryAfter()));
            }
            respond(exchange, answer.status(), "application/json",
                    answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        browser = HeadlessChromium.start(Path.of("target", "it", "tracker-chromium"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private String track(String element) {
        return (String) browser.executeScript("return clickstream.track('click', {element: arguments[0]})", element);
    }

    private void flush() {
        browser.executeScript("clickstream.flush()");
    }

    private static List<String> ids(JsonNode batch) {
        List<String> ids = new ArrayList<>();
        batch.forEach(e -> ids.add(e.path("event_id").asText()));
        return ids;
    }

    private void awaitRequests(int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> requests.size() >= n);
    }

    private static String results(String... statuses) {
        StringBuilder json = new StringBuilder("{\"results\":[");
        for (int i = 0; i < statuses.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"status\":\"").append(statuses[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void onlyEventsWithoutAFinalResultAreSentAgain() {
        browser.get(origin + "/page.html");
        String a = track("#a");
        String b = track("#b");
        assertThat(a).matches("[0-9a-f-]{36}");

        // The page view is stored, click a is in doubt, click b rejected: only a comes again, after a backoff.
        answers.add(new Answer(503, "{\"error\":\"kafka_unavailable\"," + results("accepted", "unknown", "rejected").substring(1)));
        answers.add(new Answer(200, results("accepted")));
        flush();
        awaitRequests(2);
        assertThat(ids(requests.get(0))).hasSize(3).containsSubsequence(a, b);
        assertThat(ids(requests.get(1))).containsExactly(a);
        assertThat(queries).first().as("a numeric-looking write key stays text").isEqualTo("writeKey=0123");

        // A 429 without results: everything in it comes again, not before its Retry-After.
        String c = track("#c");
        answers.add(new Answer(429, null, 2));
        answers.add(new Answer(200, results("accepted")));
        flush();
        awaitRequests(4);
        assertThat(ids(requests.get(2))).containsExactly(c);
        assertThat(ids(requests.get(3))).containsExactly(c);
        assertThat(Duration.ofNanos(arrivals.get(3) - arrivals.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));

        // A whole-request 400 is final: the next request carries only the next event.
        String d = track("#d");
        answers.add(new Answer(400, "{\"error\":\"malformed_body\",\"message\":\"…\"}"));
        flush();
        awaitRequests(5);
        String e = track("#e");
        answers.add(new Answer(200, results("accepted")));
        flush();
        awaitRequests(6);
        assertThat(ids(requests.get(4))).containsExactly(d);
        assertThat(ids(requests.get(5))).containsExactly(e);

        // Each resend carries a fresh sent_at; the event itself is unchanged.
        assertThat(requests.get(0).get(1).path("ts")).isEqualTo(requests.get(1).get(0).path("ts"));
        assertThat(requests.get(1).get(0).path("sent_at").asText()).isNotBlank();
    }

    @Test
    void eventsFollowTheContractAndIdsSurviveAReload() {
        browser.get(origin + "/page.html");
        browser.findElement(org.openqa.selenium.By.id("buy")).click();
        browser.executeScript("history.pushState(null, '', '/page.html?step=2')");
        await().atMost(Duration.ofSeconds(5)).until(() -> ((String) browser.executeScript(
                "return sessionStorage.getItem('cs_debug')")).split("page_view").length == 3);
        answers.add(new Answer(200, results("accepted", "accepted", "accepted")));
        flush();
        awaitRequests(1);
        JsonNode batch = requests.get(0);
        assertThat(batch).hasSize(3);
        JsonNode first = batch.get(0), click = batch.get(1), second = batch.get(2);
        assertThat(first.path("type").asText()).isEqualTo("page_view");
        assertThat(first.path("page").path("url").asText()).isEqualTo(origin + "/page.html");
        assertThat(first.path("page").path("title").asText()).isEqualTo("tracker probe");
        assertThat(click.path("type").asText()).isEqualTo("click");
        assertThat(click.path("element").asText()).isEqualTo("buy-button");
        assertThat(second.path("page").path("url").asText()).isEqualTo(origin + "/page.html?step=2");
        assertThat(second.path("page").path("referrer").asText()).isEqualTo(origin + "/page.html");
        for (JsonNode event : batch) {
            assertThat(event.path("anonymous_id").asText()).isEqualTo(first.path("anonymous_id").asText());
            assertThat(event.path("session_id").asText()).isEqualTo(first.path("session_id").asText());
            assertThat(event.path("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(event.has("user_id")).isFalse();
        }

        browser.executeScript("clickstream.identify('user-7')");
        browser.navigate().refresh();
        String afterReload = track("#after");
        answers.add(new Answer(200, results("accepted", "accepted")));
        flush();
        awaitRequests(2);
        JsonNode reloaded = requests.get(1);
        assertThat(ids(reloaded)).contains(afterReload);
        for (JsonNode event : reloaded) {
            assertThat(event.path("anonymous_id").asText()).isEqualTo(first.path("anonymous_id").asText());
            assertThat(event.path("session_id").asText()).isEqualTo(first.path("session_id").asText());
            assertThat(event.path("user_id").asText()).isEqualTo("user-7");
        }
    }

    @Test
    void globalPrivacyControlSilencesTheTrackerWhenConfigured() {
        browser.get(origin + "/page.html?gpc");
        assertThat(browser.executeScript("return clickstream.track('click', {element: '#x'})")).isNull();
        browser.findElement(org.openqa.selenium.By.id("buy")).click();
        flush();
        // A marker page without the setting proves the server is reachable and the tracker would send.
        browser.get(origin + "/page.html");
        answers.add(new Answer(200, results("accepted")));
        flush();
        awaitRequests(1);
        assertThat(requests).singleElement().satisfies(batch ->
                assertThat(batch.get(0).path("page").path("url").asText()).isEqualTo(origin + "/page.html"));
    }
}
