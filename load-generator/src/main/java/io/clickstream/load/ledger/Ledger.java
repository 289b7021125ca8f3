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
public record Ledger(int format, RunInfo run, Totals totals, List<WindowKpis> windows, List<AnomalyRecord> anomalies) {

    public static final int FORMAT = 1;

    /** How the run was made. {@code end} is the instant the last answer arrived. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunInfo(long seed, String scenario, Instant start, Instant end, String transport, String target,
                          String granularity, long windowSizeSeconds, long windowSlideSeconds, boolean interrupted) {
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
                             Unacknowledged unacknowledged) {

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
