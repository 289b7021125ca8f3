package io.clickstream.load.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * Which KPI windows an event time falls into, exactly as Spark's {@code window(ts, size, slide)}
 * with start offset 0: windows are [k·slide, k·slide + size) on the epoch, and an event belongs to
 * every window with {@code start <= ts < start + size}. Pure functions.
 *
 * @param size  window length (default 60 s)
 * @param slide distance between window starts (default 10 s); size must be a multiple of it
 */
public record WindowCalculator(Duration size, Duration slide) {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final String HOURLY_GRANULARITY = "1h";

    public WindowCalculator {
        if (slide.isZero() || slide.isNegative() || size.compareTo(slide) < 0) {
            throw new IllegalArgumentException("windows need 0 < slide <= size, found size " + size + ", slide " + slide);
        }
        if (size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("window size must be a multiple of the slide, found " + size + " / " + slide);
        }
    }

    public static WindowCalculator defaults() {
        return new WindowCalculator(Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** The {@code granularity} field of the KPI documents, e.g. {@code 60s/10s}. */
    public String granularity() {
        return format(size) + "/" + format(slide);
    }

    /** Start (epoch millis) of every sliding window holding {@code ts}, ascending. */
    public long[] windowStarts(Instant ts) {
        long t = ts.toEpochMilli();
        long sizeMs = size.toMillis();
        long slideMs = slide.toMillis();
        long last = Math.floorDiv(t, slideMs) * slideMs;
        int n = (int) (sizeMs / slideMs);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = last - (long) (n - 1 - i) * slideMs;
        }
        return out;
    }

    /** Start (epoch millis) of the hourly tumbling window holding {@code ts}. */
    public static long hourStart(Instant ts) {
        return Math.floorDiv(ts.toEpochMilli(), HOUR.toMillis()) * HOUR.toMillis();
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
