package io.clickstream.analytics.kpi;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import io.clickstream.analytics.parse.EventParser;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.StructType;

/**
 * The KPI definitions of DEVELOPERS.md ("Elasticsearch documents") as Dataset → Dataset functions:
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
        // Only what the de-duplication and the pane aggregation read (a no-op on a parse of COLUMNS).
        events = events.select(COLUMNS.stream().map(functions::col).toArray(Column[]::new));
        Column key = when(col("type").equalTo("purchase"), concat(lit("order|"), col("order_id")))
                .otherwise(concat(lit("event|"), col("event_id")));
        Dataset<Row> keyed = events.withWatermark("ts", watermark.toMillis() + " milliseconds")
                .withColumn("dedup_key", key);
        StructType schema = keyed.schema();
        // Each bucket sweeps its expired keys once per 1–2 watermark delays of event time (at least
        // 10 s): a key lives about two delays, so a sweep reads it two or three times in its life. A
        // 30 s period (tried first) read each key eight times: 7 % of the CPU of a backlog drain.
        long sweep = Math.max(watermark.toMillis(), 10_000);
        FirstOccurrence firstOccurrence = new FirstOccurrence(watermark.toMillis(), sweep,
                schema.fieldIndex("dedup_key"), schema.fieldIndex("ts"));
        return keyed.groupBy(pmod(hash(col("dedup_key")), lit(FirstOccurrence.BUCKETS)).as("dedup_bucket"))
                .as(Encoders.INT(), Encoders.row(schema))
                .transformWithState(firstOccurrence, "ts", OutputMode.Append(), Encoders.row(schema));
    }

    /**
     * Per pane (a tumbling window of length {@code slide}, the sliding window's step): counters per
     * event type, distinct orders, revenue (exact decimal), a HyperLogLog sketch of the visitors
     * (Apache DataSketches, {@code lgConfigK} buckets as a power of two, so panes merge into any
     * window without loss) and the page and product tallies: columns {@code pane_start, page_views,
     * clicks, add_to_cart, purchases, orders, revenue, visitors, pages, products}; {@link Pane#fromRow}
     * reads a row. Works on a watermarked stream (Update or Append mode) or a
     * static Dataset.
     *
     * <p>Why panes and not Spark's sliding {@code window()}: a sliding window puts every event into
     * size ÷ slide windows (six for 60 s / 10 s) before aggregating, and the hourly roll-up would be
     * a second query reading and de-duplicating the same records again. One pane per event, combined
     * into windows on the driver ({@link WindowAssembler}), does the per-event work once.
     */
    public static Dataset<Row> panes(Dataset<Row> events, Duration slide, int lgConfigK) {
        Column pane = window(col("ts"), slide.toMillis() + " milliseconds");
        return events
                .groupBy(pane.as("pane"))
                .agg(
                        countOf("page_view").as("page_views"),
                        countOf("click").as("clicks"),
                        countOf("add_to_cart").as("add_to_cart"),
                        countOf("purchase").as("purchases"),
                        sum(when(col("type").equalTo("purchase").and(col("order_id").isNotNull()), 1L).otherwise(0L)).as("orders"),
                        coalesce(sum(when(col("type").equalTo("purchase"), col("revenue"))),
                                lit(0).cast(EventParser.MONEY)).as("revenue"),
                        hll_sketch_agg(col("user_key"), lgConfigK).as("visitors"),
                        TopN.tally().apply(TopN.pageEntries()).getField("entries").as("pages"),
                        TopN.tally().apply(TopN.productEntries()).getField("entries").as("products"))
                .select(col("pane.start").as("pane_start"),
                        col("page_views"), col("clicks"), col("add_to_cart"), col("purchases"), col("orders"),
                        col("revenue"), col("visitors"), col("pages"), col("products"));
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

    private static Column countOf(String type) {
        return sum(when(col("type").equalTo(type), 1L).otherwise(0L));
    }
}
