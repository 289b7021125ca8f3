package io.clickstream.analytics.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The past event-time range a backfill recomputes, {@code [from, to)}, and how far around it Kafka is
 * read ({@code margin}). With a range in {@link AnalyticsConfig#backfill()}, the job reads the Kafka
 * records whose timestamp lies in {@code [from − margin, to + margin)} once
 * ({@code Trigger.AvailableNow}) and writes only what that read determines completely:
 * <ul>
 *   <li>KPI and top-N documents of windows lying entirely within the range
 *       ({@link #containsWindow}), the sliding windows and the 1 h roll-up alike;</li>
 *   <li>user-level alert episodes that start at or after {@code from} and are over before {@code to}
 *       (their last exceedance more than the quiet gap before it, {@link #containsEpisode}).</li>
 * </ul>
 * The margin before {@code from} gives the alert rules the events of their sliding windows and quiet
 * gap, so an episode that began before {@code from} is recognised as such and not re-created with a
 * later start; both sides cover events whose Kafka timestamp and event time differ (clock skew,
 * lateness) up to the margin.
 *
 * @param from   first instant of the range (inclusive)
 * @param to     end of the range (exclusive)
 * @param margin how far before {@code from} and after {@code to} Kafka records are read
 */
public record BackfillRange(Instant from, Instant to, Duration margin) {

    public BackfillRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(margin, "margin");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        if (margin.isNegative()) {
            throw new IllegalArgumentException("the margin must not be negative, found " + margin);
        }
    }

    /**
     * The smallest margin that lets the job recompute the range as the stream computed it: the
     * KPI query's lateness ({@code watermark}), and the longest user-rule window plus the episode
     * quiet gap, whichever is larger.
     */
    public static Duration neededMargin(Duration watermark, Duration longestAlertWindow, Duration quietGap) {
        Duration alerts = longestAlertWindow.plus(quietGap);
        return watermark.compareTo(alerts) >= 0 ? watermark : alerts;
    }

    /** The first Kafka record timestamp read. */
    public Instant readFrom() {
        return from.minus(margin);
    }

    /** Kafka records with this timestamp or later are not read. */
    public Instant readUntil() {
        return to.plus(margin);
    }

    /** Whether the window {@code [startMillis, endMillis)} lies entirely within the range. */
    public boolean containsWindow(long startMillis, long endMillis) {
        return startMillis >= from.toEpochMilli() && endMillis <= to.toEpochMilli();
    }

    /**
     * Whether an alert episode lies in the range: it starts at or after {@code from}, and its last
     * exceedance ({@code lastMillis}) is more than {@code quietGap} before {@code to}, so no event of the
     * range can extend it any more.
     */
    public boolean containsEpisode(long episodeStartMillis, long lastMillis, Duration quietGap) {
        return episodeStartMillis >= from.toEpochMilli() && lastMillis + quietGap.toMillis() < to.toEpochMilli();
    }
}
