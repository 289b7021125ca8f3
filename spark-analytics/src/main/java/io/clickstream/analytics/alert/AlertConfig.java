package io.clickstream.analytics.alert;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.cli.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every threshold, window and baseline parameter of the alert rules. Defaults are the documented
 * ones (README "Alerts"); {@link #fromProperties(Map)} overrides them from {@code alert.*} keys of
 * the job configuration. Durations are written {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}.
 *
 * @param checkpointRoot       parent directory ({@code alert.checkpoint}, in the job: its checkpoint root); the
 *                             queries use {@code <root>/alerts-users} and {@code <root>/alerts-sites}
 * @param trigger              micro-batch interval of both alert queries ({@code alert.trigger})
 * @param userRules            the user-level sliding-count rules (click_burst, page_view_flood)
 * @param watermark            event-time lateness accepted by the user-level rules ({@code alert.watermark}; in the
 *                             job, its {@code --watermark} unless set: an alert is then as exact as the KPIs
 *                             when a broker failover delays some partitions behind the others)
 * @param episodeQuietGap      an episode stays open while exceedances are at most this far apart ({@code alert.episode.quiet-gap})
 * @param criticalFactor       user rules: severity is critical at observed ≥ factor × threshold ({@code alert.severity.critical-factor})
 * @param sampleSize           how many sample event ids an alert carries ({@code alert.sample-size})
 * @param stateTtl             processing-time TTL of per-user and per-site state, a safety net for keys that go idle ({@code alert.state-ttl})
 * @param site                 the site-level baseline rules
 * @param kafkaTopic           when not blank, alerts are also published to this Kafka topic ({@code alert.kafka.topic})
 * @param kafkaBootstrap       brokers for {@code kafkaTopic} ({@code alert.kafka.bootstrap}, defaults to the job's Kafka)
 * @param availableNow         a backfill: the queries read what Kafka holds when they start, then stop
 *                             ({@link AnalyticsConfig#trigger(boolean, Duration)}); false for the stream
 */
public record AlertConfig(
        String checkpointRoot,
        Duration trigger,
        List<UserRule> userRules,
        Duration watermark,
        Duration episodeQuietGap,
        double criticalFactor,
        int sampleSize,
        Duration stateTtl,
        SiteRules site,
        String kafkaTopic,
        String kafkaBootstrap,
        boolean availableNow) implements Serializable {

    public static final String PREFIX = "alert.";
    public static final String CLICK_BURST = "click_burst";
    public static final String PAGE_VIEW_FLOOD = "page_view_flood";

    /**
     * A user-level rule: more than {@code threshold} events of {@code eventType} by one user within
     * {@code window} (event time).
     */
    public record UserRule(String name, String eventType, int threshold, Duration window) implements Serializable {
    }

    /**
     * Site-level rules against a trailing EWMA baseline (README "Site-level baseline").
     *
     * @param bucket                event-time bucket the counters are kept in ({@code alert.site.bucket}, 10s)
     * @param window                observation window, a whole number of buckets, compared with the baseline ({@code alert.site.window}, 60s)
     * @param lateness              a bucket is final once the site's newest event is this far past its end ({@code alert.site.lateness}, 10s)
     * @param ewmaAlpha             weight of the newest window in the baseline ({@code alert.site.ewma-alpha}, 0.1)
     * @param minHistory            windows of history before any site rule may fire ({@code alert.site.min-history}, 12)
     * @param dropRatio             relative drop below the baseline mean that fires ({@code alert.site.drop-ratio}, 0.5)
     * @param deviations            the drop must also exceed this many EWMA standard deviations ({@code alert.site.deviations}, 3)
     * @param criticalDrop          severity is critical when the drop is at least this fraction of the baseline ({@code alert.site.critical-drop}, 0.9)
     * @param minBaselineRevenue    revenue_drop only when the baseline window revenue is at least this ({@code alert.site.min-baseline-revenue}, 1.0)
     * @param minPageViews          conversion_drop only for windows with at least this many page views ({@code alert.site.min-page-views}, 30)
     * @param minCarts              cart_without_purchase only when a window has at least this many add_to_cart ({@code alert.site.min-carts}, 5)
     * @param minBaselinePurchases  cart_without_purchase / conversion_drop need this many purchases per window in the baseline ({@code alert.site.min-baseline-purchases}, 2)
     * @param stallAfter            traffic_stall: no event for this long, processing time ({@code alert.site.stall-after}, 60s)
     * @param minBaselineEvents     traffic_stall only when the baseline has at least this many events per window ({@code alert.site.min-baseline-events}, 30)
     * @param dedupTtl              how long (processing time) an event_id is remembered to drop resends ({@code alert.site.dedup-ttl}, 10m)
     * @param partitions            state partitions of the site query, fixed by its checkpoint ({@code alert.site.partitions}, 1)
     */
    public record SiteRules(
            Duration bucket,
            Duration window,
            Duration lateness,
            double ewmaAlpha,
            int minHistory,
            double dropRatio,
            double deviations,
            double criticalDrop,
            double minBaselineRevenue,
            int minPageViews,
            int minCarts,
            double minBaselinePurchases,
            Duration stallAfter,
            double minBaselineEvents,
            Duration dedupTtl,
            int partitions) implements Serializable {

        public SiteRules {
            if (window.toMillis() % bucket.toMillis() != 0 || window.compareTo(bucket) < 0) {
                throw new IllegalArgumentException("alert.site.window must be a whole number of alert.site.bucket, got "
                        + window + " / " + bucket);
            }
        }

        public int bucketsPerWindow() {
            return (int) (window.toMillis() / bucket.toMillis());
        }
    }

    public static AlertConfig defaults() {
        return fromProperties(Map.of());
    }

    /** Reads {@code alert.*} keys (others are ignored); every missing key takes its default. */
    public static AlertConfig fromProperties(Map<String, String> props) {
        Function<String, String> get = key -> props.get(PREFIX + key);
        UserRule clickBurst = new UserRule(CLICK_BURST, "click",
                integer(get, "click-burst.threshold", 20), duration(get, "click-burst.window", "10s"));
        UserRule pageViewFlood = new UserRule(PAGE_VIEW_FLOOD, "page_view",
                integer(get, "page-view-flood.threshold", 60), duration(get, "page-view-flood.window", "60s"));
        SiteRules site = new SiteRules(
                duration(get, "site.bucket", "10s"),
                duration(get, "site.window", "60s"),
                duration(get, "site.lateness", "10s"),
                decimal(get, "site.ewma-alpha", 0.1),
                integer(get, "site.min-history", 12),
                decimal(get, "site.drop-ratio", 0.5),
                decimal(get, "site.deviations", 3.0),
                decimal(get, "site.critical-drop", 0.9),
                decimal(get, "site.min-baseline-revenue", 1.0),
                integer(get, "site.min-page-views", 30),
                integer(get, "site.min-carts", 5),
                decimal(get, "site.min-baseline-purchases", 2.0),
                duration(get, "site.stall-after", "60s"),
                decimal(get, "site.min-baseline-events", 30.0),
                duration(get, "site.dedup-ttl", "10m"),
                integer(get, "site.partitions", 1));
        return new AlertConfig(
                text(get, "checkpoint", "target/checkpoints"),
                duration(get, "trigger", "5s"),
                List.of(clickBurst, pageViewFlood),
                duration(get, "watermark", "2m"),
                duration(get, "episode.quiet-gap", "30s"),
                decimal(get, "severity.critical-factor", 2.0),
                integer(get, "sample-size", 5),
                duration(get, "state-ttl", "1h"),
                site,
                text(get, "kafka.topic", ""),
                text(get, "kafka.bootstrap", ""),
                false);
    }

    /**
     * The job's alert configuration: {@code alert.*} keys given as {@code --conf alert.x=y} (they
     * arrive in {@link AnalyticsConfig#sparkConf()}) or as JVM system properties ({@code -Dalert.x=y},
     * overridden by {@code --conf}); checkpoints under the job's checkpoint root; the alert topic, when
     * enabled, on the job's Kafka unless {@code alert.kafka.bootstrap} says otherwise.
     */
    public static AlertConfig from(AnalyticsConfig job) {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(PREFIX)) {
                props.put(k.toString(), v.toString());
            }
        });
        job.sparkConf().forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                props.put(k, v);
            }
        });
        props.putIfAbsent(PREFIX + "checkpoint", job.checkpointDir());
        props.putIfAbsent(PREFIX + "watermark", job.watermark().toMillis() + "ms");
        if (job.isBackfill()) {
            // A backfill keeps its state in its own temporary checkpoint, never the stream's, and does not
            // notify again about past episodes: the alert topic is for live alerts.
            props.put(PREFIX + "checkpoint", job.checkpointDir());
            props.remove(PREFIX + "kafka.topic");
            AlertConfig c = fromProperties(props);
            return new AlertConfig(c.checkpointRoot, c.trigger, c.userRules, c.watermark, c.episodeQuietGap,
                    c.criticalFactor, c.sampleSize, c.stateTtl, c.site, c.kafkaTopic, job.kafkaBootstrap(), true);
        }
        return fromProperties(props).withKafkaBootstrapIfUnset(job.kafkaBootstrap());
    }

    /** The longest window of the user-level rules. */
    public Duration longestUserWindow() {
        return userRules.stream().map(UserRule::window).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    public AlertConfig withKafkaBootstrapIfUnset(String bootstrap) {
        if (!kafkaBootstrap.isBlank()) {
            return this;
        }
        return new AlertConfig(checkpointRoot, trigger, userRules, watermark, episodeQuietGap, criticalFactor,
                sampleSize, stateTtl, site, kafkaTopic, bootstrap, availableNow);
    }

    private static String text(Function<String, String> get, String key, String def) {
        String v = get.apply(key);
        return v == null ? def : v.trim();
    }

    private static int integer(Function<String, String> get, String key, int def) {
        String v = get.apply(key);
        try {
            return v == null ? def : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be an integer, got '" + v + "'", e);
        }
    }

    private static double decimal(Function<String, String> get, String key, double def) {
        String v = get.apply(key);
        try {
            return v == null ? def : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + key + " must be a number, got '" + v + "'", e);
        }
    }

    private static Duration duration(Function<String, String> get, String key, String def) {
        String v = get.apply(key);
        return parseDuration(PREFIX + key, v == null ? def : v);
    }

    /** A duration in the grammar of {@link Durations}; the message names the key. */
    static Duration parseDuration(String key, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
