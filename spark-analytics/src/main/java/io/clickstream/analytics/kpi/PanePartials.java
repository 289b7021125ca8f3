package io.clickstream.analytics.kpi;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Folds a bucket's first occurrences of a micro-batch into one {@link PaneFold} per pane (a tumbling
 * window of length {@code slide}): rows of {@link #SCHEMA}, {@code ts} being the latest event time
 * folded (the output's event-time column: it lies in the pane, and the rows were not late) and
 * {@code partial} the fold's bytes. A micro-batch of N events thus leaves the de-duplication as at
 * most (buckets × panes) small rows instead of N event rows.
 */
final class PanePartials implements FirstOccurrence.Emit {

    static final StructType SCHEMA = new StructType()
            .add("ts", DataTypes.TimestampType)
            .add("partial", DataTypes.BinaryType);

    private final long slideMillis;
    private final int lgConfigK;
    private final int tsField;
    private final PaneFold.Fields fields;

    PanePartials(long slideMillis, int lgConfigK, int tsField, PaneFold.Fields fields) {
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
            long pane = Math.floorDiv(ts.getTime(), slideMillis) * slideMillis;
            folds.computeIfAbsent(pane, p -> new PaneFold(lgConfigK)).add(event, fields);
            latest.merge(pane, ts, (a, b) -> a.after(b) ? a : b);
        }
        List<Row> partials = new ArrayList<>(folds.size());
        folds.forEach((pane, fold) -> partials.add(RowFactory.create(latest.get(pane), fold.toBytes())));
        return partials;
    }
}
