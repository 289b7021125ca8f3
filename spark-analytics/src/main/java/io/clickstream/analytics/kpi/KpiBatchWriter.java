package io.clickstream.analytics.kpi;

import io.clickstream.analytics.breakdown.BreakdownDocuments;
import io.clickstream.analytics.breakdown.BreakdownRanking;
import io.clickstream.analytics.breakdown.PaneBreakdowns;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.session.SessionDocuments;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.es.EsDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch's partial pane folds ({@link PanePartials#SCHEMA} rows) → panes → window documents
 * → sink, on the driver: the partials are merged into the stored panes ({@link PaneCache}, saved in
 * the {@link PaneStore}), and every window (sliding and hourly) containing a changed pane is summed
 * from its panes and written under its deterministic ids.
 *
 * <p>Exactly once: the stored panes carry the micro-batch that last changed them, and a batch's
 * partials join only panes older than the batch, so a replayed batch (same id, same partials) changes
 * no pane a first attempt saved, merges into the ones it did not, and writes the same documents.
 */
public final class KpiBatchWriter {

    /** Per-batch timings at DEBUG, to the log file only (log4j2.properties). */
    private static final Logger BATCHES = LoggerFactory.getLogger("io.clickstream.analytics.kpi.batches");
    /** The local property Spark's stream thread sets to the query's id (stable across restarts). */
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

    private final DocumentSink sink;
    private final PaneStore store;
    private final WindowAssembler assembler;
    private final long retentionMillis;
    private final int lgConfigK;
    /** The session fields and funnel documents; {@code null}: windows without sessions. */
    private final SessionDocuments sessions;
    private final int breakdownTop;
    private PaneCache cache;

    public KpiBatchWriter(AnalyticsConfig config, DocumentSink sink, PaneStore store) {
        this(config, sink, store, null);
    }

    /** @param sessions the session fields and funnel documents to write ({@code null}: none) */
    public KpiBatchWriter(AnalyticsConfig config, DocumentSink sink, PaneStore store, SessionDocuments sessions) {
        this.sink = sink;
        this.store = store;
        this.sessions = sessions;
        this.lgConfigK = KpiAggregation.lgConfigK(config.approxRsd());
        this.breakdownTop = config.breakdownTop();
        this.assembler = new WindowAssembler(KpiQueries.windows(config), config.windowSlide().toMillis(),
                config.topN(), lgConfigK, sessions != null);
        this.retentionMillis = assembler.longestWindowMillis() + config.watermark().toMillis();
    }

    /** The id of the streaming query whose micro-batch runs on this thread (stable across restarts from one checkpoint). */
    public static String runOf(SparkSession spark) {
        String run = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        if (run == null) {
            throw new IllegalStateException("no " + QUERY_ID_PROPERTY + " on the micro-batch thread");
        }
        return run;
    }

    /** The window's breakdown documents, ranked from its panes' breakdowns. */
    private List<EsDocument> breakdownDocuments(WindowAssembler.WindowRef w, Instant now) {
        List<PaneBreakdowns> panes = new ArrayList<>();
        for (long start : assembler.paneStarts(w)) {
            Pane pane = cache.get(start);
            if (pane != null && !pane.breakdowns().isEmpty()) {
                panes.add(pane.breakdowns());
            }
        }
        if (panes.isEmpty()) {
            return List.of();
        }
        return BreakdownDocuments.of(w.shape().granularity(), Instant.ofEpochMilli(w.startMillis()),
                Instant.ofEpochMilli(w.endMillis()), BreakdownRanking.rank(panes, breakdownTop, lgConfigK), now);
    }

    /**
     * Merges a batch's partials into the panes and writes the windows they changed.
     *
     * @param sparkNanos how long Spark took to produce the partials (for the batch log line)
     * @return the documents written
     */
    public synchronized int write(Iterator<Row> partialRows, long batchId, String run, long sparkNanos) {
        long start = System.nanoTime();
        Map<Long, PaneFold> partials = PanePartials.byPane(partialRows, assembler.paneMillis());
        if (partials.isEmpty()) {
            return 0;
        }
        if (cache == null || !cache.run().equals(run)) {
            cache = new PaneCache(store, run, retentionMillis, lgConfigK);
        }
        // A pane whose partials hold only session sums (a session moved away from its old end, or
        // closed) changes its windows' session figures, not their rankings: those windows get their
        // KPI and funnel documents only.
        Set<Long> sessionsOnly = new HashSet<>();
        partials.forEach((pane, fold) -> {
            if (!fold.hasEvents()) {
                sessionsOnly.add(pane);
            }
        });
        List<Pane> changed = cache.merge(batchId, partials);
        Set<WindowAssembler.WindowRef> windows = new LinkedHashSet<>();
        Set<WindowAssembler.WindowRef> withEvents = new HashSet<>();
        for (Pane pane : changed) {
            List<WindowAssembler.WindowRef> containing = assembler.windowsContaining(pane.startMillis());
            windows.addAll(containing);
            if (!sessionsOnly.contains(pane.startMillis())) {
                withEvents.addAll(containing);
            }
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
                if (withEvents.contains(w)) {
                    docs.addAll(KpiDocuments.of(kpis, now));
                    docs.addAll(breakdownDocuments(w, now));
                } else {
                    // Only session figures moved (a session left the pane of its old end): the rankings
                    // and breakdowns, which count events, are unchanged.
                    docs.add(KpiDocuments.kpi(kpis, now));
                }
                if (sessions != null) {
                    docs.addAll(sessions.funnel(kpis.granularity(), kpis.windowStart(), kpis.windowEnd(), kpis.sessions(), now));
                }
            }
        }
        // A handful of documents per batch: making them searchable at once takes ES milliseconds
        // and saves readers up to a refresh interval (1 s) of latency.
        long assembled = System.nanoTime();
        sink.writeSearchable(docs);
        cache.evict();
        // Where a KPI batch's time goes on the driver (the Spark jobs run inside the collect).
        BATCHES.debug("kpis batch {}: {} panes changed, {} windows, {} documents; ms: spark+collect {}, pane store {}, assemble {}, write {}",
                batchId, changed.size(), windows.size(), docs.size(), sparkNanos / 1_000_000,
                (loaded - start) / 1_000_000, (assembled - loaded) / 1_000_000,
                (System.nanoTime() - assembled) / 1_000_000);
        return docs.size();
    }
}
