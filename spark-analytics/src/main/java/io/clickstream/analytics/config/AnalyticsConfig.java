package io.clickstream.analytics.config;

import io.clickstream.event.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the job can be told, with the defaults documented in the module README. Built from CLI
 * flags and environment by {@link AnalyticsOptions}; tests build it with {@link #defaults()} and
 * the {@code with*} copies.
 *
 * @param kafkaBootstrap       Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP}, default 127.0.0.1:9092)
 * @param esUrl                Elasticsearch base URL ({@code ES_URL}, default http://127.0.0.1:9200)
 * @param master               Spark master; {@code null} leaves it to spark-submit (default local[*] when run directly)
 * @param checkpointDir        checkpoint root, local path or any Hadoop URI; each query uses a sub-directory
 * @param topics               the topics read (default the four event topics)
 * @param startingOffsets      where a <em>new</em> query starts (default earliest); a restart resumes from the checkpoint
 * @param maxOffsetsPerTrigger upper bound of records per micro-batch (0 = unbounded)
 * @param trigger              micro-batch interval of the KPI query (default 1 s)
 * @param rejectsTrigger       micro-batch interval of the rejects query (default 5 s): rejects are rare and
 *                             not time-critical, and every batch has a fixed cost the KPIs would share
 * @param windowSize           sliding window length (default 60 s)
 * @param windowSlide          sliding window step (default 10 s)
 * @param watermark            event-time lateness accepted; also the de-duplication horizon (default 2 min)
 * @param hourly               whether the 1-hour tumbling roll-up runs (default true)
 * @param shufflePartitions    {@code spark.sql.shuffle.partitions}; also the state store partitions (default: the
 *                             machine's cores, 2 to 8; a checkpoint keeps the number it was created with)
 * @param topN                 entries per top pages / top products ranking (default 10)
 * @param approxRsd            relative standard deviation of {@code unique_visitors} (default 0.05)
 * @param bulkMaxDocs          documents per {@code _bulk} request (default 1000)
 * @param bulkMaxBytes         bytes per {@code _bulk} request (default 5 MiB)
 * @param esRetryFor           how long a bulk is retried on 429/5xx/connection errors before the batch fails (default 2 min)
 * @param sparkConf            extra Spark properties ({@code --conf k=v}), applied last
 * @param queries              the streaming queries this job runs (default all of {@link #ALL_QUERIES}); a
 *                             subset lets the KPIs, rejects and alerts run as separate applications
 */
public record AnalyticsConfig(
        String kafkaBootstrap,
        String esUrl,
        String master,
        String checkpointDir,
        List<String> topics,
        String startingOffsets,
        long maxOffsetsPerTrigger,
        Duration trigger,
        Duration rejectsTrigger,
        Duration windowSize,
        Duration windowSlide,
        Duration watermark,
        boolean hourly,
        int shufflePartitions,
        int topN,
        double approxRsd,
        int bulkMaxDocs,
        long bulkMaxBytes,
        Duration esRetryFor,
        Map<String, String> sparkConf,
        List<String> queries) {

    /** Every query of the job, by name (also the checkpoint sub-directory). */
    public static final List<String> ALL_QUERIES = List.of("kpis", "rejects", "alerts-users", "alerts-sites");

    public static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    public static final String DEFAULT_ES = "http://127.0.0.1:9200";
    public static final String DEFAULT_CHECKPOINT = ".stack/checkpoints/analytics";

    public AnalyticsConfig {
        topics = List.copyOf(topics);
        sparkConf = Map.copyOf(sparkConf);
        queries = List.copyOf(queries);
        if (queries.isEmpty() || !ALL_QUERIES.containsAll(queries)) {
            throw new IllegalArgumentException("queries must be a non-empty subset of " + ALL_QUERIES + ", found " + queries);
        }
        if (windowSlide.compareTo(windowSize) > 0 || windowSize.toMillis() % windowSlide.toMillis() != 0) {
            throw new IllegalArgumentException("window size " + windowSize + " must be a multiple of the slide " + windowSlide);
        }
        if (hourly && Duration.ofHours(1).toMillis() % windowSlide.toMillis() != 0) {
            // Windows are summed from panes one slide long: an hour must be a whole number of them.
            throw new IllegalArgumentException("the hourly roll-up needs a window slide that divides 1h, found "
                    + windowSlide + " (or run with --no-hourly)");
        }
        if (topN < 1) {
            throw new IllegalArgumentException("top-N must be >= 1, found " + topN);
        }
        if (approxRsd < 0.005 || approxRsd > 0.3) {
            throw new IllegalArgumentException("approx rsd must lie in [0.005, 0.3], found " + approxRsd);
        }
    }

    public static AnalyticsConfig defaults() {
        return new AnalyticsConfig(DEFAULT_KAFKA, DEFAULT_ES, "local[*]", DEFAULT_CHECKPOINT, Topics.EVENT_TOPICS,
                "earliest", 250_000, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofMinutes(2), true, defaultShufflePartitions(), 10, 0.05, 1000, 5L << 20, Duration.ofMinutes(2), Map.of(), ALL_QUERIES);
    }

    /**
     * One state partition per core, 2 to 8: each partition of each stateful operator costs a task and
     * a state store commit per micro-batch, so more partitions than cores only add overhead.
     */
    public static int defaultShufflePartitions() {
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** The sliding window's granularity label in documents and ids, e.g. {@code 60s/10s}. */
    public String slidingGranularity() {
        return label(windowSize) + "/" + label(windowSlide);
    }

    static String label(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    public AnalyticsConfig withEndpoints(String kafka, String es) {
        return new AnalyticsConfig(kafka, es, master, checkpointDir, topics, startingOffsets, maxOffsetsPerTrigger,
                trigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly, shufflePartitions, topN, approxRsd, bulkMaxDocs,
                bulkMaxBytes, esRetryFor, sparkConf, queries);
    }

    public AnalyticsConfig withCheckpointDir(String dir) {
        return new AnalyticsConfig(kafkaBootstrap, esUrl, master, dir, topics, startingOffsets, maxOffsetsPerTrigger,
                trigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly, shufflePartitions, topN, approxRsd, bulkMaxDocs,
                bulkMaxBytes, esRetryFor, sparkConf, queries);
    }

    public AnalyticsConfig withMaster(String newMaster) {
        return new AnalyticsConfig(kafkaBootstrap, esUrl, newMaster, checkpointDir, topics, startingOffsets,
                maxOffsetsPerTrigger, trigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly, shufflePartitions, topN,
                approxRsd, bulkMaxDocs, bulkMaxBytes, esRetryFor, sparkConf, queries);
    }

    public AnalyticsConfig withTrigger(Duration newTrigger, long newMaxOffsets) {
        return new AnalyticsConfig(kafkaBootstrap, esUrl, master, checkpointDir, topics, startingOffsets,
                newMaxOffsets, newTrigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly, shufflePartitions, topN,
                approxRsd, bulkMaxDocs, bulkMaxBytes, esRetryFor, sparkConf, queries);
    }

    public AnalyticsConfig withShufflePartitions(int partitions) {
        return new AnalyticsConfig(kafkaBootstrap, esUrl, master, checkpointDir, topics, startingOffsets,
                maxOffsetsPerTrigger, trigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly, partitions, topN,
                approxRsd, bulkMaxDocs, bulkMaxBytes, esRetryFor, sparkConf, queries);
    }

    /** This configuration with {@code extra} Spark properties added to {@link #sparkConf()} (they win). */
    public AnalyticsConfig withSparkConf(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(sparkConf);
        merged.putAll(extra);
        return new AnalyticsConfig(kafkaBootstrap, esUrl, master, checkpointDir, topics, startingOffsets,
                maxOffsetsPerTrigger, trigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly, shufflePartitions, topN,
                approxRsd, bulkMaxDocs, bulkMaxBytes, esRetryFor, merged, queries);
    }

    public AnalyticsConfig withQueries(List<String> names) {
        return new AnalyticsConfig(kafkaBootstrap, esUrl, master, checkpointDir, topics, startingOffsets,
                maxOffsetsPerTrigger, trigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly, shufflePartitions, topN,
                approxRsd, bulkMaxDocs, bulkMaxBytes, esRetryFor, sparkConf, names);
    }

    public boolean runs(String query) {
        return queries.contains(query);
    }
}
