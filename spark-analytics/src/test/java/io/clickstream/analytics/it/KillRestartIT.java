package io.clickstream.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.analytics.testing.EsReader;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.EventProducer;
import io.clickstream.analytics.testing.JobProcess;
import io.clickstream.analytics.testing.KpiAssertions;
import io.clickstream.analytics.testing.KpiOracle;
import io.clickstream.analytics.testing.Scenario;
import io.clickstream.analytics.testing.SharedStack;
import io.clickstream.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job as its own process, killed with SIGKILL in the middle of the stream (no shutdown hook, a
 * micro-batch possibly half written to Elasticsearch), restarted from the same checkpoint: the final
 * documents equal the oracle's and there are no duplicates; a bot's two bursts are two alert
 * documents with their exact counts.
 */
class KillRestartIT {

    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private static final String BOT = "kill-bot";

    /** 25 clicks of {@link #BOT} 30 ms apart from {@code at}: above click_burst's 20 in 10 s. */
    private static List<Scenario.Event> burst(String idPrefix, Instant at) {
        List<Scenario.Event> clicks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = idPrefix + "-" + i;
            Instant ts = at.plusMillis(30L * i);
            clicks.add(new Scenario.Event(id, "click", ts, BOT, null, null, null, List.of(),
                    Events.click(id, ts.toString(), BOT, "#buy")));
        }
        return clicks;
    }

    @Test
    void sigkillMidStreamThenRestartGivesExactlyTheExpectedDocuments() throws Exception {
        SharedStack.reset();
        LocalStack stack = SharedStack.get();
        AnalyticsConfig config = ItConfigs.forStack(stack, Files.createTempDirectory(Path.of("target"), "it-kill-"));

        List<Scenario.Event> first = new ArrayList<>(Scenario.generate(21, "kill-a", START, 1500, 180, 30));
        // A bot's burst in each part (the second part also re-sends the first burst): two click_burst episodes.
        List<Scenario.Event> burstA = burst("kill-bot-a", START.plusSeconds(60));
        List<Scenario.Event> burstB = burst("kill-bot-b", START.plusSeconds(220));
        // Where their event time falls in each part: the user rules accept 10 s of lateness.
        first.addAll(480, burstA);
        List<Scenario.Event> second = new ArrayList<>(Scenario.generate(22, "kill-b", START.plusSeconds(125), 400, 90, 30));
        second.addAll(first.subList(first.size() - 30, first.size()));
        second.addAll(burstB);
        second.addAll(burstA.subList(0, 10));
        List<Scenario.Event> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, JsonNode> expected = KpiOracle.expected(all, config.windowSize(), config.windowSlide(),
                config.slidingGranularity(), config.topN());

        try (EventProducer producer = new EventProducer(stack.kafkaBootstrap());
             EsReader es = new EsReader(stack.elasticsearchUrl())) {
            producer.send(first);
            JobProcess job = JobProcess.start("kill-1", JobProcess.jobClasspath(), "io.clickstream.analytics.AnalyticsJob",
                    List.of(), ItConfigs.args(config));
            try {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300))
                        .until(() -> !es.all(Indices.KPIS_ALIAS).isEmpty() || !job.isAlive());
                assertThat(job.isAlive()).as("job running (see target/it-logs/kill-1.out)").isTrue();
                assertThat(job.kill9()).as("exit status of SIGKILL").isEqualTo(137);
            } finally {
                job.close();
            }
            assertThat(es.all(Indices.KPIS_ALIAS)).as("killed mid-stream").hasSizeLessThan(expected.size());

            producer.send(second);
            try (JobProcess restarted = JobProcess.start("kill-2", JobProcess.jobClasspath(),
                    "io.clickstream.analytics.AnalyticsJob", List.of(), ItConfigs.args(config))) {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> {
                            assertThat(restarted.isAlive()).as("job running (see target/it-logs/kill-2.out)").isTrue();
                            KpiAssertions.assertMatches(es.all(Indices.KPIS_ALIAS), expected, config.approxRsd());
                            // One document per episode, with the counts of the events, not of their deliveries.
                            Map<String, JsonNode> alerts = es.all(Indices.ALERTS_ALIAS);
                            assertThat(alerts.keySet()).containsExactlyInAnyOrder(
                                    "alert|click_burst|" + BOT + "|" + burstA.get(20).ts().toEpochMilli(),
                                    "alert|click_burst|" + BOT + "|" + burstB.get(20).ts().toEpochMilli());
                            alerts.values().forEach(a -> assertThat(a.get("observed").asDouble()).isEqualTo(25.0));
                        });
                assertThat(es.count(Indices.KPIS_ALIAS)).as("no duplicate documents").isEqualTo(expected.size());
            }
        }
    }
}
