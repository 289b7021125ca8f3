package io.clickstream.analytics.kpi;

import static io.clickstream.analytics.testing.Events.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.parse.EventParser;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.KafkaRows;
import io.clickstream.analytics.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@link KpiAggregation#deduplicate} on a memory stream, batch by batch, with a 2 min watermark:
 * repeats in one batch and across batches, an order re-sent under a new event id, late rows, and a
 * key that is remembered until the watermark passes its {@code ts} + 2 min and not after.
 */
class DeduplicationTest {

    /** What each micro-batch emitted: "event_id@ts". Written on the driver (local mode). */
    private static final List<List<String>> EMITTED = new CopyOnWriteArrayList<>();

    private long offset;

    @Test
    void keepsTheFirstOccurrenceUntilTheWatermarkPassesItsExpiry() throws Exception {
        Path checkpoint = Files.createTempDirectory(Path.of("target"), "dedup-test-");
        MemoryStream<Row> kafka = MemoryStream.apply(Encoders.row(KafkaRows.SCHEMA), TestSpark.session());
        StreamingQuery query = start(kafka, checkpoint);
        try {
            // In one batch: a page view twice, a click, and one order sent as two purchase events.
            List<String> first = batch(kafka, query,
                    "page_views", Events.pageView(id(1), "2026-11-25T10:00:05Z", "u1", "/home"),
                    "page_views", Events.pageView(id(1), "2026-11-25T10:00:05Z", "u1", "/home"),
                    "clicks", Events.click(id(2), "2026-11-25T10:00:07Z", "u1", "#buy"),
                    "purchases", Events.purchase(id(3), "2026-11-25T10:00:09Z", "u1", "o-1", "5.00", "p-1", "5.00", 1),
                    "purchases", Events.purchase(id(4), "2026-11-25T10:00:09Z", "u1", "o-1", "5.00", "p-1", "5.00", 1));
            assertThat(first).hasSize(3).contains(id(1) + "@10:00:05", id(2) + "@10:00:07");
            assertThat(first).containsAnyOf(id(3) + "@10:00:09", id(4) + "@10:00:09");

            // The click again in a later batch: dropped. A page view at 10:05 moves the watermark to 10:03.
            assertThat(batch(kafka, query,
                    "clicks", Events.click(id(2), "2026-11-25T10:00:07Z", "u1", "#buy"),
                    "page_views", Events.pageView(id(5), "2026-11-25T10:05:00Z", "u2", "/home")))
                    .containsExactly(id(5) + "@10:05:00");

            // Behind the watermark (10:02:59, and the first page view again): dropped, whether seen or
            // not. 10:03:10 is inside it: kept, remembered until the watermark passes 10:05:10.
            assertThat(batch(kafka, query,
                    "page_views", Events.pageView(id(6), "2026-11-25T10:02:59Z", "u3", "/late"),
                    "page_views", Events.pageView(id(1), "2026-11-25T10:00:05Z", "u1", "/home"),
                    "page_views", Events.pageView(id(7), "2026-11-25T10:03:10Z", "u3", "/home"),
                    "page_views", Events.pageView(id(5), "2026-11-25T10:05:00Z", "u2", "/home")))
                    .containsExactly(id(7) + "@10:03:10");

            // The watermark moves to 10:06: id 7 (expiry 10:05:10) is forgotten, id 5 (10:07:00) is not.
            assertThat(batch(kafka, query,
                    "page_views", Events.pageView(id(8), "2026-11-25T10:08:00Z", "u4", "/home")))
                    .containsExactly(id(8) + "@10:08:00");
            assertThat(batch(kafka, query,
                    "page_views", Events.pageView(id(7), "2026-11-25T10:06:30Z", "u3", "/again"),
                    "page_views", Events.pageView(id(5), "2026-11-25T10:06:30Z", "u2", "/again")))
                    .containsExactly(id(7) + "@10:06:30");
        } finally {
            query.stop();
        }
    }

    @Test
    void sweepsExpiredKeysOutOfItsState() throws Exception {
        Path checkpoint = Files.createTempDirectory(Path.of("target"), "dedup-sweep-test-");
        MemoryStream<Row> kafka = MemoryStream.apply(Encoders.row(KafkaRows.SCHEMA), TestSpark.session());
        StreamingQuery query = start(kafka, checkpoint);
        try {
            batch(kafka, query,
                    "page_views", Events.pageView(id(1), "2026-11-25T10:00:00Z", "u1", "/home"),
                    "clicks", Events.click(id(2), "2026-11-25T10:00:01Z", "u1", "#buy"));
            assertThat(keysInState(checkpoint)).isEqualTo(2);
            // The watermark moves to 10:08, past both expiries (10:02, 10:02:01) and a sweep period.
            batch(kafka, query, "page_views", Events.pageView(id(3), "2026-11-25T10:10:00Z", "u2", "/home"));
            // And to 10:18, past id 3's expiry (10:12) and another sweep period.
            batch(kafka, query, "page_views", Events.pageView(id(4), "2026-11-25T10:20:00Z", "u3", "/home"));
        } finally {
            query.stop();
        }
        // Only the last key (expiry 10:22, watermark 10:18) is still held.
        assertThat(keysInState(checkpoint)).isEqualTo(1);
    }

    /** The entries of the de-duplication's key map, read from the checkpoint (Spark's state data source). */
    private static long keysInState(Path checkpoint) {
        return TestSpark.session().read().format("statestore")
                .option("operatorId", 0)
                .option("stateVarName", "expiries")
                .load(checkpoint.toString())
                .count();
    }

    /** The de-duplication (2 min watermark) of the parsed stream, each batch's output collected into {@link #EMITTED}. */
    private static StreamingQuery start(MemoryStream<Row> kafka, Path checkpoint) throws Exception {
        EMITTED.clear();
        return KpiAggregation.deduplicate(EventParser.parse(kafka.toDF()), Duration.ofMinutes(2))
                .writeStream()
                .option("checkpointLocation", checkpoint.toString())
                .foreachBatch(new Collect())
                .start();
    }

    /** Adds one batch, runs it (and any no-data batch the watermark triggers), returns what it emitted. */
    private List<String> batch(MemoryStream<Row> stream, StreamingQuery query, String... topicAndJson) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < topicAndJson.length; i += 2) {
            rows.add(KafkaRows.row(topicAndJson[i], 0, offset++, topicAndJson[i + 1]));
        }
        int before = EMITTED.size();
        stream.addData(CollectionConverters.asScala(rows).toSeq());
        query.processAllAvailable();
        List<String> emitted = new ArrayList<>();
        EMITTED.subList(before, EMITTED.size()).forEach(emitted::addAll);
        return emitted;
    }

    private static final class Collect implements VoidFunction2<Dataset<Row>, Long> {
        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            List<String> ids = new ArrayList<>();
            for (Row row : batch.collectAsList()) {
                String ts = row.getTimestamp(row.fieldIndex("ts")).toInstant().toString();
                ids.add(row.getString(row.fieldIndex("event_id")) + "@" + ts.substring(11, 19));
            }
            EMITTED.add(ids);
        }
    }
}
