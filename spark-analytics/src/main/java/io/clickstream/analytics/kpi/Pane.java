package io.clickstream.analytics.kpi;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The aggregates of one pane: the events whose {@code ts} falls in {@code [start, start + slide)},
 * the building block every KPI window is summed from ({@link WindowAssembler}).
 *
 * @param startMillis pane start, epoch milliseconds
 * @param visitors    a serialised DataSketches HyperLogLog sketch of the pane's visitor keys (empty
 *                    array for none)
 * @param pages       the page tally (one entry per page, count = page views)
 * @param products    the product tally (one entry per product, count = units, revenue = price × units)
 */
public record Pane(
        long startMillis,
        long pageViews,
        long clicks,
        long addToCart,
        long purchases,
        long orders,
        BigDecimal revenue,
        byte[] visitors,
        List<TopN.Entry> pages,
        List<TopN.Entry> products) {

    public Pane {
        pages = List.copyOf(pages);
        products = List.copyOf(products);
    }

    /** A row of {@link KpiAggregation#panes}. */
    public static Pane fromRow(Row row) {
        int visitors = row.fieldIndex("visitors");
        return new Pane(
                row.<Timestamp>getAs("pane_start").getTime(),
                row.<Long>getAs("page_views"),
                row.<Long>getAs("clicks"),
                row.<Long>getAs("add_to_cart"),
                row.<Long>getAs("purchases"),
                row.<Long>getAs("orders"),
                row.getAs("revenue"),
                row.isNullAt(visitors) ? new byte[0] : (byte[]) row.get(visitors),
                entries(row, "pages"),
                entries(row, "products"));
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
