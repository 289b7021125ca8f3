package io.clickstream.analytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs the job's own query over its synthetic traffic in several micro-batches, produces
 * documents (so the KPI, session, breakdown and alert code paths ran) that go nowhere, and leaves no checkpoint
 * behind; it never publishes to the alert topic.
 */
class WarmUpTest {

    @Test
    void runsTheOnePassQueryOverSyntheticTrafficAndLeavesNothingBehind() throws Exception {
        long before = warmUpDirs();
        AnalyticsConfig config = AnalyticsConfig.builder().checkpointDir("target/never-written")
                .trigger(Duration.ofMillis(100)).shufflePartitions(2).warmUpEvents(3_000)
                .sparkConf(Map.of("alert.kafka.topic", "alerts", "alert.kafka.bootstrap", "127.0.0.1:9"))
                .build();

        WarmUp.Result result = WarmUp.run(TestSpark.session(), config, Duration.ofMinutes(10));
        System.out.println("warm-up " + result);

        assertThat(result.batches()).isEqualTo(WarmUp.BATCHES);
        assertThat(result.events()).isEqualTo(3_000);
        assertThat(result.documents()).as("KPI windows, top-N, breakdowns, funnel steps and the bots' alerts").isGreaterThan(WarmUp.BATCHES * 2L);
        assertThat(warmUpDirs()).isEqualTo(before);
        assertThat(Path.of("target/never-written")).doesNotExist();
    }

    @Test
    void theWarmUpConfigurationHasItsOwnCheckpointAndNoAlertTopic() {
        AnalyticsConfig config = AnalyticsConfig.builder().checkpointDir("/data/checkpoints")
                .sparkConf(Map.of("alert.kafka.topic", "alerts", "alert.checkpoint", "/data/alerts", "alert.watermark", "30s"))
                .build();
        AnalyticsConfig warm = WarmUp.configFor(config, Path.of("/tmp/w"));
        assertThat(warm.checkpointDir()).isEqualTo("/tmp/w");
        assertThat(warm.sparkConf()).isEqualTo(Map.of("alert.watermark", "30s"));
        assertThat(warm.watermark()).isEqualTo(config.watermark());
    }

    private static long warmUpDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("clickstream-warm-up-")).count();
        }
    }
}
