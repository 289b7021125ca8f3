package io.clickstream.analytics.kpi;

import java.time.Duration;

/**
 * One window shape the KPIs are computed for.
 *
 * @param granularity the label in documents and ids: {@code 60s/10s} for sliding, {@code 1h} for hourly
 * @param size        window length
 * @param slide       step; equal to {@code size} for a tumbling window
 */
public record KpiWindow(String granularity, Duration size, Duration slide) {

    public static final KpiWindow HOURLY = new KpiWindow("1h", Duration.ofHours(1), Duration.ofHours(1));

    public static KpiWindow sliding(String granularity, Duration size, Duration slide) {
        return new KpiWindow(granularity, size, slide);
    }
}
