package io.clickstream.analytics.alert;

import static io.clickstream.analytics.alert.Simulation.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both alert queries on a simulated ten-minute run of 150 normal users with injected bots, resent
 * events and a checkout outage in the last three minutes, fed two minutes at a time as micro-batches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertQueriesIT {

    private static final long MINUTE = 60_000;
    /** Event time per micro-batch (input file): two minutes, so the ten minutes are six batches. */
    private static final long BATCH = 2 * MINUTE;
    private static final long OUTAGE_FROM = T0 + 7 * MINUTE;
    private static final String SINK = "simulated-run";

    private final Simulation sim = new Simulation(42)
            .normalUsers(150, 10 * MINUTE, OUTAGE_FROM, Long.MAX_VALUE)
            .clickBot("bot-click-fast", T0 + 60_000, 20_000, 200)        // 50 clicks per 10 s
            .clickBot("bot-click-long", T0 + 150_000, 45_000, 300)       // 33 per 10 s for 45 s, many windows
            .clickBot("bot-click-barely", T0 + 300_000, 12_000, 400)     // 25 per 10 s, just above 20
            .clickBot("bot-click-at-batch-edge", T0 + 230_000, 15_000, 250) // 40 per 10 s, across a batch boundary
            .pageViewBot("bot-scraper", T0 + 120_000, 90_000, 500)       // 120 page views per minute
            .pageViewBot("bot-scraper-barely", T0 + 400_000, 70_000, 900); // 66-67 per minute, just above 60

    private List<StreamingQuery> queries;

    @BeforeAll
    void runSimulation() throws Exception {
        SparkSession spark = TestSpark.session();
        Path work = Path.of("target", "alerts-it", "simulated-" + System.nanoTime());
        EventFiles files = new EventFiles(work.resolve("input"));
        AlertConfig config = AlertConfig.fromProperties(Map.of(
                "alert.trigger", "1s",
                "alert.checkpoint", work.resolve("checkpoints").toString(),
                // the run takes longer than a minute of wall time between batches at worst; no stall here
                "alert.site.stall-after", "10m"));
        queries = AlertQueries.start(spark, files.stream(spark), config, CollectingSink.named(SINK));
        java.util.Random random = new java.util.Random(7);
        List<SimulatedEvent> previous = List.of();
        for (int b = 0; b <= 5; b++) {
            List<SimulatedEvent> batch = new ArrayList<>(sim.between(T0 + b * BATCH, T0 + (b + 1) * BATCH));
            // producer retries: about 2 % of this batch's events twice, and 2 % of the last one's again
            List<SimulatedEvent> resent = new ArrayList<>();
            batch.stream().filter(e -> random.nextDouble() < 0.02).forEach(resent::add);
            previous.stream().filter(e -> random.nextDouble() < 0.02).forEach(resent::add);
            previous = List.copyOf(batch);
            batch.addAll(resent);
            files.write(batch);
            for (StreamingQuery q : queries) {
                Drain.untilFile(q, b, java.time.Duration.ofSeconds(120));
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (StreamingQuery q : queries) {
            q.stop();
        }
    }

    private List<Alert> userAlerts() {
        return CollectingSink.docs(SINK).stream()
                .filter(a -> a.rule().equals("click_burst") || a.rule().equals("page_view_flood")).toList();
    }

    @Test
    void everyInjectedBotIsAlertedExactlyOnce() {
        Map<String, List<Alert>> clickBursts = userAlerts().stream().filter(a -> a.rule().equals("click_burst"))
                .collect(Collectors.groupingBy(Alert::entity));
        Map<String, List<Alert>> floods = userAlerts().stream().filter(a -> a.rule().equals("page_view_flood"))
                .collect(Collectors.groupingBy(Alert::entity));
        assertThat(clickBursts.keySet()).isEqualTo(sim.clickBots);
        assertThat(floods.keySet()).isEqualTo(sim.floodBots);
        clickBursts.values().forEach(docs -> assertThat(docs).hasSize(1));
        floods.values().forEach(docs -> assertThat(docs).hasSize(1));

        Alert fast = clickBursts.get("bot-click-fast").get(0);
        assertThat(fast.id()).isEqualTo("alert|click_burst|bot-click-fast|" + (T0 + 60_000 + 20 * 200));
        assertThat(fast.observed()).isEqualTo(50);
        assertThat(fast.threshold()).isEqualTo(20);
        assertThat(fast.severity()).isEqualTo("critical");
        assertThat(fast.sampleEventIds()).hasSize(5);
        assertThat(fast.windowEndMillis()).isEqualTo(T0 + 60_000 + 20_000 - 200);
        assertThat(clickBursts.get("bot-click-barely").get(0).severity()).isEqualTo("warning");
        assertThat(floods.get("bot-scraper").get(0).observed()).isEqualTo(120);
    }

    @Test
    void normalUsersRaiseNoUserLevelAlerts() {
        assertThat(userAlerts()).extracting(Alert::entity)
                .allMatch(entity -> entity.startsWith("bot-"));
    }

    @Test
    void aBurstSpanningTwoBatchesIsOneDocumentUpdatedAsItGrows() {
        List<Alert> writes = CollectingSink.writes(SINK).stream()
                .filter(a -> a.entity().equals("bot-click-at-batch-edge")).toList();
        assertThat(writes.size()).isGreaterThanOrEqualTo(2);
        assertThat(writes.stream().map(Alert::id).distinct()).hasSize(1);
        assertThat(writes.get(writes.size() - 1).windowEndMillis()).isGreaterThan(writes.get(0).windowEndMillis());
    }

    @Test
    void checkoutOutageRaisesRevenueAndConversionDrops() {
        List<Alert> site = CollectingSink.docs(SINK).stream().filter(a -> a.entity().equals("shop")).toList();
        Set<String> rules = site.stream().map(Alert::rule).collect(Collectors.toSet());
        assertThat(rules).contains("revenue_drop", "conversion_drop", "cart_without_purchase");
        // Nothing site-level before the outage, one episode per rule during it.
        assertThat(site).allSatisfy(a -> assertThat(a.windowEndMillis()).isGreaterThan(OUTAGE_FROM));
        assertThat(site.stream().map(Alert::id).distinct().count()).isEqualTo(rules.size());
        Alert revenue = site.stream().filter(a -> a.rule().equals("revenue_drop")).findFirst().orElseThrow();
        assertThat(revenue.observed()).isLessThan(revenue.threshold());
    }
}
