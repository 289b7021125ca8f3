package io.clickstream.analytics.kpi;

import java.math.BigDecimal;
import java.util.List;

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
}
