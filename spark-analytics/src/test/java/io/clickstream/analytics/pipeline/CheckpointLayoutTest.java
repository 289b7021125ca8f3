package io.clickstream.analytics.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.analytics.config.AnalyticsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The one-pass query refuses a checkpoint root of the separate queries, saying what to delete or run. */
class CheckpointLayoutTest {

    @Test
    void aRootOfTheSeparateQueriesIsRefusedWithWhatToDo() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "layout-");
        Files.createDirectories(root.resolve("kpis/offsets"));
        Files.createDirectories(root.resolve("alerts-users"));
        AnalyticsConfig config = AnalyticsConfig.builder().checkpointDir(root.toString()).build();
        assertThatThrownBy(() -> CheckpointLayout.requireOnePassLayout(config, new Configuration()))
                .hasMessageContaining("[kpis, alerts-users]")
                .hasMessageContaining("delete")
                .hasMessageContaining("--queries kpis,alerts-users");
    }

    @Test
    void aNewRootOrAOnePassRootIsAccepted() throws Exception {
        Path empty = Files.createTempDirectory(Path.of("target"), "layout-");
        assertThatCode(() -> CheckpointLayout.requireOnePassLayout(
                AnalyticsConfig.builder().checkpointDir(empty.resolve("not-yet").toString()).build(), new Configuration()))
                .doesNotThrowAnyException();
        // A one-pass root next to separate queries run on the same root by --queries applications.
        Path shared = Files.createTempDirectory(Path.of("target"), "layout-");
        Files.createDirectories(shared.resolve("job/offsets"));
        Files.createDirectories(shared.resolve("alerts-users"));
        assertThatCode(() -> CheckpointLayout.requireOnePassLayout(
                AnalyticsConfig.builder().checkpointDir(shared.toString()).build(), new Configuration()))
                .doesNotThrowAnyException();
    }
}
