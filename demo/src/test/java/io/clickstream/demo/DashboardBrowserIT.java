package io.clickstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.demo.pipeline.ModuleCommands;
import io.clickstream.demo.pipeline.Pipeline;
import io.clickstream.event.EventJson;
import io.clickstream.stack.browser.HeadlessChromium;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live page in Debian's headless Chromium against real data: real Kafka and Elasticsearch
 * (local-stack), the gateway and the Spark job as child processes, events sent to the gateway over
 * HTTP. All events carry one event time T, 65 s ago, so the newest ended 60 s window is the one
 * starting at T rounded down to 10 s and its numbers are known. Passes when the KPI cards show exactly the Elasticsearch
 * document of the window the page names, when they change to the new document after more events
 * arrive, and when page paths, titles and product ids holding {@code <script>} and
 * {@code <img onerror=…>} appear as text while nothing of them runs.
 */
class DashboardBrowserIT {

    private static final String IMG = "/p/<img src=x onerror=\"window.__xss='img'\">";
    private static final String SCRIPT = "/t/<script>window.__xss='script'</script>";
    private static final String PRODUCT = "<img src=x onerror=window.__xss='product'>";
    private static final List<String> CARDS = List.of("page_views", "clicks", "add_to_cart", "purchases", "revenue", "sessions",
            "conversion_rate", "unique_visitors");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void livePageShowsTheWindowDocumentsFollowsNewEventsAndRendersEventStringsAsText() throws Exception {
        assertThat(HeadlessChromium.installed()).as("chromium and chromium-driver must be installed (.ci/run does)").isTrue();
        Path dir = Path.of("target", "e2e-dashboard").toAbsolutePath();
        DemoCli.deleteRecursively(dir);
        Files.createDirectories(dir);
        // 65 s ago: every window holding T has ended, so the page shows them at once (it shows ended windows).
        Instant t = Instant.now().minusSeconds(65).truncatedTo(ChronoUnit.MILLIS);
        Instant windowStart = Instant.ofEpochSecond(t.getEpochSecond() - t.getEpochSecond() % 10);
        String kpiId = "kpi|60s/10s|" + windowStart.toEpochMilli();

        try (Pipeline pipeline = Pipeline.start(Pipeline.Settings.forTests(dir, 1), ModuleCommands.fromEnvironment(),
                line -> System.out.println("[dashboard-it] " + line))) {
            String es = pipeline.stack().elasticsearchUrl();
            // First batch: 20 page views (10 of them on hostile paths, with hostile titles), 5 clicks, 3 carts, 2 purchases.
            post(pipeline, firstBatch(t));
            ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium"));
            try {
                browser.get(pipeline.gatewayUrl() + "/dashboard");
                JsonNode first = awaitPageShowsDocument(browser, es, kpiId, windowStart, 20, Duration.ofMinutes(3));
                assertThat(first.path("clicks").asLong()).isEqualTo(5);
                assertThat(first.path("purchases").asLong()).isEqualTo(2);
                assertThat(first.path("unique_visitors").asLong()).isEqualTo(20);
                // One session per user, all ending in this window: 15 of the 20 are one page view
                // (home-0 … home-4 also clicked); 3 of them carted and 2 bought, after their view.
                assertThat(first.path("sessions").asLong()).isEqualTo(20);
                assertThat(first.path("bounced_sessions").asLong()).isEqualTo(15);
                awaitFunnel(browser, List.of("20", "3", "2"), Duration.ofSeconds(30));
                // The breakdown by site (the selector's first choice): the write key's site, every event.
                awaitTableContains(browser, "breakdown", pipeline.site(), Duration.ofSeconds(30));
                assertThat(column(browser, "breakdown", 2)).as("page views of the site").contains("20");
                assertThat(text(browser, "mode")).startsWith("live (Server-Sent Events)");
                assertThat(browser.findElement(By.id("freshness")).getAttribute("class")).isEqualTo("fresh");

                // Event strings as text, nothing of them run or parsed into elements.
                awaitTableContains(browser, "top-pages", IMG, Duration.ofSeconds(30));
                List<String> pages = column(browser, "top-pages", 1);
                assertThat(pages).contains(IMG, SCRIPT, "/home");
                assertThat(column(browser, "top-products", 1)).contains(PRODUCT);
                assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
                assertThat(browser.findElements(By.cssSelector("table img, table script, main img"))).isEmpty();

                // More events of the same time: the same window's document changes, and the page follows it.
                post(pipeline, pageViews(t, 30, "later-"));
                JsonNode second = awaitPageShowsDocument(browser, es, kpiId, windowStart, 50, Duration.ofMinutes(2));
                assertThat(second.path("unique_visitors").asLong()).isGreaterThan(first.path("unique_visitors").asLong());
                assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);

                String shot = System.getProperty("dashboard.screenshot");
                if (shot != null && !shot.isBlank()) {
                    Files.write(Path.of(shot), browser.getScreenshotAs(OutputType.BYTES));
                }
            } finally {
                browser.quit();
            }
            assertThat(pipeline.failedComponent()).as("a part of the pipeline died").isEmpty();
        }
    }

    /**
     * Waits until the page names the window starting at {@code windowStart}, its Elasticsearch document
     * has {@code pageViews}, and every card shows that document's value; returns the document.
     */
    private JsonNode awaitPageShowsDocument(WebDriver browser, String es, String kpiId, Instant windowStart, long pageViews,
                                            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            JsonNode doc = document(es, kpiId);
            String shownWindow = browser.findElement(By.id("window")).getAttribute("data-window-start");
            if (doc != null) {
                Map<String, String> expected = new LinkedHashMap<>();
                Map<String, String> shown = new LinkedHashMap<>();
                for (String card : CARDS) {
                    expected.put(card, formatted(card, doc.path(card)));
                    shown.put(card, text(browser, "kpi-" + card));
                }
                if (windowStart.toString().equals(shownWindow) && doc.path("page_views").asLong() == pageViews
                        && expected.equals(shown)) {
                    return doc;
                }
                last = "window shown " + shownWindow + ", cards " + shown + ", document " + expected;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the page did not show the document " + kpiId + " with page_views " + pageViews
                + " within " + timeout + "; last: " + last);
    }

    /** The page's formatting (app.js): counts as integers, money with 2 decimals, rates as percent with 2 decimals. */
    private static String formatted(String field, JsonNode value) {
        return switch (field) {
            case "revenue" -> String.format(Locale.ROOT, "%.2f", value.asDouble());
            case "conversion_rate" -> String.format(Locale.ROOT, "%.2f %%", value.asDouble() * 100);
            default -> String.valueOf(value.asLong());
        };
    }

    private JsonNode document(String es, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(es + "/clickstream-kpis/_doc/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return null;
        }
        JsonNode doc = EventJson.mapper().readTree(r.body());
        return doc.path("found").asBoolean() ? doc.path("_source") : null;
    }

    /** Waits until the funnel's bars show these sessions per step (the page shows the newest ended window's). */
    private static void awaitFunnel(WebDriver browser, List<String> sessions, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> shown = List.of();
        while (System.nanoTime() < deadline) {
            shown = browser.findElements(By.cssSelector("#funnel .funnel-step")).stream()
                    .map(step -> step.getAttribute("data-sessions")).toList();
            if (shown.equals(sessions)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the funnel showed " + shown + ", expected sessions per step " + sessions);
    }

    private static void awaitTableContains(WebDriver browser, String table, String value, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !column(browser, table, 1).contains(value)) {
            Thread.sleep(500);
        }
    }

    private static List<String> column(WebDriver browser, String table, int index) {
        List<String> values = new ArrayList<>();
        browser.findElements(By.cssSelector("#" + table + " tbody tr"))
                .forEach(row -> values.add(row.findElements(By.tagName("td")).get(index).getAttribute("textContent")));
        return values;
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getAttribute("textContent");
    }

    private void post(Pipeline pipeline, List<String> events) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(pipeline.gatewayUrl() + "/v1/events"))
                .header("Content-Type", "application/json").header("X-Write-Key", pipeline.writeKey())
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", events) + "]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = EventJson.mapper().readTree(r.body());
        assertThat(answer.path("accepted").asInt()).as(r.body()).isEqualTo(events.size());
    }

    private static List<String> firstBatch(Instant t) {
        List<String> events = new ArrayList<>(pageViews(t, 10, "home-"));
        for (int i = 0; i < 10; i++) {
            String path = i < 6 ? IMG : SCRIPT;
            events.add(event("page_view", t, "u-hostile-" + i, ",\"page\":{\"url\":" + quote("https://shop.example" + path)
                    + ",\"path\":" + quote(path) + ",\"title\":" + quote("<script>window.__xss='title'</script> <img src=x onerror=alert(1)>") + "}"));
        }
        for (int i = 0; i < 5; i++) {
            events.add(event("click", t, "home-" + i, ",\"element\":\"#buy\""));
        }
        for (int i = 0; i < 3; i++) {
            events.add(event("add_to_cart", t, "home-" + i, ",\"product\":{\"id\":" + quote(PRODUCT) + ",\"price\":9.99,\"quantity\":1}"));
        }
        for (int i = 0; i < 2; i++) {
            events.add(event("purchase", t, "home-" + i, ",\"order\":{\"id\":\"o-" + UUID.randomUUID() + "\",\"revenue\":9.99,"
                    + "\"currency\":\"EUR\",\"items\":[{\"product_id\":" + quote(PRODUCT) + ",\"price\":9.99,\"quantity\":1}]}"));
        }
        return events;
    }

    private static List<String> pageViews(Instant t, int n, String userPrefix) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event("page_view", t, userPrefix + i, ",\"page\":{\"url\":\"https://shop.example/home\",\"path\":\"/home\",\"title\":\"Home\"}"));
        }
        return events;
    }

    private static String event(String type, Instant t, String user, String rest) {
        return "{\"event_id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"ts\":\"" + t + "\",\"user_id\":\"" + user
                + "\",\"session_id\":\"s-" + user + "\"" + rest + "}";
    }

    private static String quote(String s) {
        try {
            return EventJson.mapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
