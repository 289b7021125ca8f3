package io.clickstream.analytics.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The KPIs of one window as a plain value: its counters and rankings, summed from its panes by
 * {@link WindowAssembler} on the driver.
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
}
