package io.clickstream.analytics.it;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;

/** Job configuration for integration tests: small batches so a stop lands mid-stream, 2 partitions. */
final class ItConfigs {

    static final long MAX_OFFSETS = 1000;

    private ItConfigs() {
    }

    static AnalyticsConfig forStack(LocalStack stack, Path checkpoint) {
        return AnalyticsConfig.builder()
                .kafkaBootstrap(stack.kafkaBootstrap()).esUrl(stack.elasticsearchUrl())
                .checkpointDir(checkpoint.toAbsolutePath().toString())
                .master("local[2]")
                .trigger(Duration.ofMillis(500)).maxOffsetsPerTrigger(MAX_OFFSETS)
                .shufflePartitions(2)
                .build();
    }

    /** The same configuration as command-line flags, for a job in a child JVM. */
    static String[] args(AnalyticsConfig c) {
        return new String[] {"--kafka", c.kafkaBootstrap(), "--es", c.esUrl(), "--checkpoint", c.checkpointDir(),
                "--master", c.master() == null ? "submit" : c.master(), "--trigger", c.trigger().toMillis() + "ms",
                "--max-offsets-per-trigger", String.valueOf(c.maxOffsetsPerTrigger()),
                "--shuffle-partitions", String.valueOf(c.shufflePartitions())};
    }
}
