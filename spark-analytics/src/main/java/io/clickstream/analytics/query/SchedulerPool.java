package io.clickstream.analytics.query;

/**
 * The fair-scheduler pools of the job ({@code fairscheduler.xml}). When the cores are contended,
 * tasks of the {@link #LATENCY} pool are scheduled first, so the KPIs stay fresh while queries that
 * tolerate seconds of delay (rejects, alerts) share what is left.
 */
public enum SchedulerPool {
    LATENCY("kpis"),
    BACKGROUND("background");

    private final String poolName;

    SchedulerPool(String poolName) {
        this.poolName = poolName;
    }

    /** The pool's name in {@code fairscheduler.xml}. */
    public String poolName() {
        return poolName;
    }
}
