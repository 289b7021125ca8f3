package io.clickstream.analytics.kpi;

import static io.clickstream.analytics.testing.Events.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.parse.EventParser;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.ExpectedDocs;
import io.clickstream.analytics.testing.KafkaRows;
import io.clickstream.analytics.testing.MapSink;
import io.clickstream.analytics.testing.MemoryPaneStore;
import io.clickstream.analytics.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The KPI queries end to end on a memory stream (parse → dedup → sliding and hourly aggregation →
 * documents), against documents computed by hand: out-of-order events, duplicates in one batch and
 * across batches, a late event inside the watermark and one beyond it, a purchase with two items.
 */
class KpiQueriesTest {

    private static final Duration MIN = Duration.ofSeconds(60);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String G = "60s/10s";

    private long offset;

    @Test
    void computesTheContractKpisPerSlidingAndHourlyWindow() throws Exception {
        Path checkpoints = Files.createTempDirectory(Path.of("target"), "kpi-test-");
        AnalyticsConfig config = AnalyticsConfig.builder().checkpointDir(checkpoints.toString())
                .trigger(Duration.ofMillis(100)).maxOffsetsPerTrigger(0).shufflePartitions(2)
                .topN(2).bulkMaxBytes(1 << 20).esRetryFor(Duration.ofSeconds(5))
                .build();

        MemoryStream<Row> kafka = MemoryStream.apply(Encoders.row(KafkaRows.SCHEMA), TestSpark.session());
        MapSink sink = new MapSink();
        List<StreamingQuery> queries = List.of(
                KpiQueries.start(EventParser.parse(kafka.toDF()), config, sink, new MemoryPaneStore()));
        try {
            String pv1 = Events.pageView(id(1), "2026-11-25T10:00:05Z", "u1", "/home");
            String click3 = Events.click(id(3), "2026-11-25T10:00:07Z", "u1", "#buy");
            batch(kafka, queries,
                    "page_views", pv1,
                    "page_views", Events.pageView(id(2), "2026-11-25T10:00:02Z", "u2", "/home"),
                    "clicks", click3,
                    "page_views", Events.pageView(id(4), "2026-11-25T10:00:01Z", "anon-9", "/cart"),
                    "add_to_cart", Events.addToCart(id(5), "2026-11-25T10:00:08Z", "u1", "p-1", "12.50", 2),
                    "purchases", Events.purchase(id(6), "2026-11-25T10:00:09Z", "u1", "o-1", "37.49",
                            "p-1", "12.50", 2, "p-2", "12.49", 1),
                    "page_views", pv1,
                    "page_views", Events.pageView(id(7), "2026-11-25T10:00:15Z", "u2", "/product/p-1"));
            // A re-delivered click (within the watermark) and an event that moves the watermark to 10:03.
            batch(kafka, queries,
                    "clicks", click3,
                    "page_views", Events.pageView(id(8), "2026-11-25T10:05:00Z", "u3", "/home"));
            // 10:03:30 is late but inside the watermark: counted. 10:00:03 is beyond it: dropped.
            batch(kafka, queries,
                    "page_views", Events.pageView(id(9), "2026-11-25T10:03:30Z", "u3", "/home"),
                    "page_views", Events.pageView(id(10), "2026-11-25T10:00:03Z", "u4", "/late"),
                    "purchases", Events.purchase(id(11), "2026-11-25T10:03:35Z", "u2", "o-2", "10.00", "p-2", "5.00", 2));
        } finally {
            for (StreamingQuery q : queries) {
                q.stop();
            }
        }

        ExpectedDocs expected = new ExpectedDocs();
        // Window 09:59:10–10:00:10 holds the six first-bucket events (the duplicate pv1 counted once).
        String first = "2026-11-25T09:59:10Z";
        expected.kpi(G, first, MIN, 3, 1, 1, 1, "37.49", "37.49", 3)
                .top(G, first, MIN, "page", 1, "/home", 2, "0.00")
                .top(G, first, MIN, "page", 2, "/cart", 1, "0.00")
                .top(G, first, MIN, "product", 1, "p-1", 2, "25.00")
                .top(G, first, MIN, "product", 2, "p-2", 1, "12.49");
        // The five windows 09:59:20 … 10:00:00 also hold the 10:00:15 page view; N = 2 cuts /product/p-1
        // (a tie with /cart on count and revenue, ranked by key).
        for (String start : List.of("09:59:20", "09:59:30", "09:59:40", "09:59:50", "10:00:00")) {
            String s = "2026-11-25T" + start + "Z";
            expected.kpi(G, s, MIN, 4, 1, 1, 1, "37.49", "37.49", 3)
                    .top(G, s, MIN, "page", 1, "/home", 2, "0.00")
                    .top(G, s, MIN, "page", 2, "/cart", 1, "0.00")
                    .top(G, s, MIN, "product", 1, "p-1", 2, "25.00")
                    .top(G, s, MIN, "product", 2, "p-2", 1, "12.49");
        }
        expected.kpi(G, "2026-11-25T10:00:10Z", MIN, 1, 0, 0, 0, "0.00", "0.00", 1)
                .top(G, "2026-11-25T10:00:10Z", MIN, "page", 1, "/product/p-1", 1, "0.00");
        for (String start : List.of("10:02:40", "10:02:50", "10:03:00", "10:03:10", "10:03:20", "10:03:30")) {
            String s = "2026-11-25T" + start + "Z";
            expected.kpi(G, s, MIN, 1, 0, 0, 1, "10.00", "10.00", 2)
                    .top(G, s, MIN, "page", 1, "/home", 1, "0.00")
                    .top(G, s, MIN, "product", 1, "p-2", 2, "10.00");
        }
        for (String start : List.of("10:04:10", "10:04:20", "10:04:30", "10:04:40", "10:04:50", "10:05:00")) {
            String s = "2026-11-25T" + start + "Z";
            expected.kpi(G, s, MIN, 1, 0, 0, 0, "0.00", "0.00", 1)
                    .top(G, s, MIN, "page", 1, "/home", 1, "0.00");
        }
        String hour = "2026-11-25T10:00:00Z";
        expected.kpi("1h", hour, HOUR, 6, 1, 1, 2, "47.49", "23.75", 4)
                .top("1h", hour, HOUR, "page", 1, "/home", 4, "0.00")
                .top("1h", hour, HOUR, "page", 2, "/cart", 1, "0.00")
                .top("1h", hour, HOUR, "product", 1, "p-2", 3, "22.49")
                .top("1h", hour, HOUR, "product", 2, "p-1", 2, "25.00");

        assertThat(sink.docs().keySet()).containsExactlyInAnyOrderElementsOf(expected.docs().keySet());
        expected.docs().forEach((id, doc) -> assertThat(sink.docs().get(id)).as(id).isEqualTo(doc));
    }

    private void batch(MemoryStream<Row> stream, List<StreamingQuery> queries, String... topicAndJson) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < topicAndJson.length; i += 2) {
            rows.add(KafkaRows.row(topicAndJson[i], 0, offset++, topicAndJson[i + 1]));
        }
        stream.addData(CollectionConverters.asScala(rows).toSeq());
        for (StreamingQuery q : queries) {
            q.processAllAvailable();
        }
    }
}
