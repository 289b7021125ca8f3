package io.clickstream.analytics.kpi;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One row of {@link KpiAggregation#aggregate} as a plain value: the counters of one window and its
 * rankings. Built on the driver from each micro-batch's output.
 */
public record WindowKpis(
        String granularity,
        Instant windowStart,
        Instant windowEnd,
        long pageViews,
        long clicks,
        long addToCart,
        long purchases,
        long orders,
        BigDecimal revenue,
        long uniqueVisitors,
        List<TopN.Entry> topPages,
        List<TopN.Entry> topProducts) {

    public static WindowKpis fromRow(Row row) {
        return new WindowKpis(
                row.getAs("granularity"),
                row.<Timestamp>getAs("window_start").toInstant(),
                row.<Timestamp>getAs("window_end").toInstant(),
                row.<Long>getAs("page_views"),
                row.<Long>getAs("clicks"),
                row.<Long>getAs("add_to_cart"),
                row.<Long>getAs("purchases"),
                row.<Long>getAs("orders"),
                row.getAs("revenue"),
                row.<Long>getAs("unique_visitors"),
                entries(row, "top_pages"),
                entries(row, "top_products"));
    }

    private static List<TopN.Entry> entries(Row row, String column) {
        int i = row.fieldIndex(column);
        if (row.isNullAt(i)) {
            return List.of();
        }
        List<Row> list = row.getList(i);
        return list.stream().map(e -> new TopN.Entry(e.getString(0), e.getLong(1), e.getLong(2))).toList();
    }
}
