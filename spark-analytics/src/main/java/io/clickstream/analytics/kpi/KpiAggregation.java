package io.clickstream.analytics.kpi;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.StructType;

/**
 * The KPI definitions of docs/architecture.md ("Elasticsearch documents") as Dataset → Dataset functions:
 * de-duplication and the per-pane aggregation. Ratios (ctr, cart_rate, conversion_rate,
 * avg_order_value) are derived from the counters when the document is written
 * ({@code sink.KpiDocuments}), so the state holds only sums, sketches and tallies.
 */
public final class KpiAggregation {

    /**
     * The event columns the KPIs read ({@code EventParser.parse(kafka, COLUMNS)} builds only these):
     * every other column would be serialised through the de-duplication's shuffle and state for nothing.
     */
    public static final List<String> COLUMNS = List.of("event_id", "type", "ts", "user_key", "order_id", "revenue",
            "page_path", "page_url", "order_items");

    private KpiAggregation() {
    }

    /**
     * Sets the event-time watermark on {@code ts} and drops repeated events within it: a repeat is
     * dropped until the watermark passes the first occurrence's {@code ts} plus the watermark delay
     * ({@link FirstOccurrence}; the semantics of Spark's {@code dropDuplicatesWithinWatermark}, without
     * its scan of the whole state every batch). The key is the
     * {@code event_id}, except for purchases, where it is the {@code order.id}: a re-sent purchase
     * with a fresh event id is the same order, which makes {@code orders} the distinct order ids the
     * contract asks for without keeping a set of order ids per window in state.
     */
    public static Dataset<Row> deduplicate(Dataset<Row> events, Duration watermark) {
        Dataset<Row> keyed = keyed(events, watermark);
        StructType schema = keyed.schema();
        return groupByBucket(keyed).transformWithState(firstOccurrence(schema, watermark, first -> first),
                "ts", OutputMode.Append(), Encoders.row(schema));
    }

    /**
     * The de-duplicated events ({@link #deduplicate}) folded per pane (a tumbling window of length
     * {@code slide}, the sliding window's step) in partial folds ({@link PanePartials}): columns
     * {@code ts} (the latest event time folded) and {@code partial}, a serialised {@link PaneFold}
     * (counters per event type, distinct orders, exact revenue, the visitor keys, the page and product
     * tallies). Each bucket of de-duplication keys emits one partial per pane it saw in a micro-batch;
     * the KPI query merges them into its panes on the driver ({@code KpiQueries}).
     *
     * <p>Why panes and not Spark's sliding {@code window()}: a sliding window puts every event into
     * size ÷ slide windows (six for 60 s / 10 s) before aggregating, and the hourly roll-up would be
     * a second query reading and de-duplicating the same records again. One pane per event, combined
     * into windows on the driver ({@link WindowAssembler}), does the per-event work once.
     *
     * <p>Why the folding happens inside the de-duplication and not in a Spark aggregation of the event
     * rows: the de-duplication already holds each event as a Java row, so adding it to a pane there
     * costs a few map and sketch updates, where the aggregation cost a serialisation of every event
     * row out of the de-duplication, typed aggregators whose encoders converted every row again, and
     * code generated per task and micro-batch (profiled: 40 % of the executors' time in a live run).
     *
     * <p>Why no streaming aggregation merges the partials: it was a second shuffle and a second state
     * store per micro-batch (a stage, a RocksDB commit, a watermark predicate compiled each batch) for
     * at most (buckets × panes) small rows, and its state duplicated the panes the driver keeps anyway.
     * The driver's {@link PaneStore} is the pane state, and it is versioned by micro-batch so that
     * a replayed batch is merged once.
     */
    public static Dataset<Row> panePartials(Dataset<Row> events, Duration watermark, Duration slide, int lgConfigK) {
        // The event id is in the de-duplication key; the folds do not read it, so it stays out of the shuffle.
        Dataset<Row> keyed = keyed(events, watermark).drop("event_id");
        StructType schema = keyed.schema();
        PaneFold.Fields fields = new PaneFold.Fields(schema.fieldIndex("type"), schema.fieldIndex("user_key"),
                schema.fieldIndex("order_id"), schema.fieldIndex("revenue"), schema.fieldIndex("page_path"),
                schema.fieldIndex("page_url"), schema.fieldIndex("order_items"));
        PanePartials partials = new PanePartials(slide.toMillis(), lgConfigK, schema.fieldIndex("ts"), fields);
        return groupByBucket(keyed)
                .transformWithState(firstOccurrence(schema, watermark, partials), "ts", OutputMode.Append(),
                        Encoders.row(PanePartials.SCHEMA));
    }

    /** The KPI columns, the watermark on {@code ts} and the de-duplication key {@code dedup_key}. */
    private static Dataset<Row> keyed(Dataset<Row> events, Duration watermark) {
        // Only what the de-duplication and the pane aggregation read (a no-op on a parse of COLUMNS).
        events = events.select(COLUMNS.stream().map(functions::col).toArray(Column[]::new));
        Column key = when(col("type").equalTo("purchase"), concat(lit("order|"), col("order_id")))
                .otherwise(concat(lit("event|"), col("event_id")));
        return events.withWatermark("ts", watermark.toMillis() + " milliseconds").withColumn("dedup_key", key);
    }

    private static KeyValueGroupedDataset<Integer, Row> groupByBucket(Dataset<Row> keyed) {
        return keyed.groupBy(pmod(hash(col("dedup_key")), lit(FirstOccurrence.BUCKETS)).as("dedup_bucket"))
                .as(Encoders.INT(), Encoders.row(keyed.schema()));
    }

    private static FirstOccurrence firstOccurrence(StructType schema, Duration watermark, FirstOccurrence.Emit emit) {
        // Each bucket sweeps its expired keys once per two watermark delays of event time (at least
        // 10 s). A key expires two delays after its event time (when the watermark, one delay behind,
        // passes its expiry), so a sweep reads it twice in its life (2D / period, plus the sweep that
        // removes it), and the state holds at most four delays of keys. One delay read each key three
        // times (the sweeps were 11 % of a warm backlog drain's executor samples); a 30 s period
        // (tried first) read each key eight times.
        return new FirstOccurrence(watermark.toMillis(), sweepMillis(watermark), schema.fieldIndex("dedup_key"), schema.fieldIndex("ts"), emit);
    }

    /** How often (event time) a bucket of the de-duplication sweeps its expired keys. */
    public static long sweepMillis(Duration watermark) {
        return Math.max(2 * watermark.toMillis(), 10_000);
    }

    /**
     * The HyperLogLog size for a relative standard deviation: DataSketches' HLL has an error of about
     * 1.04 / √(2^lgK), so lgK = ⌈log2((1.04 / rsd)²)⌉, within the library's range [4, 21].
     */
    public static int lgConfigK(double rsd) {
        double buckets = Math.pow(1.04 / rsd, 2);
        int lgK = (int) Math.ceil(Math.log(buckets) / Math.log(2));
        return Math.max(4, Math.min(21, lgK));
    }
}
