package io.clickstream.load.ledger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The ground truth of one run: what was sent <em>and acknowledged</em>, per KPI window, and the
 * injected anomalies. Written as JSON (snake_case) at the end of {@code load}; read by {@code verify}.
 * See the module README for the format.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Ledger(int format, RunInfo run, Totals totals, List<WindowKpis> windows, List<AnomalyRecord> anomalies,
                     List<SiteAnomalyRecord> siteAnomalies) {

    /**
     * Format 3 adds the session fields, funnel and breakdown expectations per window and the analytics
     * settings they depend on ({@code session_gap_seconds}, {@code funnel}, {@code funnel_name},
     * {@code breakdown_top}); a ledger of another format is refused.
     */
    public static final int FORMAT = 3;
    /** Breakdown values kept per window and dimension before {@code other}, as analytics' {@code --breakdown-top}. */
    public static final int DEFAULT_BREAKDOWN_TOP = 10;

    public Ledger {
        siteAnomalies = siteAnomalies == null ? List.of() : siteAnomalies;
    }

    public Ledger(int format, RunInfo run, Totals totals, List<WindowKpis> windows, List<AnomalyRecord> anomalies) {
        this(format, run, totals, windows, anomalies, List.of());
    }

    /**
     * How the run was made. {@code end} is the instant the last answer arrived; {@code sendingStarted}
     * the wall-clock instant the first event was sent (differs from {@code start} when {@code --start}
     * replays a run); site-level alerts are judged when their window lies in [{@code siteRulesFrom},
     * {@code siteRulesTo}] (before it the baselines are still forming or traffic is only starting; after
     * it traffic stops), {@code siteRulesFrom} is null when the run is too short for any.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunInfo(long seed, String runId, String scenario, Instant start, Instant end, Instant sendingStarted,
                          String transport, String target, String granularity, long windowSizeSeconds,
                          long windowSlideSeconds, int topN, Instant siteRulesFrom, Instant siteRulesTo,
                          boolean interrupted, long sessionGapSeconds, String funnel, String funnelName,
                          int breakdownTop, String sites) {

        public RunInfo {
            sessionGapSeconds = sessionGapSeconds <= 0 ? SessionCalculator.DEFAULT_GAP.toSeconds() : sessionGapSeconds;
            funnel = funnel == null ? FunnelDefinition.DEFAULT_SPEC : funnel;
            funnelName = funnelName == null ? FunnelDefinition.DEFAULT_NAME : funnelName;
            breakdownTop = breakdownTop <= 0 ? DEFAULT_BREAKDOWN_TOP : breakdownTop;
        }

        /** A run judged with the analytics' default session gap, funnel and breakdown length. */
        public RunInfo(long seed, String runId, String scenario, Instant start, Instant end, Instant sendingStarted,
                       String transport, String target, String granularity, long windowSizeSeconds,
                       long windowSlideSeconds, int topN, Instant siteRulesFrom, Instant siteRulesTo,
                       boolean interrupted) {
            this(seed, runId, scenario, start, end, sendingStarted, transport, target, granularity, windowSizeSeconds,
                    windowSlideSeconds, topN, siteRulesFrom, siteRulesTo, interrupted, 0, null, null, 0, null);
        }

        public RunInfo(long seed, String scenario, Instant start, Instant end, String transport, String target,
                       String granularity, long windowSizeSeconds, long windowSlideSeconds, boolean interrupted) {
            this(seed, "r0", scenario, start, end, null, transport, target, granularity, windowSizeSeconds,
                    windowSlideSeconds, 10, null, end, interrupted);
        }

        /** The same run judged with other analytics settings (what {@code load}'s options say). */
        public RunInfo withAnalytics(long gapSeconds, String funnelSpec, String name, int top) {
            return new RunInfo(seed, runId, scenario, start, end, sendingStarted, transport, target, granularity,
                    windowSizeSeconds, windowSlideSeconds, topN, siteRulesFrom, siteRulesTo, interrupted, gapSeconds,
                    funnelSpec, name, top, sites);
        }

        /** The same run with the sites it sent for ({@code site=writekey,…}, as {@code load --sites}). */
        public RunInfo withSites(String siteSpec) {
            return new RunInfo(seed, runId, scenario, start, end, sendingStarted, transport, target, granularity,
                    windowSizeSeconds, windowSlideSeconds, topN, siteRulesFrom, siteRulesTo, interrupted, sessionGapSeconds,
                    funnel, funnelName, breakdownTop, siteSpec);
        }
    }

    /** One entry of a top pages / top products ranking: key, count (views or units), revenue. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RankEntry(String key, long count, BigDecimal revenue) {
    }

    /**
     * One injected site-level anomaly: where it lies in event time and the site rules that must fire
     * for it, one episode (one alert document) each.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SiteAnomalyRecord(String kind, Instant start, Instant end, List<String> expectedAlerts) {
    }

    /** Whole-run counts. KPI-like fields count acknowledged, de-duplicated, valid events only. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Totals(long sent, long acknowledged, long duplicateResends, long late, long outOfOrder,
                         long malformed, long malformedAccepted, long rejected, long unacknowledged, long pageViews,
                         long clicks, long addToCart, long purchases, long orders, BigDecimal revenue,
                         long uniqueVisitors) {
    }

    /**
     * Expected KPIs of one window. {@code unacknowledged} is null when every event of the window was
     * acknowledged; otherwise it holds what the unacknowledged events would add at most.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WindowKpis(String granularity, Instant windowStart, Instant windowEnd, long pageViews, long clicks,
                             long addToCart, long purchases, long orders, BigDecimal revenue, long uniqueVisitors,
                             Unacknowledged unacknowledged, List<RankEntry> topPages, List<RankEntry> topProducts,
                             SessionTotals sessions, List<FunnelCount> funnel, List<BreakdownEntry> breakdowns,
                             boolean sessionsUncertain) {

        public WindowKpis {
            topPages = topPages == null ? List.of() : topPages;
            topProducts = topProducts == null ? List.of() : topProducts;
            funnel = funnel == null ? List.of() : funnel;
            breakdowns = breakdowns == null ? List.of() : breakdowns;
        }

        /** A window without session, funnel or breakdown expectations (those are then not compared). */
        public WindowKpis(String granularity, Instant windowStart, Instant windowEnd, long pageViews, long clicks,
                          long addToCart, long purchases, long orders, BigDecimal revenue, long uniqueVisitors,
                          Unacknowledged unacknowledged, List<RankEntry> topPages, List<RankEntry> topProducts) {
            this(granularity, windowStart, windowEnd, pageViews, clicks, addToCart, purchases, orders, revenue,
                    uniqueVisitors, unacknowledged, topPages, topProducts, null, List.of(), List.of(), false);
        }

        /** A window without page views or order items to rank. */
        public WindowKpis(String granularity, Instant windowStart, Instant windowEnd, long pageViews, long clicks,
                          long addToCart, long purchases, long orders, BigDecimal revenue, long uniqueVisitors,
                          Unacknowledged unacknowledged) {
            this(granularity, windowStart, windowEnd, pageViews, clicks, addToCart, purchases, orders, revenue,
                    uniqueVisitors, unacknowledged, List.of(), List.of());
        }

        /** The {@code _id} of the ranking document of {@code dimension} ({@code page}, {@code product}) at {@code rank}. */
        public String rankDocumentId(String dimension, int rank) {
            return "top|" + granularity + "|" + windowStart.toEpochMilli() + "|" + dimension + "|" + rank;
        }

        /** The {@code _id} of the KPI document analytics writes for this window. */
        public String documentId() {
            return "kpi|" + granularity + "|" + windowStart.toEpochMilli();
        }

        /** The {@code _id} of the funnel document of step {@code step} (1-based). */
        public String funnelDocumentId(int step) {
            return "funnel|" + granularity + "|" + windowStart.toEpochMilli() + "|" + step;
        }

        /** The {@code _id} of the breakdown document of {@code dimension} at {@code rank}. */
        public String breakdownDocumentId(String dimension, int rank) {
            return "breakdown|" + granularity + "|" + windowStart.toEpochMilli() + "|" + dimension + "|" + rank;
        }

        /** Whether differences in the session, funnel and breakdown fields may come from unacknowledged events. */
        public boolean sessionFieldsUncertain() {
            return sessionsUncertain || unacknowledged != null;
        }
    }

    /**
     * The sessions that end in a window (docs/architecture.md, "Sessions"): their number, the bounced
     * ones (a single page view), the sum of their durations (end − start, ms) and of their page views.
     * The document's rates derive from these.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SessionTotals(long sessions, long bouncedSessions, long durationMillis, long pageViews) {
    }

    /** How many of the window's sessions reached funnel step {@code step} (1-based) in order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FunnelCount(int step, String stepName, long sessions) {
    }

    /**
     * One breakdown document: the core KPIs of one value ({@code key}) of one dimension in a window,
     * at its rank ({@code other} sums the values past the kept ones).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BreakdownEntry(String dimension, String key, int rank, long pageViews, long clicks, long addToCart,
                                 long purchases, long orders, BigDecimal revenue, long uniqueVisitors) {
    }

    /** Upper bound added by events that were sent but never acknowledged. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Unacknowledged(long pageViews, long clicks, long addToCart, long purchases, long orders,
                                 BigDecimal revenue, long uniqueVisitorsMax) {
    }

    /**
     * One injected bot. {@code expectAlert} is true when enough of its events were acknowledged to
     * cross the rule's threshold.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AnomalyRecord(String rule, String entity, Instant start, long events, long acknowledged,
                                boolean expectAlert) {
    }
}
