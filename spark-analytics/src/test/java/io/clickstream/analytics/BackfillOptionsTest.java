package io.clickstream.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.config.BackfillRange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code ./clickstream backfill} and the refusals that need no Kafka or Elasticsearch. */
class BackfillOptionsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-03T13:00:00Z"), ZoneOffset.UTC);

    private static AnalyticsConfig parse(String... args) {
        Backfill command = new Backfill();
        Backfill.commandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void theRangeAndTheDefaultMarginComeWithTheAnalyticsOptions() {
        AnalyticsConfig c = parse("--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T11:00:00Z", "--kafka", "k:1", "--window", "2m");
        assertThat(c.backfill()).isEqualTo(new BackfillRange(Instant.parse("2026-12-03T10:00:00Z"),
                Instant.parse("2026-12-03T11:00:00Z"), Duration.ofMinutes(2)));
        assertThat(c.kafkaBootstrap()).isEqualTo("k:1");
        assertThat(c.windowSize()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.isBackfill()).isTrue();
        assertThat(c.maxOffsetsPerTrigger()).as("the whole range in one micro-batch").isZero();
        assertThat(parse("--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T11:00:00Z", "--batch-records", "5000")
                .maxOffsetsPerTrigger()).isEqualTo(5000);
        assertThat(c.trigger(c.trigger()).toString()).contains("AvailableNow");
        assertThat(AnalyticsConfig.defaults().trigger(Duration.ofSeconds(1)).toString()).doesNotContain("AvailableNow");

        AnalyticsConfig shortWatermark = parse("--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T11:00:00Z", "--watermark", "10s");
        assertThat(shortWatermark.backfill().margin()).as("the alert rules' window + quiet gap").isEqualTo(Duration.ofSeconds(90));
        assertThat(parse("--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T11:00:00Z", "--margin", "10m").backfill().margin())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesWhatWouldNotReproduceTheStream() {
        assertThatThrownBy(() -> parse("--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T11:00:00Z", "--margin", "30s"))
                .hasMessageContaining("--margin 30s is too small").hasMessageContaining("at least 2m");
        assertThatThrownBy(() -> parse("--from", "2026-12-03T11:00:00Z", "--to", "2026-12-03T11:00:00Z"))
                .hasMessageContaining("must be before --to");
        assertThatThrownBy(() -> parse("--from", "yesterday", "--to", "2026-12-03T11:00:00Z"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("not an ISO-8601 instant");
        assertThatThrownBy(() -> parse("--to", "2026-12-03T11:00:00Z")).hasMessageContaining("--from");
        for (String own : new String[] {"--checkpoint", "--trigger", "--queries", "--starting-offsets", "--rejects-trigger",
                "--max-offsets-per-trigger"}) {
            assertThatThrownBy(() -> parse("--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T11:00:00Z", own, "x"))
                    .as(own).isInstanceOf(CommandLine.ParameterException.class);
        }
    }

    @Test
    void refusesARangeInTheFutureOrTooRecentBeforeTouchingAnything() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        // Unreachable addresses: the refusals come first.
        AnalyticsConfig future = parse("--from", "2026-12-03T13:00:00Z", "--to", "2026-12-03T14:00:00Z", "--kafka", "127.0.0.1:1");
        assertThatThrownBy(() -> Backfill.run(future, NOW, quiet)).isInstanceOf(Backfill.Refused.class)
                .hasMessageContaining("lies in the future");
        AnalyticsConfig recent = parse("--from", "2026-12-03T12:00:00Z", "--to", "2026-12-03T12:59:00Z", "--kafka", "127.0.0.1:1");
        assertThatThrownBy(() -> Backfill.run(recent, NOW, quiet)).isInstanceOf(Backfill.Refused.class)
                .hasMessageContaining("too recent").hasMessageContaining("--to 2026-12-03T12:58:00Z or earlier");
        AnalyticsConfig noEs = parse("--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T11:00:00Z", "--es", "http://127.0.0.1:1");
        assertThatThrownBy(() -> Backfill.run(noEs, NOW, quiet)).isInstanceOf(Backfill.Refused.class)
                .hasMessageContaining("http://127.0.0.1:1").hasMessageContaining("./clickstream up");
    }

    @Test
    void namesTheHourlyWindowsItRewrites() {
        assertThat(Backfill.hoursWithin(new BackfillRange(Instant.parse("2026-12-03T09:05:00Z"),
                Instant.parse("2026-12-03T11:30:00Z"), Duration.ofMinutes(2))))
                .containsExactly(Instant.parse("2026-12-03T10:00:00Z"));
        assertThat(Backfill.hoursWithin(new BackfillRange(Instant.parse("2026-12-03T09:00:00Z"),
                Instant.parse("2026-12-03T11:00:00Z"), Duration.ofMinutes(2))))
                .containsExactly(Instant.parse("2026-12-03T09:00:00Z"), Instant.parse("2026-12-03T10:00:00Z"));
        assertThat(Backfill.hoursWithin(new BackfillRange(Instant.parse("2026-12-03T09:05:00Z"),
                Instant.parse("2026-12-03T09:55:00Z"), Duration.ofMinutes(2)))).isEmpty();
    }
}
