package io.clickstream.analytics.kpi;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.query.QueryStarter;
import io.clickstream.analytics.query.SchedulerPool;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.es.EsDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** Per-batch timings at DEBUG, to the log file only (log4j2.properties). */
    private static final Logger BATCHES = LoggerFactory.getLogger("io.clickstream.analytics.kpi.batches");
    /** The local property Spark's stream thread sets to the query's id (stable across restarts). */
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

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
        WindowAssembler assembler = new WindowAssembler(windows(config), config.windowSlide().toMillis(),
                config.topN(), lgConfigK);
        long retention = assembler.longestWindowMillis() + config.watermark().toMillis();
        return QueryStarter.of(NAME, SchedulerPool.LATENCY, () -> partials
                .writeStream()
                .queryName(NAME)
                .outputMode("append")
                .option("checkpointLocation", config.checkpointDir() + "/" + NAME)
                .trigger(config.trigger(config.trigger()))
                .foreachBatch(new WriteKpis(sink, panes, assembler, retention, lgConfigK))
                .start());
    }

    /** Starts the KPI query unsupervised (tests). */
    public static StreamingQuery start(Dataset<Row> events, AnalyticsConfig config, DocumentSink sink, PaneStore panes)
            throws TimeoutException {
        return query(events, config, sink, panes).start();
    }

    /** Micro-batch of partial folds → panes → window documents → sink. Runs on the driver. */
    static final class WriteKpis implements VoidFunction2<Dataset<Row>, Long> {
        private final transient DocumentSink sink;
        private final transient PaneStore store;
        private final transient WindowAssembler assembler;
        private final long retentionMillis;
        private final int lgConfigK;
        private transient PaneCache cache;

        WriteKpis(DocumentSink sink, PaneStore store, WindowAssembler assembler, long retentionMillis, int lgConfigK) {
            this.sink = sink;
            this.store = store;
            this.assembler = assembler;
            this.retentionMillis = retentionMillis;
            this.lgConfigK = lgConfigK;
        }

        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            long start = System.nanoTime();
            Map<Long, PaneFold> partials = PanePartials.byPane(batch.collectAsList().iterator(), assembler.paneMillis());
            long collected = System.nanoTime();
            if (partials.isEmpty()) {
                return;
            }
            String run = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
            if (run == null) {
                throw new IllegalStateException("no " + QUERY_ID_PROPERTY + " on the micro-batch thread");
            }
            if (cache == null || !cache.run().equals(run)) {
                cache = new PaneCache(store, run, retentionMillis, lgConfigK);
            }
            List<Pane> changed = cache.merge(batchId, partials);
            Set<WindowAssembler.WindowRef> windows = new LinkedHashSet<>();
            for (Pane pane : changed) {
                windows.addAll(assembler.windowsContaining(pane.startMillis()));
            }
            Set<Long> needed = new TreeSet<>();
            for (WindowAssembler.WindowRef w : windows) {
                needed.addAll(assembler.paneStarts(w));
            }
            cache.load(needed);
            long loaded = System.nanoTime();
            Instant now = Instant.now();
            List<EsDocument> docs = new ArrayList<>();
            for (WindowAssembler.WindowRef w : windows) {
                WindowKpis kpis = assembler.assemble(w, cache::get);
                if (kpis != null) {
                    docs.addAll(KpiDocuments.of(kpis, now));
                }
            }
            // A handful of documents per batch: making them searchable at once takes ES milliseconds
            // and saves readers up to a refresh interval (1 s) of latency.
            long assembled = System.nanoTime();
            sink.writeSearchable(docs);
            cache.evict();
            // Where a KPI batch's time goes on the driver (the Spark jobs run inside the collect).
            BATCHES.debug("kpis batch {}: {} panes changed, {} windows, {} documents; ms: spark+collect {}, pane store {}, assemble {}, write {}",
                    batchId, changed.size(), windows.size(), docs.size(), (collected - start) / 1_000_000,
                    (loaded - collected) / 1_000_000, (assembled - loaded) / 1_000_000,
                    (System.nanoTime() - assembled) / 1_000_000);
        }
    }
}
