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
import io.clickstream.load.ledger.LedgerFiles;
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
 * from one {@link LocalStack} (started once: it is the slow part).
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

    /** A ledger by hand: two sliding windows and an hour, one click bot. */
    private static Ledger ledger() {
        Ledger.RunInfo run = new Ledger.RunInfo(3, "shop", T.plusSeconds(5), T.plusSeconds(25), "http", "test", "60s/10s",
                60, 10, false);
        List<WindowKpis> windows = List.of(
                new WindowKpis("60s/10s", T, T.plusSeconds(60), 120, 30, 7, 2, 2, new BigDecimal("150.00"), 41, null),
                new WindowKpis("60s/10s", T.plusSeconds(10), T.plusSeconds(70), 100, 25, 5, 1, 1, new BigDecimal("99.995"), 35,
                        new Ledger.Unacknowledged(3, 0, 0, 0, 0, BigDecimal.ZERO, 36)),
                new WindowKpis("1h", T, T.plusSeconds(3600), 150, 40, 9, 3, 3, new BigDecimal("249.995"), 50, null));
        Ledger.Totals totals = new Ledger.Totals(400, 350, 0, 0, 0, 0, 0, 0, 3, 150, 40, 9, 3, 3,
                new BigDecimal("249.995"), 50);
        return new Ledger(Ledger.FORMAT, run, totals, windows,
                List.of(new Ledger.AnomalyRecord("click_burst", "bot-click-0", T.plusSeconds(8), 40, 40, true)));
    }

    private static void indexKpi(WindowKpis w, long pageViews, long clicks, double revenue, long visitors) throws Exception {
        ObjectNode doc = EventJson.mapper().createObjectNode()
                .put("granularity", w.granularity()).put("window_start", w.windowStart().toString())
                .put("window_end", w.windowEnd().toString()).put("page_views", pageViews).put("clicks", clicks)
                .put("add_to_cart", w.addToCart()).put("purchases", w.purchases()).put("orders", w.orders())
                .put("revenue", revenue).put("unique_visitors", visitors)
                .put("updated_at", Instant.now().toString());
        put("clickstream-kpis", w.documentId(), doc.toString());
    }

    private static void put(String index, String id, String json) throws Exception {
        String encoded = java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/" + index + "/_doc/"
                        + encoded + "?refresh=true")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    }

    private static double cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).doubleValue();
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
                "--wait", "3s", "--poll-interval", "1s"));
        args.addAll(List.of(extra));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out + err.toString());
    }

    @Test
    @Order(1)
    void verifyPassesWhenTheDocumentsMatchTheLedger() throws Exception {
        Ledger ledger = ledger();
        Path file = DIR.resolve("hand-ledger.json");
        LedgerFiles.write(ledger, file);
        WindowKpis w0 = ledger.windows().get(0);
        WindowKpis w1 = ledger.windows().get(1);
        WindowKpis h = ledger.windows().get(2);
        indexKpi(w0, 120, 30, cents(w0.revenue()), 43);              // visitors within ±6 of 41
        indexKpi(w1, 102, 25, cents(w1.revenue()), 35);              // 2 of 3 unacknowledged page views arrived
        indexKpi(h, 150, 40, cents(h.revenue()), 50);
        put("clickstream-alerts", "alert|click_burst|bot-click-0|" + T.toEpochMilli(),
                "{\"rule\":\"click_burst\",\"severity\":\"warning\",\"entity\":\"bot-click-0\",\"window_start\":\""
                        + T.plusSeconds(5) + "\",\"window_end\":\"" + T.plusSeconds(15) + "\",\"observed\":40,\"threshold\":20}");
        put("clickstream-alerts", "alert|revenue_drop|site|" + T.toEpochMilli(),
                "{\"rule\":\"revenue_drop\",\"entity\":\"site\",\"window_start\":\"" + T + "\"}");

        Run run = verify(file, "--all");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("PASS", "UNCERTAIN", "recall 1.00", "precision 1.00");
    }

    @Test
    @Order(2)
    void verifyFailsNamingTheWindowAndMetricOfADeliberateMismatch() throws Exception {
        Ledger ledger = ledger();
        Path file = DIR.resolve("hand-ledger.json");
        WindowKpis w0 = ledger.windows().get(0);
        indexKpi(w0, 120, 29, cents(w0.revenue()), 43);   // one click lost
        Run run = verify(file);
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).containsPattern("60s/10s\\s+2026-11-25T10:00:00Z\\s+clicks\\s+30\\s+29\\s+MISMATCH");
        assertThat(run.out()).contains("FAIL").doesNotContain("add_to_cart");   // OK rows are not printed by default
        indexKpi(w0, 120, 30, cents(w0.revenue()), 43);
    }

    @Test
    @Order(3)
    void verifyReportsAnUnexpectedUserAlertAsLostPrecision() throws Exception {
        Path file = DIR.resolve("hand-ledger.json");
        put("clickstream-alerts", "alert|page_view_flood|u-7|" + T.toEpochMilli(),
                "{\"rule\":\"page_view_flood\",\"entity\":\"u-7\",\"window_start\":\"" + T.plusSeconds(10) + "\"}");
        Run run = verify(file);
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("precision 0.50", "unexpected alert: page_view_flood u-7");
        assertThat(verify(file, "--no-alerts").exit()).isZero();
    }

    @Test
    @Order(4)
    void verifyWithoutKpiOrAlertIndexSaysWhatToStart() throws Exception {
        Run run = verify(DIR.resolve("hand-ledger.json"), "--kpi-index", "no-kpis-here", "--alert-index", "no-alerts-here");
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("MISSING", "is the analytics job running?", "are the alert queries running?");
    }

    @Test
    @Order(5)
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
        events.forEach(e -> sentKeyById.put(e.json(), e.partitionKey()));
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
}
