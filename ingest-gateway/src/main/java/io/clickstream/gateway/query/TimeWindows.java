package io.clickstream.gateway.query;

/** Names the query API shares with the documents spark-analytics writes (DEVELOPERS.md, "Elasticsearch documents"). */
final class TimeWindows {

    /** The default sliding window of the job: 60 s every 10 s. */
    static final String DEFAULT_GRANULARITY = "60s/10s";
    static final String KPIS_ALIAS = "clickstream-kpis";
    static final String ALERTS_ALIAS = "clickstream-alerts";

    /** More steps than any configured funnel has (a funnel is a handful of event types). */
    static final int MAX_FUNNEL_STEPS = 50;

    private TimeWindows() {}
}
