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

    public static final int FORMAT = 2;

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
                          boolean interrupted) {

        public RunInfo(long seed, String scenario, Instant start, Instant end, String transport, String target,
                       String granularity, long windowSizeSeconds, long windowSlideSeconds, boolean interrupted) {
            this(seed, "r0", scenario, start, end, null, transport, target, granularity, windowSizeSeconds,
                    windowSlideSeconds, 10, null, end, interrupted);
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
                             Unacknowledged unacknowledged, List<RankEntry> topPages, List<RankEntry> topProducts) {

        public WindowKpis {
            topPages = topPages == null ? List.of() : topPages;
            topProducts = topProducts == null ? List.of() : topProducts;
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
