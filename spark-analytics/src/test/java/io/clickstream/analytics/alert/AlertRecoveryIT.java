package io.clickstream.analytics.alert;

import static io.clickstream.analytics.alert.Simulation.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clickstream.analytics.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;

/** Restart from the checkpoint (with a replayed batch) and the processing-time traffic_stall rule. */
class AlertRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void restartAndReplayFromTheCheckpointDoNotDuplicateAlerts() throws Exception {
        SparkSession spark = TestSpark.session();
        Path work = Path.of("target", "alerts-it", "restart-" + System.nanoTime());
        EventFiles files = new EventFiles(work.resolve("input"));
        AlertConfig config = AlertConfig.fromProperties(Map.of(
                "alert.trigger", "200ms", "alert.checkpoint", work.resolve("checkpoints").toString()));
        AlertSink sink = CollectingSink.named("restart");

        Simulation sim = new Simulation(11)
                .normalUsers(5, 30_000, Long.MAX_VALUE, Long.MAX_VALUE)
                .clickBot("bot-r", T0, 20_000, 200)                // 50 clicks per 10 s for 20 s
                .clickBot("bot-q", T0 + 19_000, 6_000, 100);       // 60 clicks in 6 s, starts after the restart

        StreamingQuery users = AlertQueries.startUserQuery(files.stream(spark), config, sink);
        files.write(sim.between(T0, T0 + 8_000));
        Drain.untilFile(users, 0, WAIT);
        List<SimulatedEvent> second = sim.between(T0 + 8_000, T0 + 16_000);
        files.write(second);
        Drain.untilFile(users, 1, WAIT);
        long dataBatch = lastBatchWithInput(users);
        users.stop();
        int writesBeforeRestart = writesFor("bot-r").size();

        // A crash after the sink wrote batch N but before Spark committed it: Spark must run N again.
        forgetBatchesFrom(work.resolve("checkpoints").resolve(AlertQueries.USERS_QUERY), dataBatch);

        users = AlertQueries.startUserQuery(files.stream(spark), config, sink);
        Drain.untilFile(users, 1, WAIT);
        assertThat(writesFor("bot-r").size()).as("batch %d was replayed", dataBatch).isGreaterThan(writesBeforeRestart);

        List<SimulatedEvent> third = new ArrayList<>(sim.between(T0 + 16_000, T0 + 30_000));
        third.addAll(second); // and the producer resent the whole previous batch
        files.write(third);
        Drain.untilFile(users, 2, WAIT);
        users.stop();

        List<Alert> docs = CollectingSink.docs("restart");
        assertThat(docs).extracting(Alert::id).containsExactlyInAnyOrder(
                "alert|click_burst|bot-r|" + (T0 + 20 * 200),
                "alert|click_burst|bot-q|" + (T0 + 19_000 + 20 * 100));
        assertThat(writesFor("bot-r")).extracting(Alert::id).containsOnly("alert|click_burst|bot-r|" + (T0 + 4_000));
        Alert botR = docs.stream().filter(d -> d.entity().equals("bot-r")).findFirst().orElseThrow();
        assertThat(botR.observed()).as("resent clicks are not counted twice").isEqualTo(50);
        assertThat(botR.windowEndMillis()).isEqualTo(T0 + 20_000 - 200);
    }

    @Test
    void trafficStallFiresWhenASiteWithABaselineGoesSilent() throws Exception {
        SparkSession spark = TestSpark.session();
        Path work = Path.of("target", "alerts-it", "stall-" + System.nanoTime());
        EventFiles files = new EventFiles(work.resolve("input"));
        AlertConfig config = AlertConfig.fromProperties(Map.of(
                "alert.trigger", "500ms",
                "alert.checkpoint", work.resolve("checkpoints").toString(),
                "alert.site.bucket", "1s",
                "alert.site.window", "2s",
                "alert.site.lateness", "0s",
                "alert.site.min-history", "3",
                "alert.site.min-baseline-events", "5",
                "alert.site.stall-after", "3s"));
        AlertSink sink = CollectingSink.named("stall");
        List<SimulatedEvent> traffic = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // busy site: 10 events per second for 30 s
            traffic.add(new SimulatedEvent("busy-" + i, "page_view", T0 + i * 100L, "u" + (i % 7), "busy", null));
        }
        for (int i = 0; i < 10; i++) {  // nearly idle site: no baseline worth a stall alert
            traffic.add(new SimulatedEvent("idle-" + i, "page_view", T0 + i * 3_000L, "v", "idle", null));
        }
        StreamingQuery sites = AlertQueries.startSiteQuery(files.stream(spark), config, sink);
        try {
            files.write(traffic);
            Drain.untilFile(sites, 0, WAIT);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !CollectingSink.docs("stall").isEmpty());
            // Both sites' stall timers were set by the batch that read the file, so any other stall
            // fires in the same batch as the busy site's; two more completed batches are past it.
            long stallBatch = sites.lastProgress().batchId();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> sites.lastProgress().batchId() >= stallBatch + 2);
        } finally {
            sites.stop();
        }
        List<Alert> docs = CollectingSink.docs("stall");
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("traffic_stall");
            assertThat(d.entity()).isEqualTo("busy");
            assertThat(d.id()).isEqualTo("alert|traffic_stall|busy|" + (T0 + 29_900));
            assertThat(d.observed()).isGreaterThanOrEqualTo(3.0);
            assertThat(d.threshold()).isEqualTo(3.0);
        });
    }

    private static List<Alert> writesFor(String entity) {
        return CollectingSink.writes("restart").stream().filter(a -> a.entity().equals(entity)).toList();
    }

    private static long lastBatchWithInput(StreamingQuery query) {
        long batch = -1;
        for (StreamingQueryProgress p : query.recentProgress()) {
            if (p.numInputRows() > 0) {
                batch = p.batchId();
            }
        }
        return batch;
    }

    /** Deletes the commit of {@code batch} and every later offset and commit entry. */
    private static void forgetBatchesFrom(Path checkpoint, long batch) throws IOException {
        for (String dir : List.of("commits", "offsets")) {
            try (Stream<Path> entries = Files.list(checkpoint.resolve(dir))) {
                for (Path p : entries.toList()) {
                    String name = p.getFileName().toString().replaceFirst("^\\.", "").replaceFirst("\\.crc$", "");
                    if (name.matches("\\d+")) {
                        long id = Long.parseLong(name);
                        if (id > batch || (id == batch && dir.equals("commits"))) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
    }
}
