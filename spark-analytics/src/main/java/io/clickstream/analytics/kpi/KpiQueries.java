package io.clickstream.analytics.kpi;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.query.QueryStarter;
import io.clickstream.analytics.query.SchedulerPool;
import io.clickstream.analytics.sink.DocumentSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The KPI query ({@value #NAME}, checkpoint {@code <checkpoint>/kpis}) on the parsed event stream:
 * de-duplication, which folds the first occurrences into partial pane aggregates
 * ({@link KpiAggregation#panePartials}) → per task, the partials merged per pane → on the driver,
 * the partials merged into the panes ({@link PaneCache}, saved in the {@link PaneStore}), and every
 * window (sliding and hourly) that contains a changed pane summed from its panes and written under
 * its deterministic ids.
 *
 * <p>Fresh within a trigger interval: each micro-batch writes the windows of the panes it changed,
 * as they now are (an Append-mode aggregation would wait for the watermark to pass the window end).
 * Exactly once: the stored panes carry the micro-batch that last changed them, and a batch's partials
 * join only panes older than the batch. A replayed batch (same id, same records, same partials) thus
 * changes no pane a first attempt saved, merges into the ones it did not, and writes the same
 * documents again: the sink stays idempotent.
 */
public final class KpiQueries {

    public static final String NAME = "kpis";

    private KpiQueries() {
    }

    /** The window shapes written: the sliding window, and the hourly roll-up unless disabled. */
    public static List<KpiWindow> windows(AnalyticsConfig config) {
        List<KpiWindow> windows = new ArrayList<>();
        windows.add(KpiWindow.sliding(config.slidingGranularity(), config.windowSize(), config.windowSlide()));
        if (config.hourly()) {
            windows.add(KpiWindow.HOURLY);
        }
        return windows;
    }

    /** The KPI query, not started yet (the supervisor starts and restarts it). */
    public static QueryStarter query(Dataset<Row> events, AnalyticsConfig config, DocumentSink sink, PaneStore panes) {
        int lgConfigK = KpiAggregation.lgConfigK(config.approxRsd());
        long slide = config.windowSlide().toMillis();
        Dataset<Row> partials = KpiAggregation.panePartials(events, config.watermark(), config.windowSlide(), lgConfigK)
                .mapPartitions(new PanePartials.PerTask(slide), Encoders.row(PanePartials.SCHEMA));
        KpiBatchWriter writer = new KpiBatchWriter(config, sink, panes);
        return QueryStarter.of(NAME, SchedulerPool.LATENCY, () -> partials
                .writeStream()
                .queryName(NAME)
                .outputMode("append")
                .option("checkpointLocation", config.checkpointDir() + "/" + NAME)
                .trigger(config.trigger(config.trigger()))
                .foreachBatch(new WriteKpis(writer))
                .start());
    }

    /** Starts the KPI query unsupervised (tests). */
    public static StreamingQuery start(Dataset<Row> events, AnalyticsConfig config, DocumentSink sink, PaneStore panes)
            throws TimeoutException {
        return query(events, config, sink, panes).start();
    }

    /** Micro-batch of partial folds → {@link KpiBatchWriter}. Runs on the driver. */
    static final class WriteKpis implements VoidFunction2<Dataset<Row>, Long> {
        private final transient KpiBatchWriter writer;

        WriteKpis(KpiBatchWriter writer) {
            this.writer = writer;
        }

        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            long start = System.nanoTime();
            List<Row> partials = batch.collectAsList();
            writer.write(partials.iterator(), batchId, KpiBatchWriter.runOf(batch.sparkSession()), System.nanoTime() - start);
        }
    }
}
