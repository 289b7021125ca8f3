package io.clickstream.analytics.kpi;

import io.clickstream.analytics.QueryStarter;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.analytics.sink.EsDocument;
import io.clickstream.analytics.sink.KpiDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KPI query ({@value #NAME}, checkpoint {@code <checkpoint>/kpis}) on the parsed event stream:
 * de-duplication → per-pane aggregation in Update mode → on the driver, every window (sliding and
 * hourly) that contains a changed pane is summed from its panes and written under its deterministic
 * ids.
 *
 * <p>Update mode is what makes the KPIs fresh within a trigger interval; Append mode would wait for
 * the watermark to pass the window end (minutes). Each micro-batch emits the full current state of
 * each pane it touched; the other panes of a window come from the driver's {@link PaneCache}, which
 * reads the {@link PaneStore} for panes it has not seen since the job started. A replayed batch
 * emits the same panes and so writes the same documents: the sink stays idempotent.
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
        Dataset<Row> paneRows = KpiAggregation.panes(events, config.watermark(), config.windowSlide(), lgConfigK);
        WindowAssembler assembler = new WindowAssembler(windows(config), config.windowSlide().toMillis(),
                config.topN(), lgConfigK);
        long retention = assembler.longestWindowMillis() + config.watermark().toMillis();
        return QueryStarter.of(NAME, () -> paneRows
                .writeStream()
                .queryName(NAME)
                .outputMode("update")
                .option("checkpointLocation", config.checkpointDir() + "/" + NAME)
                .trigger(Trigger.ProcessingTime(config.trigger().toMillis()))
                .foreachBatch(new WriteKpis(sink, panes, assembler, retention))
                .start());
    }

    /** Starts the KPI query unsupervised (tests). */
    public static StreamingQuery start(Dataset<Row> events, AnalyticsConfig config, DocumentSink sink, PaneStore panes)
            throws TimeoutException {
        return query(events, config, sink, panes).start();
    }

    /** Micro-batch of changed panes → window documents → sink. Runs on the driver. */
    static final class WriteKpis implements VoidFunction2<Dataset<Row>, Long> {
        private final transient DocumentSink sink;
        private final transient PaneStore store;
        private final transient WindowAssembler assembler;
        private final long retentionMillis;
        private transient PaneCache cache;

        WriteKpis(DocumentSink sink, PaneStore store, WindowAssembler assembler, long retentionMillis) {
            this.sink = sink;
            this.store = store;
            this.assembler = assembler;
            this.retentionMillis = retentionMillis;
        }

        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            long start = System.nanoTime();
            List<Pane> changed = batch.collectAsList().stream().map(Pane::fromRow).toList();
            long collected = System.nanoTime();
            if (changed.isEmpty()) {
                return;
            }
            String run = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
            if (run == null) {
                throw new IllegalStateException("no " + QUERY_ID_PROPERTY + " on the micro-batch thread");
            }
            if (cache == null || !cache.run().equals(run)) {
                cache = new PaneCache(store, run, retentionMillis);
            }
            cache.update(changed);
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
