package io.clickstream.analytics.kpi;

import io.clickstream.analytics.QueryStarter;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.analytics.sink.EsDocument;
import io.clickstream.analytics.sink.KpiDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Starts the KPI queries on the parsed event stream: the sliding window and the hourly roll-up, each
 * its own query with its own checkpoint sub-directory ({@code <checkpoint>/kpis-60s-10s},
 * {@code <checkpoint>/kpis-1h}).
 *
 * <p>Each query is dedup → windowed aggregation in Update mode: every micro-batch emits the full
 * current state of each window it touched, which the sink indexes under the window's deterministic
 * ids. Update mode is what makes the KPIs fresh within a trigger interval; Append mode would wait for
 * the watermark to pass the window end (minutes).
 */
public final class KpiQueries {

    private KpiQueries() {
    }

    public static List<KpiWindow> windows(AnalyticsConfig config) {
        List<KpiWindow> windows = new ArrayList<>();
        windows.add(KpiWindow.sliding(config.slidingGranularity(), config.windowSize(), config.windowSlide()));
        if (config.hourly()) {
            windows.add(KpiWindow.HOURLY);
        }
        return windows;
    }

    /** The KPI queries, not started yet (the supervisor starts and restarts them). */
    public static List<QueryStarter> queries(Dataset<Row> events, AnalyticsConfig config, DocumentSink sink) {
        Dataset<Row> unique = KpiAggregation.deduplicate(events, config.watermark());
        List<QueryStarter> queries = new ArrayList<>();
        for (KpiWindow window : windows(config)) {
            Dataset<Row> kpis = KpiAggregation.aggregate(unique, window, config.topN(), config.approxRsd());
            queries.add(QueryStarter.of(window.queryName(), () -> kpis
                    .writeStream()
                    .queryName(window.queryName())
                    .outputMode("update")
                    .option("checkpointLocation", config.checkpointDir() + "/" + window.queryName())
                    .trigger(Trigger.ProcessingTime(config.trigger().toMillis()))
                    .foreachBatch(new WriteKpis(sink))
                    .start()));
        }
        return queries;
    }

    /** Starts the KPI queries unsupervised (tests). */
    public static List<StreamingQuery> start(Dataset<Row> events, AnalyticsConfig config, DocumentSink sink)
            throws TimeoutException {
        List<StreamingQuery> started = new ArrayList<>();
        for (QueryStarter q : queries(events, config, sink)) {
            started.add(q.start());
        }
        return started;
    }

    /** Micro-batch → documents → sink. Runs on the driver; a batch holds one row per touched window. */
    static final class WriteKpis implements VoidFunction2<Dataset<Row>, Long> {
        private final transient DocumentSink sink;

        WriteKpis(DocumentSink sink) {
            this.sink = sink;
        }

        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            Instant now = Instant.now();
            List<EsDocument> docs = new ArrayList<>();
            for (Row row : batch.collectAsList()) {
                docs.addAll(KpiDocuments.of(WindowKpis.fromRow(row), now));
            }
            if (!docs.isEmpty()) {
                sink.write(docs);
            }
        }
    }
}
