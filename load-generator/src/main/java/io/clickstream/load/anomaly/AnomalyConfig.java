package io.clickstream.load.anomaly;

import java.time.Duration;

/**
 * How much dirt and how many bots a run injects. Every injected thing is recorded in the ledger.
 *
 * @param clickBotsPerMin      click bots started per minute of run (each: 1 page view, then
 *                             {@link Bots#CLICK_BOT_CLICKS} clicks in {@link Bots#CLICK_BOT_SPAN}); default 2
 * @param floodBotsPerMin      page-view flood bots per minute (each: {@link Bots#FLOOD_BOT_VIEWS} page
 *                             views in {@link Bots#FLOOD_BOT_SPAN}); default 1
 * @param duplicateRate        share of shop events resent a second time with the same {@code event_id}; default 0.01
 * @param lateRate             share of shop events whose {@code ts} lies 20 s … {@code maxLateness} in the past; default 0.01
 * @param outOfOrderRate       share of shop events whose {@code ts} lies 1–8 s in the past (before the
 *                             user's previous event); default 0.02
 * @param malformedRate        malformed events added per shop event (they must be rejected); default 0.005
 * @param maxLateness          the latest a late event may be: at most half the analytics watermark
 *                             (default watermark 2 min → 60 s), so the job still counts it
 */
public record AnomalyConfig(double clickBotsPerMin, double floodBotsPerMin, double duplicateRate, double lateRate,
                            double outOfOrderRate, double malformedRate, Duration maxLateness) {

    public static final Duration MIN_LATENESS = Duration.ofSeconds(20);

    public AnomalyConfig {
        for (double rate : new double[] {duplicateRate, lateRate, outOfOrderRate, malformedRate}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("anomaly rates are shares in [0, 1], found " + rate);
            }
        }
        if (lateRate + outOfOrderRate > 1) {
            throw new IllegalArgumentException("late-rate + out-of-order-rate must not exceed 1");
        }
        if (clickBotsPerMin < 0 || floodBotsPerMin < 0) {
            throw new IllegalArgumentException("bots per minute must be >= 0");
        }
        if (maxLateness.compareTo(MIN_LATENESS) < 0) {
            throw new IllegalArgumentException("max lateness must be at least " + MIN_LATENESS.toSeconds() + " s");
        }
    }

    public static AnomalyConfig defaults() {
        return new AnomalyConfig(2, 1, 0.01, 0.01, 0.02, 0.005, Duration.ofSeconds(60));
    }

    /** Clean traffic: no bots, no dirt. */
    public static AnomalyConfig none() {
        return new AnomalyConfig(0, 0, 0, 0, 0, 0, Duration.ofSeconds(60));
    }
}
