package io.clickstream.load;

import static io.clickstream.load.dsl.InjectionProfile.constantUsersPerSec;
import static io.clickstream.load.dsl.InjectionProfile.injectOpen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.Topics;
import io.clickstream.load.anomaly.AnomalyConfig;
import io.clickstream.load.cli.LoadCli;
import io.clickstream.load.schedule.Simulation;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.ledger.Delivery;
import io.clickstream.load.ledger.LedgerCalculator;
import io.clickstream.load.ledger.LedgerFiles;
import io.clickstream.load.ledger.WindowCalculator;
import io.clickstream.load.schedule.EventSchedule;
import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.scenario.ShopScenario;
import io.clickstream.load.transport.DeliveryStatus;
import io.clickstream.load.transport.KafkaTransport;
import io.clickstream.load.transport.Transport.Outcome;
import io.clickstream.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code verify} against a real Elasticsearch and the Kafka transport against a real broker, both
 * from one {@link LocalStack} (started once: it is the slow part). The verify tests are mutation
 * tests: the documents a correct job writes for a real schedule pass; one tampered field, one
 * spurious or duplicate alert, one dropped or extra ranking document, a missed site anomaly, an empty
 * ledger, a replay, a tampered session field and a dropped or extra funnel document each fail with a
 * message naming the document and field; a ledger of another format is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackBackedIT {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DIR = Path.of("target", "stack-it");

    @BeforeAll
    static void startStack() throws Exception {
        Files.createDirectories(DIR);
        stack = LocalStack.builder().workDir(DIR.resolve("stack-" + System.nanoTime())).partitions(2).start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static final String RUN = "mut0a1b2";

    /**
     * A real schedule's ledger (40 s of shop traffic and one click bot, every event acknowledged): the
     * windows, rankings and bot a job would see, with exact expectations.
     */
    private static Ledger ledger(Instant sendingStarted) {
        Simulation sim = Simulation.of(ShopScenario.scenario(), injectOpen(constantUsersPerSec(15).during(Duration.ofSeconds(40))), 5)
                .withRunId(RUN).withAnomalies(new AnomalyConfig(1.5, 0, 0, 0, 0, 0, Duration.ofSeconds(60)));
        EventSchedule schedule = new EventSchedule(sim, T.plusSeconds(5));
        List<Delivery> deliveries = new ArrayList<>();
        schedule.forEachRemaining(e -> deliveries.add(Delivery.of(e, DeliveryStatus.ACCEPTED)));
        Ledger.RunInfo run = new Ledger.RunInfo(5, RUN, "shop", T.plusSeconds(5), T.plusSeconds(46), sendingStarted, "http",
                "test", "60s/10s", 60, 10, 10, null, T.plusSeconds(45), false);
        return LedgerCalculator.compute(run, deliveries, schedule.anomalies(), WindowCalculator.defaults());
    }

    /** The KPI and ranking documents of the ledger's windows, written as spark-analytics' KpiDocuments writes them. */
    private static Map<String, ObjectNode> jobDocuments(Ledger ledger, Instant updatedAt) {
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        for (WindowKpis w : ledger.windows()) {
            docs.put(w.documentId(), window(w)
                    .put("page_views", w.pageViews()).put("clicks", w.clicks()).put("add_to_cart", w.addToCart())
                    .put("purchases", w.purchases()).put("orders", w.orders())
                    .put("revenue", w.revenue().setScale(2, RoundingMode.HALF_UP))
                    .put("avg_order_value", w.orders() == 0 ? BigDecimal.ZERO.setScale(2)
                            : w.revenue().divide(BigDecimal.valueOf(w.orders()), 2, RoundingMode.HALF_UP))
                    .put("unique_visitors", w.uniqueVisitors())
                    .put("ctr", ratio(w.clicks(), w.pageViews())).put("cart_rate", ratio(w.addToCart(), w.pageViews()))
                    .put("conversion_rate", ratio(w.purchases(), w.pageViews()))
                    .put("sessions", w.sessions().sessions()).put("bounced_sessions", w.sessions().bouncedSessions())
                    .put("bounce_rate", ratio(w.sessions().bouncedSessions(), w.sessions().sessions()))
                    .put("avg_session_duration_s", w.sessions().sessions() == 0 ? 0.0
                            : w.sessions().durationMillis() / 1000.0 / w.sessions().sessions())
                    .put("pages_per_session", ratio(w.sessions().pageViews(), w.sessions().sessions()))
                    .put("open_sessions", 0)
                    .put("updated_at", updatedAt.toString()));
            rank(docs, w, "page", w.topPages(), updatedAt);
            rank(docs, w, "product", w.topProducts(), updatedAt);
            funnel(docs, w, updatedAt);
            for (Ledger.BreakdownEntry e : w.breakdowns()) {
                docs.put(w.breakdownDocumentId(e.dimension(), e.rank()), window(w).put("dimension", e.dimension())
                        .put("key", e.key()).put("rank", e.rank()).put("page_views", e.pageViews()).put("clicks", e.clicks())
                        .put("add_to_cart", e.addToCart()).put("purchases", e.purchases()).put("orders", e.orders())
                        .put("revenue", e.revenue().setScale(2, RoundingMode.HALF_UP))
                        .put("avg_order_value", e.orders() == 0 ? BigDecimal.ZERO.setScale(2)
                                : e.revenue().divide(BigDecimal.valueOf(e.orders()), 2, RoundingMode.HALF_UP))
                        .put("unique_visitors", e.uniqueVisitors())
                        .put("ctr", ratio(e.clicks(), e.pageViews())).put("cart_rate", ratio(e.addToCart(), e.pageViews()))
                        .put("conversion_rate", ratio(e.purchases(), e.pageViews()))
                        .put("updated_at", updatedAt.toString()));
            }
        }
        return docs;
    }

    /** The funnel documents of a window, as the job writes them (docs/architecture.md, "Funnel"). */
    private static void funnel(Map<String, ObjectNode> docs, WindowKpis w, Instant updatedAt) {
        long previous = w.sessions().sessions();
        long first = w.funnel().get(0).sessions();
        for (Ledger.FunnelCount step : w.funnel()) {
            docs.put(w.funnelDocumentId(step.step()), window(w).put("funnel", "default").put("step", step.step())
                    .put("step_name", step.stepName()).put("sessions", step.sessions())
                    .put("drop_off", previous - step.sessions()).put("conversion_rate", ratio(step.sessions(), first))
                    .put("step_conversion_rate", step.step() == 1 ? 1.0 : ratio(step.sessions(), previous))
                    .put("updated_at", updatedAt.toString()));
            previous = step.sessions();
        }
    }

    private static void rank(Map<String, ObjectNode> docs, WindowKpis w, String dimension, List<Ledger.RankEntry> entries,
                             Instant updatedAt) {
        for (int i = 0; i < entries.size(); i++) {
            Ledger.RankEntry e = entries.get(i);
            docs.put(w.rankDocumentId(dimension, i + 1), window(w).put("dimension", dimension).put("key", e.key())
                    .put("count", e.count()).put("revenue", e.revenue()).put("rank", i + 1)
                    .put("updated_at", updatedAt.toString()));
        }
    }

    private static ObjectNode window(WindowKpis w) {
        return EventJson.mapper().createObjectNode().put("granularity", w.granularity())
                .put("window_start", w.windowStart().toString()).put("window_end", w.windowEnd().toString());
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static String botAlert(String entity, Instant start) {
        return "{\"rule\":\"click_burst\",\"severity\":\"warning\",\"entity\":\"" + entity + "\",\"window_start\":\""
                + start + "\",\"window_end\":\"" + start.plusSeconds(10) + "\",\"observed\":40,\"threshold\":20}";
    }

    /** Replaces the KPI and alert indices' content by {@code docs} and {@code alerts} (id → JSON). */
    private static void reset(Map<String, ObjectNode> docs, Map<String, String> alerts) throws Exception {
        for (String index : List.of("clickstream-kpis", "clickstream-alerts")) {
            HTTP.send(HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/" + index)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        StringBuilder bulk = new StringBuilder();
        docs.forEach((id, doc) -> bulk.append("{\"index\":{\"_index\":\"clickstream-kpis\",\"_id\":")
                .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(id).toString()).append("}}\n").append(doc).append('\n'));
        alerts.forEach((id, doc) -> bulk.append("{\"index\":{\"_index\":\"clickstream-alerts\",\"_id\":")
                .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(id).toString()).append("}}\n").append(doc).append('\n'));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/_bulk?refresh=true"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).as(r.body()).contains("\"errors\":false");
    }

    /** The job's documents and one alert per bot: what a correct job writes for the ledger. */
    private static Map<String, String> botAlerts(Ledger ledger) {
        Map<String, String> alerts = new LinkedHashMap<>();
        ledger.anomalies().forEach(a -> alerts.put("alert|click_burst|" + a.entity() + "|" + a.start().toEpochMilli(),
                botAlert(a.entity(), a.start())));
        return alerts;
    }

    private record Run(int exit, String out) {
    }

    private static Run verify(Path ledger, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = LoadCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("verify", "--ledger", ledger.toString(), "--es", stack.elasticsearchUrl(),
                "--wait", "2s", "--poll-interval", "1s"));
        args.addAll(List.of(extra));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out + err.toString());
    }

    private static Path write(Ledger ledger, String name) throws Exception {
        Path file = DIR.resolve(name);
        LedgerFiles.write(ledger, file);
        return file;
    }

    @Test
    @Order(1)
    void verifyPassesOnTheJobsDocumentsAndNamesForeignAlertsItSkipped() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        assertThat(ledger.anomalies()).hasSize(1);
        assertThat(ledger.windows()).anySatisfy(w -> assertThat(w.topProducts()).isNotEmpty());
        Map<String, String> alerts = botAlerts(ledger);
        alerts.put("alert|click_burst|bot-click-ffff0000-0|1", botAlert("bot-click-ffff0000-0", T.plusSeconds(12)));
        alerts.put("alert|traffic_stall|default|1", "{\"rule\":\"traffic_stall\",\"entity\":\"default\",\"window_start\":\""
                + T.plusSeconds(25) + "\",\"window_end\":\"" + T.plusSeconds(95) + "\"}");
        reset(jobDocuments(ledger, now), alerts);

        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("PASS", "recall 1.00", "precision 1.00", "mismatch 0, missing 0, extra 0",
                "skipped alert (not this run's): alert|click_burst|bot-click-ffff0000-0|1",
                "skipped alert (not this run's): alert|traffic_stall|default|1");
    }

    @Test
    @Order(2)
    void aTamperedFieldOfOneKpiDocumentFailsNamingTheDocumentAndField() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        Map<String, ObjectNode> docs = jobDocuments(ledger, now);
        WindowKpis w = ledger.windows().get(2);
        ObjectNode doc = docs.get(w.documentId());
        doc.put("conversion_rate", doc.get("conversion_rate").asDouble() + 0.001);
        reset(docs, botAlerts(ledger));
        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).containsPattern(java.util.regex.Pattern.quote(w.documentId()) + "\\s+\\S+\\s+conversion_rate\\s+\\S+\\s+\\S+\\s+MISMATCH")
                .contains("mismatch 1,", "FAIL");
    }

    @Test
    @Order(3)
    void aSpuriousAlertForOneOfTheRunsUsersFailsNamingIt() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        Map<String, String> alerts = botAlerts(ledger);
        String id = "alert|page_view_flood|u-" + RUN + "-3|" + T.plusSeconds(10).toEpochMilli();
        alerts.put(id, "{\"rule\":\"page_view_flood\",\"entity\":\"u-" + RUN + "-3\",\"window_start\":\""
                + T.plusSeconds(10) + "\",\"window_end\":\"" + T.plusSeconds(70) + "\"}");
        reset(jobDocuments(ledger, now), alerts);
        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("unexpected alert: " + id, "precision 0.50");
        assertThat(verify(write(ledger, "ledger.json"), "--no-alerts").exit()).isZero();
    }

    @Test
    @Order(4)
    void aDroppedRankingDocumentAndAnExtraRankFailNamingTheDocuments() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        Map<String, ObjectNode> docs = jobDocuments(ledger, now);
        WindowKpis w = ledger.windows().stream().filter(x -> !x.topProducts().isEmpty() && x.topProducts().size() < 10)
                .findFirst().orElseThrow();
        String dropped = w.rankDocumentId("product", 1);
        docs.remove(dropped);
        String extra = w.rankDocumentId("product", w.topProducts().size() + 1);
        docs.put(extra, window(w).put("dimension", "product").put("key", "sku-nobody").put("count", 1).put("revenue", 0)
                .put("rank", w.topProducts().size() + 1).put("updated_at", now.toString()));
        reset(docs, botAlerts(ledger));
        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).containsPattern(java.util.regex.Pattern.quote(dropped) + "\\s+\\S+\\s+document\\s+.*missing\\s+MISSING")
                .containsPattern(java.util.regex.Pattern.quote(extra) + "\\s+\\S+\\s+document\\s+.*EXTRA");
    }

    @Test
    @Order(5)
    void aDuplicateAlertAMissedSiteAnomalyAndAnEmptyLedgerFail() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        Map<String, String> alerts = botAlerts(ledger);
        String bot = ledger.anomalies().get(0).entity();
        alerts.put("alert|click_burst|" + bot + "|9", botAlert(bot, ledger.anomalies().get(0).start().plusSeconds(40)));
        reset(jobDocuments(ledger, now), alerts);
        Run duplicate = verify(write(ledger, "ledger.json"));
        assertThat(duplicate.exit()).as(duplicate.out()).isEqualTo(1);
        assertThat(duplicate.out()).contains("duplicate alert: click_burst " + bot + ": 2 documents for one episode");

        // The same run as if it had lasted long enough for a revenue drop that the job never reported.
        Ledger.RunInfo r = ledger.run();
        Ledger withDrop = new Ledger(Ledger.FORMAT, new Ledger.RunInfo(r.seed(), r.runId(), r.scenario(), r.start(), r.end(),
                r.sendingStarted(), r.transport(), r.target(), r.granularity(), r.windowSizeSeconds(), r.windowSlideSeconds(),
                r.topN(), T, T.plusSeconds(30), false), ledger.totals(), ledger.windows(), ledger.anomalies(),
                List.of(new Ledger.SiteAnomalyRecord("revenue-drop", T.plusSeconds(5), T.plusSeconds(25), List.of("revenue_drop"))));
        reset(jobDocuments(ledger, now), botAlerts(ledger));
        Run missed = verify(write(withDrop, "ledger-drop.json"));
        assertThat(missed.exit()).as(missed.out()).isEqualTo(1);
        assertThat(missed.out()).contains("missed alert: revenue_drop during revenue-drop " + T.plusSeconds(5));

        Ledger empty = new Ledger(Ledger.FORMAT, r, new Ledger.Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0),
                List.of(), List.of());
        Run vacuous = verify(write(empty, "ledger-empty.json"));
        assertThat(vacuous.exit()).as(vacuous.out()).isEqualTo(1);
        assertThat(vacuous.out()).contains("problem: the ledger holds no acknowledged event");
    }

    @Test
    @Order(6)
    void documentsWrittenBeforeTheRunSentAnythingAreReportedAsAReplay() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now);
        Map<String, ObjectNode> docs = jobDocuments(ledger, now.minusSeconds(3600));
        ObjectNode first = docs.get(ledger.windows().get(0).documentId());
        first.put("page_views", first.get("page_views").asLong() * 2);
        reset(docs, botAlerts(ledger));
        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("the ledger's events were already in Kafka", "FAIL: this run's events were already in Kafka");
    }

    @Test
    @Order(7)
    void verifyWithoutKpiOrAlertIndexSaysWhatToStart() throws Exception {
        Run run = verify(DIR.resolve("ledger.json"), "--kpi-index", "no-kpis-here", "--alert-index", "no-alerts-here");
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("MISSING", "is the analytics job running?", "are the alert queries running?");
    }

    @Test
    @Order(8)
    void kafkaTransportDeliversEveryEventKeyedByUserToItsTopic() throws Exception {
        Simulation sim = Simulation.of(ShopScenario.scenario(), injectOpen(constantUsersPerSec(20).during(Duration.ofSeconds(10))), 9)
                .withAnomalies(new AnomalyConfig(0, 0, 0, 0, 0, 0.05, Duration.ofSeconds(60)));
        List<ScheduledEvent> events = new ArrayList<>();
        new EventSchedule(sim, Instant.now()).forEachRemaining(events::add);
        Map<String, Integer> expectedPerTopic = new HashMap<>();
        try (KafkaTransport t = new KafkaTransport(stack.kafkaBootstrap(), Duration.ofSeconds(30))) {
            for (int from = 0; from < events.size(); from += 50) {
                List<ScheduledEvent> batch = events.subList(from, Math.min(events.size(), from + 50));
                List<Outcome> out = t.send(batch).get(60, TimeUnit.SECONDS);
                assertThat(out).extracting(Outcome::status).containsOnly(DeliveryStatus.ACCEPTED);
                for (ScheduledEvent e : batch) {
                    expectedPerTopic.merge(e.type() == null ? Topics.PAGE_VIEWS : e.type().topic(), 1, Integer::sum);
                }
            }
        }
        Map<String, String> sentKeyById = new HashMap<>();
        events.forEach(e -> sentKeyById.put(KafkaTransport.recordValue(e), e.partitionKey()));
        // Each valid event carries the site the gateway would have stamped from its write key.
        assertThat(events).filteredOn(e -> e.kind() != ScheduledEvent.Kind.MALFORMED)
                .allSatisfy(e -> assertThat(KafkaTransport.recordValue(e)).endsWith(",\"site\":\"" + e.site() + "\"}"));
        assertThat(events.stream().map(ScheduledEvent::site).distinct()).containsExactlyInAnyOrder("shop", "blog", "docs");
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "load-it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Integer> perTopic = new HashMap<>();
        int total = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(Topics.EVENT_TOPICS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (total < events.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo(sentKeyById.get(r.value()));
                    perTopic.merge(r.topic(), 1, Integer::sum);
                    total++;
                }
            }
        }
        assertThat(total).isEqualTo(events.size()).isGreaterThan(300);
        assertThat(perTopic).isEqualTo(expectedPerTopic);
    }

    @Test
    @Order(9)
    void aTamperedSessionFieldADroppedAndAnExtraFunnelDocumentFailNamingThem() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        Map<String, ObjectNode> docs = jobDocuments(ledger, now);
        WindowKpis w = ledger.windows().stream().filter(x -> x.sessions().sessions() > 1 && x.funnel().get(1).sessions() > 0)
                .findFirst().orElseThrow();
        ObjectNode kpi = docs.get(w.documentId());
        kpi.put("bounce_rate", kpi.get("bounce_rate").asDouble() + 0.01);
        String dropped = w.funnelDocumentId(2);
        docs.remove(dropped);
        String extra = w.funnelDocumentId(4);
        docs.put(extra, window(w).put("funnel", "default").put("step", 4).put("step_name", "purchase").put("sessions", 0)
                .put("drop_off", 0).put("conversion_rate", 0.0).put("step_conversion_rate", 0.0)
                .put("updated_at", now.toString()));
        reset(docs, botAlerts(ledger));
        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern(java.util.regex.Pattern.quote(w.documentId()) + "\\s+\\S+\\s+bounce_rate\\s+\\S+\\s+\\S+\\s+MISMATCH")
                .containsPattern(java.util.regex.Pattern.quote(dropped) + "\\s+\\S+\\s+document\\s+.*missing\\s+MISSING")
                .containsPattern(java.util.regex.Pattern.quote(extra) + "\\s+\\S+\\s+document\\s+.*EXTRA")
                .contains("mismatch 1,", "FAIL");
    }

    @Test
    @Order(10)
    void aLedgerOfAnotherFormatIsRefusedWithWhatToDo() throws Exception {
        Path file = write(ledger(Instant.now()), "ledger-old.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"format\" : 3", "\"format\" : 2"));
        Run run = verify(file);
        assertThat(run.exit()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("ledger format 2 is not supported (expected 3)", "write it again with this version's 'load'");
    }

    @Test
    @Order(11)
    void aTamperedADroppedAndAnExtraBreakdownDocumentFailNamingThem() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        Map<String, ObjectNode> docs = jobDocuments(ledger, now);
        WindowKpis w = ledger.windows().stream().filter(x -> x.granularity().equals("60s/10s") && x.purchases() > 0)
                .findFirst().orElseThrow();
        long referrers = w.breakdowns().stream().filter(e -> e.dimension().equals("referrer")).count();
        assertThat(w.breakdowns()).extracting(Ledger.BreakdownEntry::key).contains("shop", "blog", "google.com", "direct",
                "newsletter", "desktop", "phone");
        String tampered = w.breakdownDocumentId("site", 1);
        docs.get(tampered).put("revenue", docs.get(tampered).get("revenue").decimalValue().add(BigDecimal.ONE));
        String dropped = w.breakdownDocumentId("device", 2);
        docs.remove(dropped);
        String extra = w.breakdownDocumentId("referrer", (int) referrers + 1);
        docs.put(extra, window(w).put("dimension", "referrer").put("key", "spam.example").put("rank", referrers + 1)
                .put("page_views", 1).put("updated_at", now.toString()));
        reset(docs, botAlerts(ledger));
        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern(java.util.regex.Pattern.quote(tampered) + "\\s+\\S+\\s+revenue\\s+\\S+\\s+\\S+\\s+MISMATCH")
                .containsPattern(java.util.regex.Pattern.quote(dropped) + "\\s+\\S+\\s+document\\s+.*missing\\s+MISSING")
                .containsPattern(java.util.regex.Pattern.quote(extra) + "\\s+\\S+\\s+document\\s+.*EXTRA")
                .contains("FAIL");
    }

    @Test
    @Order(12)
    void aGatewayWithoutTheRunsWriteKeysIsNamedAsTheCauseOfSiteMismatches() throws Exception {
        Instant now = Instant.now();
        Ledger ledger = ledger(now.minusSeconds(60));
        Map<String, ObjectNode> docs = jobDocuments(ledger, now);
        docs.values().stream().filter(d -> "site".equals(d.path("dimension").asText()) && d.path("rank").asInt() == 1)
                .forEach(d -> d.put("key", "default"));
        reset(docs, botAlerts(ledger));
        Run run = verify(write(ledger, "ledger.json"));
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("site 'default'", "-Dclickstream.sites.wk_shop=shop");
    }
}
