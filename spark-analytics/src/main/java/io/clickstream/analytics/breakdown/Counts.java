package io.clickstream.analytics.breakdown;

import java.util.Comparator;

/**
 * The core KPI counters of one dimension value, as a fixed-length {@code long[]} (mutable in a fold,
 * copied into snapshots): indexes {@link #PAGE_VIEWS} … {@link #REVENUE_CENTS}.
 */
final class Counts {

    static final int PAGE_VIEWS = 0;
    static final int CLICKS = 1;
    static final int ADD_TO_CART = 2;
    static final int PURCHASES = 3;
    static final int ORDERS = 4;
    static final int REVENUE_CENTS = 5;
    static final int LENGTH = 6;

    private Counts() {
    }

    /** All events: page views, clicks, carts and purchases (the second ranking criterion). */
    static long events(long[] c) {
        return c[PAGE_VIEWS] + c[CLICKS] + c[ADD_TO_CART] + c[PURCHASES];
    }

    static void add(long[] into, long[] c) {
        for (int i = 0; i < LENGTH; i++) {
            into[i] += c[i];
        }
    }

    /** The contract's ranking: page views desc, then all events desc, then key asc. */
    static <T> Comparator<T> ranking(java.util.function.Function<T, String> key, java.util.function.Function<T, long[]> counts) {
        return Comparator.<T>comparingLong(t -> -counts.apply(t)[PAGE_VIEWS])
                .thenComparingLong(t -> -events(counts.apply(t)))
                .thenComparing(key);
    }
}
