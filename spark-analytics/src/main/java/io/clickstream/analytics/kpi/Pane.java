package io.clickstream.analytics.kpi;

import io.clickstream.analytics.breakdown.PaneBreakdowns;
import io.clickstream.analytics.session.SessionTally;
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
 * @param sessions    the sessions counted in the pane (those ending in it; empty without sessions)
 * @param breakdowns  the pane's values per breakdown dimension ({@link PaneBreakdowns#EMPTY}: none)
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
        List<TopN.Entry> products,
        SessionTally sessions,
        PaneBreakdowns breakdowns) {

    public Pane {
        pages = List.copyOf(pages);
        products = List.copyOf(products);
        sessions = sessions == null ? new SessionTally() : sessions.copy();
        breakdowns = breakdowns == null ? PaneBreakdowns.EMPTY : breakdowns;
    }

    /** A pane without sessions and breakdowns. */
    public Pane(long startMillis, long pageViews, long clicks, long addToCart, long purchases, long orders,
                BigDecimal revenue, byte[] visitors, List<TopN.Entry> pages, List<TopN.Entry> products) {
        this(startMillis, pageViews, clicks, addToCart, purchases, orders, revenue, visitors, pages, products, null,
                PaneBreakdowns.EMPTY);
    }
}
