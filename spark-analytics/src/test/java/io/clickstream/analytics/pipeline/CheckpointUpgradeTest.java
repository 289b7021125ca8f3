package io.clickstream.analytics.pipeline;

import static io.clickstream.analytics.testing.Events.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.KafkaRows;
import io.clickstream.analytics.testing.MapSink;
import io.clickstream.analytics.testing.MemoryPaneStore;
import io.clickstream.analytics.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A checkpoint written by the one-pass job before it counted sessions
 * ({@code src/test/resources/checkpoints/one-pass-before-sessions}: that version's query on a memory
 * stream, one batch of u1's page view at 10:00:05 and click at 10:00:07, two shuffle partitions)
 * resumes with the session state added to the operator (Spark 4.1 accepts a new state variable of a
 * {@code transformWithState} operator): the next batch is processed once, and its page view opens a
 * session, counted from the first event after the upgrade.
 */
class CheckpointUpgradeTest {

    @Test
    void aCheckpointFromBeforeSessionsResumesAndCountsSessionsFromThenOn() throws Exception {
        Path checkpoint = Files.createTempDirectory(Path.of("target"), "one-pass-upgrade-");
        copy(Path.of("src/test/resources/checkpoints/one-pass-before-sessions"), checkpoint);
        relocate(checkpoint);
        List<Row> before = List.of(
                KafkaRows.row("page_views", 0, 0, Events.pageView(id(1), "2026-11-25T10:00:05Z", "u1", "/home")),
                KafkaRows.row("clicks", 0, 1, Events.click(id(2), "2026-11-25T10:00:07Z", "u1", "#buy")));
        List<Row> after = List.of(
                KafkaRows.row("page_views", 0, 2, Events.pageView(id(3), "2026-11-25T10:00:09Z", "u1", "/p")));
        AnalyticsConfig config = AnalyticsConfig.builder().checkpointDir(checkpoint.toString())
                .trigger(Duration.ofMillis(100)).maxOffsetsPerTrigger(0).shufflePartitions(2).build();

        MapSink sink = new MapSink();
        MemoryStream<Row> kafka = MemoryStream.apply(Encoders.row(KafkaRows.SCHEMA), TestSpark.session());
        kafka.addData(CollectionConverters.asScala(before).toSeq());
        kafka.addData(CollectionConverters.asScala(after).toSeq());
        OnePassQuery query = OnePassQuery.of(kafka.toDF(), config, sink, new MemoryPaneStore());
        StreamingQuery job = query.start();
        try {
            job.processAllAvailable();
        } finally {
            job.stop();
            query.close();
        }

        // A fresh pane store: only what this run processed is in it, the batch after the checkpoint.
        JsonNode hour = sink.docs().get("kpi|1h|" + Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());
        assertThat(hour.get("page_views").asLong()).as("only the new batch is processed").isEqualTo(1);
        assertThat(hour.get("clicks").asLong()).isZero();
        assertThat(hour.get("sessions").asLong()).isEqualTo(1);
        assertThat(hour.get("bounced_sessions").asLong()).isEqualTo(1);
    }

    /** Where the fixture's checkpoint was written; the operator's metadata names its state schema file by absolute path. */
    private static final String WRITTEN_AT = "file:/tmp/probe-ckpt";

    /**
     * Points the operator metadata's state schema path at the copy: Spark keeps it as an absolute
     * path, so a checkpoint read from another directory looks for its schema where it was written.
     * The metadata's checksum file goes too (a missing one is accepted, a stale one is not).
     */
    private static void relocate(Path checkpoint) throws Exception {
        Path metadata = checkpoint.resolve("job/state/0/_metadata/v2/0");
        String text = Files.readString(metadata);
        assertThat(text).as("the fixture's metadata names where it was written").contains(WRITTEN_AT);
        Files.writeString(metadata, text.replace(WRITTEN_AT, "file:" + checkpoint.toAbsolutePath()));
        Files.deleteIfExists(metadata.resolveSibling(".0.crc"));
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
