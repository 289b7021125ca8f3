package io.clickstream.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.analytics.testing.EsReader;
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
 * documents equal the oracle's and there are no duplicates.
 */
class KillRestartIT {

    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void sigkillMidStreamThenRestartGivesExactlyTheExpectedDocuments() throws Exception {
        SharedStack.reset();
        LocalStack stack = SharedStack.get();
        AnalyticsConfig config = ItConfigs.forStack(stack, Files.createTempDirectory(Path.of("target"), "it-kill-"));

        List<Scenario.Event> first = Scenario.generate(21, "kill-a", START, 2000, 180, 30);
        List<Scenario.Event> second = new ArrayList<>(Scenario.generate(22, "kill-b", START.plusSeconds(125), 600, 90, 30));
        second.addAll(first.subList(first.size() - 30, first.size()));
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
                        });
                assertThat(es.count(Indices.KPIS_ALIAS)).as("no duplicate documents").isEqualTo(expected.size());
            }
        }
    }
}
