package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The query API against a real Elasticsearch holding documents shaped exactly as spark-analytics
 * writes them (its templates, ids and fields, {@link JobDocuments}): answers carry the documents' own
 * fields, are bounded, refuse bad parameters with 400, and turn into 503 problems while Elasticsearch
 * is down, when beacons are still accepted.
 */
@QuarkusTest
// Restricted: a global resource would give every other gateway test a second Kafka and override its bootstrap.
@QuarkusTestResource(value = ElasticsearchStackResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryApiIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant NEWEST = NOW.minusSeconds(NOW.getEpochSecond() % 10);
    private static final Instant ENDED = NEWEST.minusSeconds(120);
    private static final List<String> WINDOWS = new ArrayList<>();
    private static boolean seeded;

    @TestHTTPResource("/api/stream")
    URL stream;

    @BeforeAll
    static void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        String es = ElasticsearchStackResource.stack().elasticsearchUrl();
        JobDocuments.installTemplates(es);
        for (int i = 0; i < 5; i++) {
            Instant start = NEWEST.minusSeconds(10L * i);
            String doc = JobDocuments.withSessions(JobDocuments.kpi(start, 100 + i, 30 + i, 12, 3, "119.70", 80 + i, NOW),
                    40 + i, 10, 95.5, 2.5, 4);
            WINDOWS.add(doc);
            JobDocuments.index(es, "clickstream-kpis", JobDocuments.kpiId("60s/10s", start), doc);
        }
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        String hourly = JobDocuments.kpi(hour, 5000, 1500, 600, 150, "5985.00", 900, NOW).replace("\"60s/10s\"", "\"1h\"")
                .replace("\"window_end\":\"" + hour.plusSeconds(60), "\"window_end\":\"" + hour.plusSeconds(3600));
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.kpiId("1h", hour), hourly);
        // Page rankings: an ended window (ended a minute ago) and two newer ones still in progress;
        // product rankings only in progress (the answer falls back to the newest of those).
        for (Instant start : List.of(ENDED, NEWEST, NEWEST.minusSeconds(10))) {
            String[] pages = start.equals(ENDED) ? new String[] {"/home", "/cart", "/p/<b>1</b>"} : new String[] {"/partial"};
            for (int r = 0; r < pages.length; r++) {
                JobDocuments.index(es, "clickstream-kpis", JobDocuments.topId("60s/10s", start, "page", r + 1),
                        JobDocuments.top("60s/10s", start, start.plusSeconds(60), "page", pages[r], 50 - r, "0", r + 1, NOW));
            }
        }
        for (Instant start : List.of(NEWEST.minusSeconds(10), NEWEST)) {
            JobDocuments.index(es, "clickstream-kpis", JobDocuments.topId("60s/10s", start, "product", 1),
                    JobDocuments.top("60s/10s", start, start.plusSeconds(60), "product", start.equals(NEWEST) ? "sku-1" : "sku-0",
                            4, "239.60", 1, NOW));
        }
        // Funnel and breakdown documents share the KPI alias: an ended window and a newer one in progress.
        seedFunnel(es, ENDED, new long[] {40, 12, 3});
        seedFunnel(es, NEWEST, new long[] {9, 1, 0});
        String[][] sites = {{"shop.example", "60"}, {"blog.example", "30"}, {"other", "5"}};
        for (int r = 0; r < sites.length; r++) {
            long views = Long.parseLong(sites[r][1]);
            JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", ENDED, "site", r + 1),
                    JobDocuments.breakdown(ENDED, "site", sites[r][0], r + 1, views, views / 3, views / 5, views / 10, "19.90", views / 2, NOW));
        }
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", ENDED, "referrer", 1),
                JobDocuments.breakdown(ENDED, "referrer", "direct", 1, 95, 30, 12, 3, "59.70", 70, NOW));
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", NEWEST, "site", 1),
                JobDocuments.breakdown(NEWEST, "site", "partial.example", 1, 7, 1, 0, 0, "0", 7, NOW));
        JobDocuments.index(es, "clickstream-alerts", JobDocuments.alertId("click_burst", "bot-1", NOW.minusSeconds(70)),
                JobDocuments.alert("click_burst", "critical", "bot-1", NOW.minusSeconds(70), NOW.minusSeconds(65), 45, 20, NOW.minusSeconds(60)));
        JobDocuments.index(es, "clickstream-alerts", JobDocuments.alertId("page_view_flood", "bot-2", NOW.minusSeconds(400)),
                JobDocuments.alert("page_view_flood", "warning", "bot-2", NOW.minusSeconds(400), NOW.minusSeconds(350), 70, 60, NOW.minusSeconds(300)));
        JobDocuments.index(es, "clickstream-alerts", JobDocuments.alertId("click_burst", "bot-0", NOW.minusSeconds(7200)),
                JobDocuments.alert("click_burst", "warning", "bot-0", NOW.minusSeconds(7200), NOW.minusSeconds(7190), 25, 20, NOW.minusSeconds(7200)));
    }

    @Test
    @Order(1)
    void kpisAreTheWindowDocumentsNewestFirstWithTheirOwnFields() throws Exception {
        JsonNode answer = json(given().get("/api/kpis").then().statusCode(200).contentType("application/json").extract().response());
        assertThat(answer.path("granularity").asText()).isEqualTo("60s/10s");
        assertThat(answer.path("windows")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(answer.path("windows").get(i)).isEqualTo(MAPPER.readTree(WINDOWS.get(i)));
        }
        JsonNode sized = json(given().queryParam("size", "2").get("/api/kpis").then().statusCode(200).extract().response());
        assertThat(sized.path("windows")).hasSize(2);
        assertThat(sized.path("windows").get(0).path("window_start").asText()).isEqualTo(NEWEST.toString());

        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        JsonNode hourly = json(given().queryParam("granularity", "1h").queryParam("from", hour.minusSeconds(1).toString())
                .queryParam("to", hour.plusSeconds(1).toString()).get("/api/kpis").then().statusCode(200).extract().response());
        assertThat(hourly.path("windows")).hasSize(1);
        assertThat(hourly.path("windows").get(0).path("page_views").asLong()).isEqualTo(5000);
    }

    private static void seedFunnel(String es, Instant start, long[] reached) {
        List<String> steps = JobDocuments.funnel(start, List.of("page_view", "add_to_cart", "purchase"), reached[0] + 5, reached, NOW);
        for (int k = 0; k < steps.size(); k++) {
            JobDocuments.index(es, "clickstream-kpis", JobDocuments.funnelId("60s/10s", start, k + 1), steps.get(k));
        }
    }

    @Test
    @Order(2)
    void kpisCarryTheSessionFieldsAndNeverFunnelOrBreakdownDocuments() throws Exception {
        JsonNode answer = json(given().get("/api/kpis").then().statusCode(200).extract().response());
        assertThat(answer.path("windows")).allSatisfy(w -> {
            assertThat(w.has("step")).as("a funnel document among the KPI windows").isFalse();
            assertThat(w.has("dimension")).as("a top-N or breakdown document among the KPI windows").isFalse();
        });
        JsonNode newest = answer.path("windows").get(0);
        assertThat(newest.path("sessions").asLong()).isEqualTo(40);
        assertThat(newest.path("bounced_sessions").asLong()).isEqualTo(10);
        assertThat(newest.path("bounce_rate").asDouble()).isEqualTo(0.25);
        assertThat(newest.path("avg_session_duration_s").asDouble()).isEqualTo(95.5);
        assertThat(newest.path("pages_per_session").asDouble()).isEqualTo(2.5);
        assertThat(newest.path("open_sessions").asLong()).isEqualTo(4);
    }

    @Test
    @Order(2)
    void funnelIsTheNewestEndedWindowsStepsInStepOrderOrTheWindowAskedFor() throws Exception {
        JsonNode answer = json(given().get("/api/funnel").then().statusCode(200).contentType("application/json").extract().response());
        assertThat(answer.path("granularity").asText()).isEqualTo("60s/10s");
        assertThat(answer.path("window_start").asText()).isEqualTo(ENDED.toString());
        assertThat(answer.path("steps")).extracting(n -> n.path("step_name").asText()).containsExactly("page_view", "add_to_cart", "purchase");
        assertThat(answer.path("steps")).extracting(n -> n.path("sessions").asLong()).containsExactly(40L, 12L, 3L);
        assertThat(answer.path("steps")).extracting(n -> n.path("drop_off").asLong()).containsExactly(5L, 28L, 9L);
        assertThat(answer.path("steps").get(2).path("conversion_rate").asDouble()).isEqualTo(3.0 / 40);
        assertThat(answer.path("steps").get(2).path("step_conversion_rate").asDouble()).isEqualTo(3.0 / 12);

        JsonNode inProgress = json(given().queryParam("window_start", NEWEST.toString()).get("/api/funnel").then().statusCode(200)
                .extract().response());
        assertThat(inProgress.path("window_start").asText()).isEqualTo(NEWEST.toString());
        assertThat(inProgress.path("steps")).extracting(n -> n.path("sessions").asLong()).containsExactly(9L, 1L, 0L);

        JsonNode none = json(given().queryParam("granularity", "1h").get("/api/funnel").then().statusCode(200).extract().response());
        assertThat(none.path("steps")).isEmpty();
        assertThat(none.path("window_start").isNull()).isTrue();
    }

    @Test
    @Order(2)
    void breakdownsAreOneDimensionsRanksOfTheNewestEndedWindowOrTheWindowAskedFor() throws Exception {
        JsonNode sites = json(given().queryParam("dimension", "site").get("/api/breakdowns").then().statusCode(200)
                .contentType("application/json").extract().response());
        assertThat(sites.path("dimension").asText()).isEqualTo("site");
        assertThat(sites.path("window_start").asText()).isEqualTo(ENDED.toString());
        assertThat(sites.path("items")).extracting(n -> n.path("key").asText()).containsExactly("shop.example", "blog.example", "other");
        assertThat(sites.path("items").get(0).path("page_views").asLong()).isEqualTo(60);
        assertThat(sites.path("items").get(0).path("revenue").decimalValue()).isEqualByComparingTo("19.90");
        JsonNode limited = json(given().queryParam("dimension", "site").queryParam("limit", "2").get("/api/breakdowns").then()
                .statusCode(200).extract().response());
        assertThat(limited.path("items")).hasSize(2);
        JsonNode referrers = json(given().queryParam("dimension", "referrer").get("/api/breakdowns").then().statusCode(200)
                .extract().response());
        assertThat(referrers.path("items")).extracting(n -> n.path("key").asText()).containsExactly("direct");
        JsonNode newest = json(given().queryParam("dimension", "site").queryParam("window_start", NEWEST.toString())
                .get("/api/breakdowns").then().statusCode(200).extract().response());
        assertThat(newest.path("items")).extracting(n -> n.path("key").asText()).containsExactly("partial.example");
        JsonNode empty = json(given().queryParam("dimension", "utm_campaign").get("/api/breakdowns").then().statusCode(200)
                .extract().response());
        assertThat(empty.path("items")).isEmpty();
    }

    @Test
    @Order(2)
    void topIsTheNewestEndedWindowsRankingInRankOrder() throws Exception {
        JsonNode pages = json(given().queryParam("dimension", "page").get("/api/top").then().statusCode(200).extract().response());
        assertThat(pages.path("items")).extracting(n -> n.path("key").asText()).containsExactly("/home", "/cart", "/p/<b>1</b>");
        assertThat(pages.path("items").get(0).path("window_start").asText()).isEqualTo(ENDED.toString());
        assertThat(pages.path("items").get(0).path("count").asLong()).isEqualTo(50);
        JsonNode limited = json(given().queryParam("dimension", "page").queryParam("limit", "2").get("/api/top").then()
                .statusCode(200).extract().response());
        assertThat(limited.path("items")).hasSize(2);
        JsonNode products = json(given().queryParam("dimension", "product").get("/api/top").then().statusCode(200).extract().response());
        assertThat(products.path("items")).hasSize(1);
        assertThat(products.path("items").get(0).path("key").asText()).as("no ended window: the newest in progress").isEqualTo("sku-1");
        assertThat(products.path("items").get(0).path("revenue").decimalValue()).isEqualByComparingTo("239.60");
    }

    @Test
    @Order(3)
    void alertsSinceAreTheRecentlyUpdatedOnesMostRecentFirst() throws Exception {
        JsonNode recent = json(given().get("/api/alerts").then().statusCode(200).extract().response());
        assertThat(recent.path("alerts")).extracting(n -> n.path("entity").asText()).containsExactly("bot-1", "bot-2");
        assertThat(recent.path("alerts").get(0).path("sample_event_ids").size()).isEqualTo(2);
        JsonNode all = json(given().queryParam("since", NOW.minusSeconds(3 * 3600).toString()).get("/api/alerts").then()
                .statusCode(200).extract().response());
        assertThat(all.path("alerts")).hasSize(3);
    }

    @Test
    @Order(4)
    void badParametersAre400ProblemsThatSayWhatWasExpected() {
        bad("/api/kpis?granularity=%22%20OR%20*", "granularity must look like 60s/10s");
        bad("/api/kpis?granularity=60s/10s%7D%7D", "granularity must look like");
        bad("/api/kpis?from=yesterday", "from must be an ISO-8601");
        bad("/api/kpis?from=" + NOW + "&to=" + NOW.minusSeconds(60), "from must be before to");
        bad("/api/kpis?from=" + NOW.minusSeconds(3 * 86400) + "&to=" + NOW, "at most 24 h");
        bad("/api/kpis?size=0", "size must be from 1 to 1000");
        bad("/api/kpis?size=100000", "size must be from 1 to 1000");
        bad("/api/kpis?size=ten", "size must be an integer");
        bad("/api/top", "dimension must be page or product");
        bad("/api/top?dimension=user", "dimension must be page or product");
        bad("/api/top?dimension=page&limit=101", "limit must be from 1 to 100");
        bad("/api/alerts?since=" + NOW.minusSeconds(3 * 86400), "since may be at most 24 h ago");
        bad("/api/alerts?size=-1", "size must be from 1 to 100");
        bad("/api/breakdowns", "dimension must be one of site, referrer, utm_source, utm_medium, utm_campaign, device, browser, os, got nothing");
        bad("/api/breakdowns?dimension=page", "dimension must be one of site, referrer");
        bad("/api/breakdowns?dimension=SITE", "dimension must be one of site");
        bad("/api/breakdowns?dimension=site&limit=101", "limit must be from 1 to 100");
        bad("/api/breakdowns?dimension=site&window_start=now", "window_start must be an ISO-8601");
        bad("/api/breakdowns?dimension=site&granularity=*", "granularity must look like");
        bad("/api/funnel?window_start=%7B%22match_all%22%3A%7B%7D%7D", "window_start must be an ISO-8601");
        bad("/api/funnel?granularity=1h%20OR%201", "granularity must look like");
    }

    @Test
    @Order(5)
    void streamPushesSnapshotsOfTheSameDocuments() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(stream.toURI())
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        long started = System.nanoTime();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < 2 && (line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(MAPPER.readTree(line.substring(5)));
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(events).hasSize(2);
        assertThat(seconds).as("two snapshots at the 2 s default interval").isLessThan(8);
        JsonNode first = events.get(0);
        assertThat(first.path("windows")).hasSize(5);
        assertThat(first.path("windows").get(0)).isEqualTo(MAPPER.readTree(WINDOWS.get(0)));
        assertThat(first.path("top_pages")).hasSize(3);
        assertThat(first.path("top_products").get(0).path("key").asText()).isEqualTo("sku-1");
        assertThat(first.path("alerts")).hasSize(2);
        assertThat(first.path("windows").get(0).path("bounce_rate").asDouble()).isEqualTo(0.25);
        assertThat(first.path("funnel")).extracting(n -> n.path("sessions").asLong()).containsExactly(40L, 12L, 3L);
        assertThat(first.path("breakdowns").path("site")).extracting(n -> n.path("key").asText())
                .containsExactly("shop.example", "blog.example", "other");
        assertThat(first.path("breakdowns").path("referrer")).hasSize(1);
        assertThat(iterable(first.path("breakdowns").fieldNames())).containsExactly("site", "referrer", "utm_source", "utm_medium",
                "utm_campaign", "device", "browser", "os");
        assertThat(first.path("breakdowns").path("os")).isEmpty();
        assertThat(first.has("problem")).isFalse();
    }

    @Test
    @Order(6)
    void elasticsearchDownMeans503ProblemsWhileBeaconsAreStillAccepted() {
        ElasticsearchStackResource.stack().stopElasticsearch();
        try {
            Response down = given().get("/api/kpis");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.contentType()).startsWith("application/problem+json");
            down.then().body("status", equalTo(503)).body("title", equalTo("Elasticsearch unavailable"))
                    .body("detail", containsString("not reachable"));
            assertThat(down.header("Retry-After")).isEqualTo("5");
            given().queryParam("dimension", "page").get("/api/top").then().statusCode(503);
            given().get("/api/alerts").then().statusCode(503);
            given().get("/api/funnel").then().statusCode(503);
            given().queryParam("dimension", "site").get("/api/breakdowns").then().statusCode(503);

            given().contentType("application/json").body(Events.click(Events.id(), "while-es-down")).post("/v1/events")
                    .then().statusCode(200).body("results[0].status", equalTo("accepted"));
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/dashboard").then().statusCode(200);
        } finally {
            ElasticsearchStackResource.stack().startElasticsearch();
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().get("/api/kpis").then().statusCode(200));
    }

    @Test
    @Order(7)
    void openApiDescribesTheQueryEndpoints() {
        String spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(spec).contains("/api/kpis", "/api/top", "/api/alerts", "/api/stream", "/api/funnel", "/api/breakdowns", "/v1/events", "application/problem+json");
    }

    @Test
    @Order(8)
    void dashboardPageIsServedWithItsScriptsAndAStrictContentSecurityPolicy() {
        Response page = given().get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        String html = page.asString();
        assertThat(html).contains("/dashboard/app.js", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        given().get("/dashboard/app.js").then().statusCode(200);
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        given().get("/webjars/uplot/1.6.30/dist/uPlot.min.css").then().statusCode(200);
    }

    private static void bad(String pathAndQuery, String detail) {
        Response r = given().urlEncodingEnabled(false).get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(r.contentType()).as(pathAndQuery).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("detail")).as(pathAndQuery).contains(detail);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static JsonNode json(Response r) throws Exception {
        return MAPPER.readTree(r.asString());
    }
}
