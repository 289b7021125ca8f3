package io.clickstream.load.anomaly;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One site-level anomaly injected into the shop traffic, with the alerts the analytics' site rules
 * must raise for it (README "Site-level anomalies"). The rules compare 60 s windows of 10 s event-time
 * buckets with a trailing EWMA baseline: a window fires when its value is below both half the baseline
 * mean and the mean minus three standard deviations. Each injection changes the traffic so that the
 * windows it covers fall far below that line for its rules and stay at their usual level for the others.
 *
 * @param kind     what is injected
 * @param at       offset from the run start where it begins (moved to the middle of a 10 s bucket)
 * @param duration how long it lasts
 */
public record SiteAnomaly(Kind kind, Duration at, Duration duration) {

    /** Rule names of the analytics' site-level rules. */
    public static final String REVENUE_DROP = "revenue_drop";
    public static final String CONVERSION_DROP = "conversion_drop";
    public static final String CART_WITHOUT_PURCHASE = "cart_without_purchase";
    public static final String TRAFFIC_STALL = "traffic_stall";
    public static final List<String> SITE_RULES = List.of(REVENUE_DROP, CONVERSION_DROP, CART_WITHOUT_PURCHASE, TRAFFIC_STALL);

    /** Revenue of the orders placed during a revenue drop, relative to their usual revenue. */
    public static final double REVENUE_DROP_FACTOR = 0.01;
    /**
     * Extra page views per shop page view during a conversion drop (window shoppers who never buy):
     * conversion falls to a quarter, so a window half covered by the wave is already below half the baseline.
     */
    public static final int CONVERSION_DROP_EXTRA_VIEWS = 3;
    /**
     * When the first injection may start in a run that starts from silence. The rules need twelve
     * windows of history ({@code alert.site.min-history}), but their EWMA baseline (alpha 0.1, updated
     * every 10 s) also carries the variance of the traffic's ramp, and a drop fires only below the mean
     * minus three standard deviations: measured through the real rules (spark-analytics
     * {@code InjectedSiteAnomaliesTest}), that variance needs about ten minutes of steady traffic to fade.
     */
    public static final Duration BASELINE_WARM_UP = Duration.ofSeconds(600);
    /**
     * Where judged site alerts may begin: an episode's window starts with the first window that fires,
     * up to one window (60 s) before the injection, so the judged range opens 90 s before the first one.
     */
    public static final Duration JUDGED_FROM = BASELINE_WARM_UP.minusSeconds(90);
    /** The traffic stall rule fires after 60 s without events ({@code alert.site.stall-after}); a stall lasts longer. */
    public static final Duration MIN_STALL = Duration.ofSeconds(90);
    /**
     * Normal traffic after each injection before the next one: the windows that half-cover an injection
     * are folded into the baselines and raise their variance, which must fade again.
     */
    public static final Duration RECOVERY = Duration.ofSeconds(300);
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(90);

    public enum Kind {
        /** Orders keep coming at their usual rate but are worth 1 % of their usual revenue. */
        REVENUE_DROP(List.of(SiteAnomaly.REVENUE_DROP)),
        /**
         * Three times as many extra page views by window shoppers who never buy: conversion (purchases per
         * page view) falls to a quarter while revenue, carts and purchases stay as they are.
         */
        CONVERSION_DROP(List.of(SiteAnomaly.CONVERSION_DROP)),
        /**
         * No event at all, in send time nor event time. The silence is also a revenue drop: windows
         * without purchases (their page views are below the conversion rule's minimum, their carts below the
         * cart rule's).
         */
        TRAFFIC_STALL(List.of(SiteAnomaly.TRAFFIC_STALL, SiteAnomaly.REVENUE_DROP)),
        /**
         * Checkout is broken: visitors browse and fill carts as usual, nobody completes a purchase. No
         * purchases is also a revenue drop and a conversion drop by those rules' definitions.
         */
        CART_WITHOUT_PURCHASE(List.of(SiteAnomaly.CART_WITHOUT_PURCHASE, SiteAnomaly.REVENUE_DROP,
                SiteAnomaly.CONVERSION_DROP));

        private final List<String> expectedRules;

        Kind(List<String> expectedRules) {
            this.expectedRules = expectedRules;
        }

        /** The site rules that must fire once each for this injection (and no other). */
        public List<String> expectedRules() {
            return expectedRules;
        }

        /** {@code revenue-drop} etc., as written on the command line. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.cliName().equals(text.trim().toLowerCase(Locale.ROOT)) || k.name().equalsIgnoreCase(text.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown anomaly '" + text + "': use revenue-drop, conversion-drop, "
                    + "traffic-stall or cart-without-purchase");
        }
    }

    public SiteAnomaly {
        if (kind == Kind.TRAFFIC_STALL && duration.compareTo(MIN_STALL) < 0) {
            throw new IllegalArgumentException("a traffic stall must last at least " + MIN_STALL.toSeconds()
                    + " s (the rule fires after 60 s of silence), found " + duration.toSeconds() + " s");
        }
        if (duration.compareTo(Duration.ofSeconds(70)) < 0) {
            throw new IllegalArgumentException("a site anomaly must cover at least one whole 60 s window (70 s), found "
                    + duration.toSeconds() + " s");
        }
    }

    /**
     * The injections in the given order, except that a traffic stall comes last, each
     * {@link #RECOVERY} after the previous one ends, the first after {@link #BASELINE_WARM_UP}. A stall
     * folds empty windows into the purchase and cart baselines (those rules do not fire for it), whose
     * variance then keeps the cart rule's threshold at zero for longer than a recovery.
     */
    public static List<SiteAnomaly> sequence(List<Kind> kinds, Duration duration) {
        List<SiteAnomaly> out = new java.util.ArrayList<>();
        Duration at = BASELINE_WARM_UP;
        List<Kind> ordered = new java.util.ArrayList<>(kinds.stream().filter(k -> k != Kind.TRAFFIC_STALL).toList());
        ordered.addAll(kinds.stream().filter(k -> k == Kind.TRAFFIC_STALL).toList());
        for (Kind k : ordered) {
            Duration d = k == Kind.TRAFFIC_STALL && duration.compareTo(MIN_STALL) < 0 ? MIN_STALL : duration;
            out.add(new SiteAnomaly(k, at, d));
            at = at.plus(d).plus(RECOVERY);
        }
        return out;
    }

    /** The run length the sequence needs: its last injection's end plus one recovery. */
    public static Duration requiredRunLength(List<SiteAnomaly> injections) {
        return injections.stream().map(a -> a.at().plus(a.duration()).plus(RECOVERY)).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }
}
