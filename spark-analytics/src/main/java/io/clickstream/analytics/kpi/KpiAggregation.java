package io.clickstream.analytics.kpi;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import io.clickstream.analytics.parse.EventParser;
import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The KPI definitions of DEVELOPERS.md ("Elasticsearch documents") as Dataset → Dataset functions.
 * Ratios (ctr, cart_rate, conversion_rate, avg_order_value) are derived from these counters when the
 * document is written ({@code sink.KpiDocuments}), so the state holds only sums.
 */
public final class KpiAggregation {

    /** Output columns of {@link #aggregate}. */
    public static final String[] COLUMNS = {"granularity", "window_start", "window_end", "page_views", "clicks",
            "add_to_cart", "purchases", "orders", "revenue", "unique_visitors", "top_pages", "top_products"};

    private KpiAggregation() {
    }

    /**
     * Sets the event-time watermark on {@code ts} and drops repeated events within it. The key is the
     * {@code event_id}, except for purchases, where it is the {@code order.id}: a re-sent purchase
     * with a fresh event id is the same order, which makes {@code orders} the distinct order ids the
     * contract asks for without keeping a set of order ids per window in state.
     */
    public static Dataset<Row> deduplicate(Dataset<Row> events, Duration watermark) {
        Column key = when(col("type").equalTo("purchase"), concat(lit("order|"), col("order_id")))
                .otherwise(concat(lit("event|"), col("event_id")));
        return events.withWatermark("ts", watermark.toMillis() + " milliseconds")
                .withColumn("dedup_key", key)
                .dropDuplicatesWithinWatermark("dedup_key");
    }

    /**
     * Per window of {@code spec}: counters per event type, distinct orders, revenue (exact decimal),
     * approximate unique visitors (HyperLogLog++ with relative standard deviation {@code rsd}) and the
     * top {@code n} pages and products. Works on a watermarked stream (Update or Append mode) or a
     * static Dataset.
     */
    public static Dataset<Row> aggregate(Dataset<Row> events, KpiWindow spec, int n, double rsd) {
        Column w = window(col("ts"), spec.sparkSize(), spec.sparkSlide());
        return events
                .groupBy(w.as("window"))
                .agg(
                        countOf("page_view").as("page_views"),
                        countOf("click").as("clicks"),
                        countOf("add_to_cart").as("add_to_cart"),
                        countOf("purchase").as("purchases"),
                        sum(when(col("type").equalTo("purchase").and(col("order_id").isNotNull()), 1L).otherwise(0L)).as("orders"),
                        coalesce(sum(when(col("type").equalTo("purchase"), col("revenue"))),
                                lit(0).cast(EventParser.MONEY)).as("revenue"),
                        approx_count_distinct(col("user_key"), rsd).as("unique_visitors"),
                        TopN.ranking(n).apply(TopN.pageEntries()).getField("ranking").as("top_pages"),
                        TopN.ranking(n).apply(TopN.productEntries()).getField("ranking").as("top_products"))
                .select(lit(spec.granularity()).as("granularity"),
                        col("window.start").as("window_start"), col("window.end").as("window_end"),
                        col("page_views"), col("clicks"), col("add_to_cart"), col("purchases"), col("orders"),
                        col("revenue"), col("unique_visitors"), col("top_pages"), col("top_products"));
    }

    private static Column countOf(String type) {
        return sum(when(col("type").equalTo(type), 1L).otherwise(0L));
    }
}
