package io.clickstream.analytics.config;

import io.clickstream.analytics.session.Funnel;
import io.clickstream.event.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Everything the job can be told. {@link Builder} holds the one copy of every default;
 * {@link AnalyticsOptions} shows those defaults in {@code --help} and builds from the command line
 * and environment; tests start from {@link #builder()} or change one with {@link #toBuilder()}.
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
 * @param readTasks            tasks that read and parse Kafka per micro-batch: the topic partitions of a batch are
 *                             coalesced into at most this many (default two per core, 4 to 16; 0 = one task per Kafka
 *                             partition); each task costs a fixed share of a batch whatever it reads
 * @param topN                 entries per top pages / top products ranking (default 10)
 * @param approxRsd            relative standard deviation of {@code unique_visitors} (default 0.05)
 * @param breakdownTop         values per window and breakdown dimension written, the rest summed as {@code other}
 *                             (default 10)
 * @param breakdownPaneCap     values per pane and breakdown dimension kept, the rest summed as {@code other}: bounds
 *                             the state and the index whatever a client sends (default 500)
 * @param bulkMaxDocs          documents per {@code _bulk} request (default 1000)
 * @param bulkMaxBytes         bytes per {@code _bulk} request (default 5 MiB)
 * @param esRetryFor           how long a bulk is retried on 429/5xx/connection errors before the batch fails (default 2 min)
 * @param sparkConf            extra Spark properties ({@code --conf k=v}), applied last
 * @param queries              the streaming queries this job runs: {@link #ONE_PASS} (default), the one query that
 *                             writes everything, or a subset of {@link #SPLIT_QUERIES}, the separate queries (each
 *                             reads Kafka itself) for running the KPIs, rejects and alerts as separate applications
 * @param warmUpEvents         synthetic events the one-pass query runs before it reads Kafka, so that its first real
 *                             micro-batches run compiled code ({@code pipeline.WarmUp}; default 30,000, 0 = off)
 * @param backfill             {@code null} for the stream; a past range for {@code ./clickstream backfill}: the
 *                             same query then reads that range from Kafka once and stops ({@link #trigger(Duration)},
 *                             {@code source.KafkaEventSource}), writing only the documents the range determines
 *                             completely ({@code sink.BackfillFilter})
 * @param sessionGap           inactivity (event time) that splits a session (default 30 min)
 * @param funnel               the funnel counted per session ({@code --funnel}, {@code --funnel-name};
 *                             default {@value Funnel#DEFAULT_SPEC}, named {@value Funnel#DEFAULT_NAME})
 * @param sessions             whether the job counts sessions and the funnel (default true; {@code --no-sessions})
 * @param breakdowns           whether the job writes breakdowns (default true; {@code --no-breakdowns})
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
        int readTasks,
        int topN,
        double approxRsd,
        int breakdownTop,
        int breakdownPaneCap,
        int bulkMaxDocs,
        long bulkMaxBytes,
        Duration esRetryFor,
        Map<String, String> sparkConf,
        List<String> queries,
        int warmUpEvents,
        BackfillRange backfill,
        Duration sessionGap,
        Funnel funnel,
        boolean sessions,
        boolean breakdowns) {

    /** The one query that reads each record once and writes KPIs, top-N, alerts and rejects (checkpoint sub-directory {@code job}). */
    public static final String ONE_PASS = "job";
    /** The separate queries, by name (also their checkpoint sub-directories), each reading Kafka itself. */
    public static final List<String> SPLIT_QUERIES = List.of("kpis", "rejects", "alerts-users", "alerts-sites");

    public static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    public static final String DEFAULT_ES = "http://127.0.0.1:9200";
    public static final String DEFAULT_CHECKPOINT = ".stack/checkpoints/analytics";

    public AnalyticsConfig {
        topics = List.copyOf(topics);
        sparkConf = Map.copyOf(sparkConf);
        queries = List.copyOf(queries);
        if (!queries.equals(List.of(ONE_PASS)) && (queries.isEmpty() || !SPLIT_QUERIES.containsAll(queries))) {
            throw new IllegalArgumentException("queries must be " + ONE_PASS + " (the one-pass job) or a non-empty subset of "
                    + SPLIT_QUERIES + " (separate queries), found " + queries);
        }
        if (windowSlide.compareTo(windowSize) > 0 || windowSize.toMillis() % windowSlide.toMillis() != 0) {
            throw new IllegalArgumentException("window size " + windowSize + " must be a multiple of the slide " + windowSlide);
        }
        if (hourly && Duration.ofHours(1).toMillis() % windowSlide.toMillis() != 0) {
            // Windows are summed from panes one slide long: an hour must be a whole number of them.
            throw new IllegalArgumentException("the hourly roll-up needs a window slide that divides 1h, found "
                    + windowSlide + " (or run with --no-hourly)");
        }
        if (warmUpEvents < 0) {
            throw new IllegalArgumentException("warm-up events must be >= 0 (0 = no warm-up), found " + warmUpEvents);
        }
        if (topN < 1) {
            throw new IllegalArgumentException("top-N must be >= 1, found " + topN);
        }
        if (approxRsd < 0.005 || approxRsd > 0.3) {
            throw new IllegalArgumentException("approx rsd must lie in [0.005, 0.3], found " + approxRsd);
        }
        if (sessionGap.toMillis() <= 0) {
            throw new IllegalArgumentException("the session gap must be positive, found " + sessionGap);
        }
        if (breakdownTop < 1) {
            throw new IllegalArgumentException("--breakdown-top must be >= 1, found " + breakdownTop);
        }
        if (breakdownPaneCap < breakdownTop) {
            throw new IllegalArgumentException("--breakdown-pane-cap must be >= --breakdown-top (" + breakdownTop
                    + "), found " + breakdownPaneCap);
        }
    }

    /** The defaults: {@code builder().build()}. */
    public static AnalyticsConfig defaults() {
        return builder().build();
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder()
                .kafkaBootstrap(kafkaBootstrap).esUrl(esUrl).master(master).checkpointDir(checkpointDir)
                .topics(topics).startingOffsets(startingOffsets).maxOffsetsPerTrigger(maxOffsetsPerTrigger)
                .trigger(trigger).rejectsTrigger(rejectsTrigger).windowSize(windowSize).windowSlide(windowSlide)
                .watermark(watermark).hourly(hourly).shufflePartitions(shufflePartitions).readTasks(readTasks).topN(topN).approxRsd(approxRsd)
                .breakdownTop(breakdownTop).breakdownPaneCap(breakdownPaneCap)
                .bulkMaxDocs(bulkMaxDocs).bulkMaxBytes(bulkMaxBytes).esRetryFor(esRetryFor).sparkConf(sparkConf)
                .queries(queries).warmUpEvents(warmUpEvents).backfill(backfill)
                .sessionGap(sessionGap).funnel(funnel.spec()).funnelName(funnel.name())
                .sessions(sessions).breakdowns(breakdowns);
    }

    /**
     * One state partition per core, 2 to 8: each partition of each stateful operator costs a task and
     * a state store commit per micro-batch, so more partitions than cores only add overhead.
     */
    public static int defaultShufflePartitions() {
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Two read tasks per core, 4 to 16: fewer tasks than the four topics' partitions save each task's
     * fixed cost (deserialising the task, generating its projections, its shuffle files), which at a
     * live rate is most of the read stage; two per core rather than one let the scheduler even out
     * partitions of different sizes (a page-view partition holds several times a purchase one).
     */
    public static int defaultReadTasks() {
        return 2 * defaultShufflePartitions();
    }

    /** The sliding window's granularity label in documents and ids, e.g. {@code 60s/10s}. */
    public String slidingGranularity() {
        return label(windowSize) + "/" + label(windowSlide);
    }

    static String label(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /** Whether this job runs the one-pass query rather than separate ones. */
    public boolean onePass() {
        return queries.equals(List.of(ONE_PASS));
    }

    public boolean runs(String query) {
        return queries.contains(query);
    }

    /** Whether this is a backfill: the queries read a past range once and stop. */
    public boolean isBackfill() {
        return backfill != null;
    }

    /**
     * The trigger of a query whose stream runs a micro-batch every {@code interval}: that, or
     * {@code AvailableNow} for a backfill (what Kafka holds when the query starts, then stop).
     */
    public Trigger trigger(Duration interval) {
        return trigger(isBackfill(), interval);
    }

    /** The one place the choice between a live and a finite trigger is made. */
    public static Trigger trigger(boolean availableNow, Duration interval) {
        return availableNow ? Trigger.AvailableNow() : Trigger.ProcessingTime(interval.toMillis());
    }

    /**
     * Builds an {@link AnalyticsConfig}; every field starts at its default, the one place the
     * defaults are written (the record's parameter docs say what each means).
     */
    public static final class Builder {
        private String kafkaBootstrap = DEFAULT_KAFKA;
        private String esUrl = DEFAULT_ES;
        private String master = "local[*]";
        private String checkpointDir = DEFAULT_CHECKPOINT;
        private List<String> topics = Topics.EVENT_TOPICS;
        private String startingOffsets = "earliest";
        private long maxOffsetsPerTrigger = 250_000;
        private Duration trigger = Duration.ofSeconds(1);
        private Duration rejectsTrigger = Duration.ofSeconds(5);
        private Duration windowSize = Duration.ofSeconds(60);
        private Duration windowSlide = Duration.ofSeconds(10);
        private Duration watermark = Duration.ofMinutes(2);
        private boolean hourly = true;
        private int shufflePartitions = defaultShufflePartitions();
        private int readTasks = defaultReadTasks();
        private int topN = 10;
        private double approxRsd = 0.05;
        private int breakdownTop = 10;
        private int breakdownPaneCap = 500;
        private int bulkMaxDocs = 1000;
        private long bulkMaxBytes = 5L << 20;
        private Duration esRetryFor = Duration.ofMinutes(2);
        private Map<String, String> sparkConf = Map.of();
        private List<String> queries = List.of(ONE_PASS);
        private int warmUpEvents = 30_000;
        private BackfillRange backfill = null;
        private Duration sessionGap = Duration.ofMinutes(30);
        private String funnel = Funnel.DEFAULT_SPEC;
        private String funnelName = Funnel.DEFAULT_NAME;
        private boolean sessions = true;
        private boolean breakdowns = true;

        private Builder() {
        }

        public Builder kafkaBootstrap(String v) { kafkaBootstrap = v; return this; }
        public Builder esUrl(String v) { esUrl = v; return this; }
        /** {@code null}: leave the master to spark-submit. */
        public Builder master(String v) { master = v; return this; }
        public Builder checkpointDir(String v) { checkpointDir = v; return this; }
        public Builder topics(List<String> v) { topics = v; return this; }
        public Builder startingOffsets(String v) { startingOffsets = v; return this; }
        public Builder maxOffsetsPerTrigger(long v) { maxOffsetsPerTrigger = v; return this; }
        public Builder trigger(Duration v) { trigger = v; return this; }
        public Builder rejectsTrigger(Duration v) { rejectsTrigger = v; return this; }
        public Builder windowSize(Duration v) { windowSize = v; return this; }
        public Builder windowSlide(Duration v) { windowSlide = v; return this; }
        public Builder watermark(Duration v) { watermark = v; return this; }
        public Builder hourly(boolean v) { hourly = v; return this; }
        public Builder shufflePartitions(int v) { shufflePartitions = v; return this; }
        /** 0: one read task per Kafka partition. */
        public Builder readTasks(int v) { readTasks = v; return this; }
        public Builder topN(int v) { topN = v; return this; }
        public Builder approxRsd(double v) { approxRsd = v; return this; }
        public Builder breakdownTop(int v) { breakdownTop = v; return this; }
        public Builder breakdownPaneCap(int v) { breakdownPaneCap = v; return this; }
        public Builder bulkMaxDocs(int v) { bulkMaxDocs = v; return this; }
        public Builder bulkMaxBytes(long v) { bulkMaxBytes = v; return this; }
        public Builder esRetryFor(Duration v) { esRetryFor = v; return this; }
        public Builder sparkConf(Map<String, String> v) { sparkConf = v; return this; }

        /** Adds Spark properties to those already set (they win). */
        public Builder addSparkConf(Map<String, String> extra) {
            Map<String, String> merged = new LinkedHashMap<>(sparkConf);
            merged.putAll(extra);
            sparkConf = merged;
            return this;
        }

        public Builder queries(List<String> v) { queries = v; return this; }
        /** 0: no warm-up. */
        public Builder warmUpEvents(int v) { warmUpEvents = v; return this; }
        /** {@code null}: the stream. */
        public Builder backfill(BackfillRange v) { backfill = v; return this; }
        public Builder sessionGap(Duration v) { sessionGap = v; return this; }
        /** The funnel's steps, comma-separated: {@code type} or {@code type[field=glob]}. */
        public Builder funnel(String v) { funnel = v; return this; }
        public Builder funnelName(String v) { funnelName = v; return this; }
        public Builder sessions(boolean v) { sessions = v; return this; }
        public Builder breakdowns(boolean v) { breakdowns = v; return this; }

        public AnalyticsConfig build() {
            return new AnalyticsConfig(kafkaBootstrap, esUrl, master, checkpointDir, topics, startingOffsets,
                    maxOffsetsPerTrigger, trigger, rejectsTrigger, windowSize, windowSlide, watermark, hourly,
                    shufflePartitions, readTasks, topN, approxRsd, breakdownTop, breakdownPaneCap, bulkMaxDocs, bulkMaxBytes,
                    esRetryFor, sparkConf, queries, warmUpEvents, backfill, sessionGap, Funnel.parse(funnelName, funnel),
                    sessions, breakdowns);
        }
    }
}
