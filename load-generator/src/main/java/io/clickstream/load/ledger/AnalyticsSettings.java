package io.clickstream.load.ledger;

import java.time.Duration;

/**
 * The analytics settings the ledger's expectations depend on; they must match how spark-analytics
 * runs (its options of the same names), and are written into the ledger's {@code run}.
 *
 * @param topN         entries per top pages / products ranking ({@code --top-n}, default 10)
 * @param sessionGap   inactivity that splits a session ({@code --session-gap}, default 30 min)
 * @param funnel       the funnel steps ({@code --funnel}, default {@value FunnelDefinition#DEFAULT_SPEC})
 * @param funnelName   the funnel's name ({@code --funnel-name}, default {@value FunnelDefinition#DEFAULT_NAME})
 * @param breakdownTop values kept per breakdown window and dimension ({@code --breakdown-top}, default 10)
 */
public record AnalyticsSettings(int topN, Duration sessionGap, String funnel, String funnelName, int breakdownTop) {

    public AnalyticsSettings {
        if (topN < 1 || breakdownTop < 1) {
            throw new IllegalArgumentException("--top-n and --breakdown-top must be >= 1");
        }
        if (sessionGap.isNegative() || sessionGap.isZero() || sessionGap.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("--session-gap must be a positive whole number of seconds, found " + sessionGap);
        }
        FunnelDefinition.parse(funnel);
    }

    public static AnalyticsSettings defaults() {
        return new AnalyticsSettings(10, SessionCalculator.DEFAULT_GAP, FunnelDefinition.DEFAULT_SPEC,
                FunnelDefinition.DEFAULT_NAME, Ledger.DEFAULT_BREAKDOWN_TOP);
    }

    public static AnalyticsSettings withTopN(int topN) {
        AnalyticsSettings d = defaults();
        return new AnalyticsSettings(topN, d.sessionGap(), d.funnel(), d.funnelName(), d.breakdownTop());
    }
}
