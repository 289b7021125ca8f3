package io.clickstream.analytics.config;

import io.clickstream.cli.DurationConverter;
import io.clickstream.cli.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The job's command line. Every default comes from {@link AnalyticsConfig#defaults()} (each field
 * starts at it; {@link FromInitialValues} shows it in {@code --help}); addresses first from the
 * environment ({@code KAFKA_BOOTSTRAP}, {@code ES_URL}, {@code CHECKPOINT_DIR}, {@code SPARK_MASTER}).
 * Durations take the grammar of {@link Durations}.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true, defaultValueProvider = AnalyticsOptions.FromInitialValues.class,
        description = "Clickstream analytics: Kafka -> parse -> dedup -> windowed KPIs and top-N -> Elasticsearch.")
public final class AnalyticsOptions {

    private static final AnalyticsConfig DEFAULTS = AnalyticsConfig.defaults();

    @Option(names = "--kafka", description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP, default ${DEFAULT-VALUE})")
    String kafka = env("KAFKA_BOOTSTRAP", DEFAULTS.kafkaBootstrap());

    @Option(names = "--es", description = "Elasticsearch URL (env ES_URL, default ${DEFAULT-VALUE})")
    String es = env("ES_URL", DEFAULTS.esUrl());

    @Option(names = "--master", description = "Spark master (env SPARK_MASTER, default ${DEFAULT-VALUE}; 'submit' = leave it to spark-submit)")
    String master = env("SPARK_MASTER", DEFAULTS.master());

    @Option(names = "--checkpoint", description = "checkpoint root, path or Hadoop URI (env CHECKPOINT_DIR, default ${DEFAULT-VALUE})")
    String checkpoint = env("CHECKPOINT_DIR", DEFAULTS.checkpointDir());

    @Option(names = "--topics", split = ",", description = "topics to read (default ${DEFAULT-VALUE})")
    List<String> topics = DEFAULTS.topics();

    @Option(names = "--starting-offsets", description = "offsets of a new query (default ${DEFAULT-VALUE})")
    String startingOffsets = DEFAULTS.startingOffsets();

    @Option(names = "--max-offsets-per-trigger", description = "records per micro-batch and query, 0 = unbounded (default ${DEFAULT-VALUE})")
    long maxOffsetsPerTrigger = DEFAULTS.maxOffsetsPerTrigger();

    @Option(names = "--trigger", converter = DurationConverter.class, description = "micro-batch interval (default ${DEFAULT-VALUE})")
    Duration trigger = DEFAULTS.trigger();

    @Option(names = "--rejects-trigger", converter = DurationConverter.class, description = "micro-batch interval of the rejects query (default ${DEFAULT-VALUE})")
    Duration rejectsTrigger = DEFAULTS.rejectsTrigger();

    @Option(names = "--window", converter = DurationConverter.class, description = "sliding window size (default ${DEFAULT-VALUE})")
    Duration window = DEFAULTS.windowSize();

    @Option(names = "--slide", converter = DurationConverter.class, description = "sliding window step (default ${DEFAULT-VALUE})")
    Duration slide = DEFAULTS.windowSlide();

    @Option(names = "--watermark", converter = DurationConverter.class, description = "accepted lateness and dedup horizon (default ${DEFAULT-VALUE})")
    Duration watermark = DEFAULTS.watermark();

    @Option(names = "--no-hourly", negatable = true, description = "run the 1-hour roll-up (default ${DEFAULT-VALUE})")
    boolean hourly = DEFAULTS.hourly();

    @Option(names = "--shuffle-partitions", description = "shuffle and state partitions of a new checkpoint (default ${DEFAULT-VALUE}: one per core, 2 to 8)")
    int shufflePartitions = DEFAULTS.shufflePartitions();

    @Option(names = "--read-tasks", description = "tasks reading Kafka per micro-batch, the topic partitions coalesced into them; 0 = one per partition (default ${DEFAULT-VALUE}: two per core, 4 to 16)")
    int readTasks = DEFAULTS.readTasks();

    @Option(names = "--top-n", description = "entries per top pages/products ranking (default ${DEFAULT-VALUE})")
    int topN = DEFAULTS.topN();

    @Option(names = "--approx-rsd", description = "relative std. deviation of unique_visitors (default ${DEFAULT-VALUE})")
    double approxRsd = DEFAULTS.approxRsd();

    @Option(names = "--breakdown-top", description = "values per window and breakdown dimension, the rest as 'other' (default ${DEFAULT-VALUE})")
    int breakdownTop = DEFAULTS.breakdownTop();

    @Option(names = "--breakdown-pane-cap", description = "values kept per pane (one window slide) and breakdown dimension, the rest as 'other' (default ${DEFAULT-VALUE})")
    int breakdownPaneCap = DEFAULTS.breakdownPaneCap();

    @Option(names = "--bulk-max-docs", description = "documents per _bulk request (default ${DEFAULT-VALUE})")
    int bulkMaxDocs = DEFAULTS.bulkMaxDocs();

    @Option(names = "--bulk-max-bytes", description = "bytes per _bulk request (default ${DEFAULT-VALUE})")
    long bulkMaxBytes = DEFAULTS.bulkMaxBytes();

    @Option(names = "--es-retry-for", converter = DurationConverter.class, description = "retry a failing bulk this long before failing the batch (default ${DEFAULT-VALUE})")
    Duration esRetryFor = DEFAULTS.esRetryFor();

    @Option(names = "--queries", split = ",", description = "job (default: one query writes KPIs, top-N, alerts and rejects), or separate queries, comma-separated, of kpis, rejects, alerts-users, alerts-sites (e.g. alerts in another application)")
    List<String> queries = DEFAULTS.queries();

    @Option(names = "--session-gap", converter = DurationConverter.class, description = "inactivity (event time) that splits a session (default ${DEFAULT-VALUE})")
    Duration sessionGap = DEFAULTS.sessionGap();

    @Option(names = "--funnel", description = "funnel steps per session, comma-separated, each type or type[field=glob] with field one of page.path, page.url, element, product.id, product.category (default ${DEFAULT-VALUE})")
    String funnel = DEFAULTS.funnel().spec();

    @Option(names = "--funnel-name", description = "the funnel's name in its documents (default ${DEFAULT-VALUE})")
    String funnelName = DEFAULTS.funnel().name();
    @Option(names = "--no-sessions", negatable = true, description = "count sessions and the funnel (default ${DEFAULT-VALUE})")
    boolean sessions = DEFAULTS.sessions();

    @Option(names = "--no-breakdowns", negatable = true, description = "write breakdowns by site, referrer, UTM, device, browser and OS (default ${DEFAULT-VALUE})")
    boolean breakdowns = DEFAULTS.breakdowns();

    @Option(names = "--warm-up-events", description = "synthetic events the job runs through its own query before reading Kafka, so the first real batches run compiled code; 0 = off (default ${DEFAULT-VALUE})")
    int warmUpEvents = DEFAULTS.warmUpEvents();

    @Option(names = "--conf", description = "extra Spark property key=value (repeatable)")
    Map<String, String> conf = new LinkedHashMap<>();

    /** Parses the command line; returns null after printing help or version. */
    public static AnalyticsConfig parse(String... args) {
        AnalyticsOptions options = new AnalyticsOptions();
        CommandLine cli = new CommandLine(options);
        CommandLine.ParseResult result = cli.parseArgs(args);
        if (CommandLine.printHelpIfRequested(result)) {
            return null;
        }
        return options.toConfig();
    }

    public AnalyticsConfig toConfig() {
        return AnalyticsConfig.builder()
                .kafkaBootstrap(kafka).esUrl(es).master("submit".equals(master) ? null : master).checkpointDir(checkpoint)
                .topics(topics).startingOffsets(startingOffsets).maxOffsetsPerTrigger(maxOffsetsPerTrigger)
                .trigger(trigger).rejectsTrigger(rejectsTrigger).windowSize(window).windowSlide(slide).watermark(watermark)
                .hourly(hourly).shufflePartitions(shufflePartitions > 0 ? shufflePartitions : AnalyticsConfig.defaultShufflePartitions())
                .readTasks(readTasks)
                .topN(topN).approxRsd(approxRsd).breakdownTop(breakdownTop).breakdownPaneCap(breakdownPaneCap).bulkMaxDocs(bulkMaxDocs).bulkMaxBytes(bulkMaxBytes).esRetryFor(esRetryFor)
                .sparkConf(conf).queries(queries).warmUpEvents(warmUpEvents)
                .sessionGap(sessionGap).funnel(funnel).funnelName(funnelName).sessions(sessions).breakdowns(breakdowns)
                .build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Shows each option's initial value (taken from {@link AnalyticsConfig#defaults()}) as its
     * default, durations in the grammar people type ({@code 2m}, not {@code PT2M}).
     */
    public static final class FromInitialValues implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
                return null;
            }
            Object value = arg.initialValue();
            if (value instanceof Duration d) {
                return Durations.format(d);
            }
            if (value instanceof List<?> list) {
                return String.join(",", list.stream().map(String::valueOf).toList());
            }
            if (value == null || value instanceof Map) {
                return null;
            }
            return String.valueOf(value);
        }
    }
}
