package io.clickstream.analytics.kpi;

import io.clickstream.analytics.session.SessionTally;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The KPIs of one window as a plain value: its counters and rankings, summed from its panes by
 * {@link WindowAssembler} on the driver; {@code sessions} the sessions ending in it ({@code null}
 * when the job does not count sessions: the separate KPI query).
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
        List<TopN.Entry> topProducts,
        SessionTally sessions) {

    /** A window without sessions. */
    public WindowKpis(String granularity, Instant windowStart, Instant windowEnd, long pageViews, long clicks,
                      long addToCart, long purchases, long orders, BigDecimal revenue, long uniqueVisitors,
                      List<TopN.Entry> topPages, List<TopN.Entry> topProducts) {
        this(granularity, windowStart, windowEnd, pageViews, clicks, addToCart, purchases, orders, revenue,
                uniqueVisitors, topPages, topProducts, null);
    }
}
