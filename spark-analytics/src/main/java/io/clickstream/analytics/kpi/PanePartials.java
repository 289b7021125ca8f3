package io.clickstream.analytics.kpi;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import io.clickstream.analytics.session.SessionTally;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Folds a bucket's first occurrences of a micro-batch into one {@link PaneFold} per pane (a tumbling
 * window of length {@code slide}): rows of {@link #SCHEMA}, {@code ts} being the latest event time
 * folded (the output's event-time column: it lies in the pane, and the rows were not late) and
 * {@code partial} the fold's bytes. A micro-batch of N events thus leaves the de-duplication as at
 * most (buckets × panes) small rows instead of N event rows; {@link PerTask} merges them further per
 * task, and {@link #byPane} on the driver.
 */
public final class PanePartials implements FirstOccurrence.Emit {

    public static final StructType SCHEMA = new StructType()
            .add("ts", DataTypes.TimestampType)
            .add("partial", DataTypes.BinaryType);

    private final long slideMillis;
    private final int lgConfigK;
    private final int tsField;
    private final PaneFold.Fields fields;

    public PanePartials(long slideMillis, int lgConfigK, int tsField, PaneFold.Fields fields) {
        this.slideMillis = slideMillis;
        this.lgConfigK = lgConfigK;
        this.tsField = tsField;
        this.fields = fields;
    }

    @Override
    public List<Row> apply(List<Row> firstOccurrences) {
        Map<Long, PaneFold> folds = new HashMap<>();
        Map<Long, Timestamp> latest = new HashMap<>();
        for (Row event : firstOccurrences) {
            Timestamp ts = event.getTimestamp(tsField);
            long pane = paneOf(ts.getTime());
            fold(event, pane, folds);
            latest.merge(pane, ts, (a, b) -> a.after(b) ? a : b);
        }
        List<Row> partials = new ArrayList<>(folds.size());
        folds.forEach((pane, fold) -> partials.add(RowFactory.create(latest.get(pane), fold.toBytes())));
        return partials;
    }

    /** Folds first occurrences into {@code folds} (pane start → fold, kept by the caller across calls). */
    public void foldInto(List<Row> firstOccurrences, Map<Long, PaneFold> folds) {
        for (Row event : firstOccurrences) {
            fold(event, paneOf(event.getTimestamp(tsField).getTime()), folds);
        }
    }

    private void fold(Row event, long pane, Map<Long, PaneFold> folds) {
        folds.computeIfAbsent(pane, p -> new PaneFold(lgConfigK)).add(event, fields);
    }

    /** Adds the session sums of the pane at {@code paneStart} to {@code folds} (pane start → fold). */
    public void addSessions(long paneStart, SessionTally sessions, Map<Long, PaneFold> folds) {
        folds.computeIfAbsent(paneStart, p -> new PaneFold(lgConfigK)).addSessions(sessions);
    }

    private long paneOf(long millis) {
        return Math.floorDiv(millis, slideMillis) * slideMillis;
    }

    /** Partials of {@link #SCHEMA} merged per pane: pane start (epoch ms) → fold. */
    static Map<Long, PaneFold> byPane(Iterator<Row> partials, long slideMillis) {
        Map<Long, PaneFold> panes = new HashMap<>();
        while (partials.hasNext()) {
            Row row = partials.next();
            long pane = Math.floorDiv(row.getTimestamp(0).getTime(), slideMillis) * slideMillis;
            PaneFold fold = PaneFold.fromBytes((byte[]) row.get(1));
            panes.merge(pane, fold, PaneFold::merge);
        }
        return panes;
    }

    /** Partials of {@link #SCHEMA} merged per pane, as rows of {@link #SCHEMA} ({@code ts} = the pane start). */
    public static List<Row> mergedPerPane(Iterator<Row> partials, long slideMillis) {
        List<Row> merged = new ArrayList<>();
        byPane(partials, slideMillis).forEach((pane, fold) -> merged.add(RowFactory.create(new Timestamp(pane), fold.toBytes())));
        return merged;
    }

    /**
     * A task's partials merged per pane, as rows of {@link #SCHEMA} ({@code ts} = the pane start): run
     * in the de-duplication's tasks, so the driver collects a few folds per task instead of one per
     * bucket and pane.
     */
    static final class PerTask implements MapPartitionsFunction<Row, Row> {
        private final long slideMillis;

        PerTask(long slideMillis) {
            this.slideMillis = slideMillis;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> partials) {
            return mergedPerPane(partials, slideMillis).iterator();
        }
    }
}
