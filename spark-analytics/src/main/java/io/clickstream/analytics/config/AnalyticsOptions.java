package io.clickstream.analytics.config;

import io.clickstream.event.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's command line. Addresses default to the environment ({@code KAFKA_BOOTSTRAP},
 * {@code ES_URL}, {@code CHECKPOINT_DIR}, {@code SPARK_MASTER}) and then to the embedded stack.
 * Durations are written {@code 500ms}, {@code 10s}, {@code 2m} or {@code 1h}.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = "Clickstream analytics: Kafka -> parse -> dedup -> windowed KPIs and top-N -> Elasticsearch.")
public final class AnalyticsOptions {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Option(names = "--kafka", description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP, default ${DEFAULT-VALUE})",
            defaultValue = "${env:KAFKA_BOOTSTRAP:-" + AnalyticsConfig.DEFAULT_KAFKA + "}")
    String kafka;

    @Option(names = "--es", description = "Elasticsearch URL (env ES_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:ES_URL:-" + AnalyticsConfig.DEFAULT_ES + "}")
    String es;

    @Option(names = "--master", description = "Spark master (env SPARK_MASTER, default local[*]; 'submit' = leave it to spark-submit)",
            defaultValue = "${env:SPARK_MASTER:-local[*]}")
    String master;

    @Option(names = "--checkpoint", description = "checkpoint root, path or Hadoop URI (env CHECKPOINT_DIR, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CHECKPOINT_DIR:-" + AnalyticsConfig.DEFAULT_CHECKPOINT + "}")
    String checkpoint;

    @Option(names = "--topics", split = ",", description = "topics to read (default: the four event topics)")
    List<String> topics = Topics.EVENT_TOPICS;

    @Option(names = "--starting-offsets", defaultValue = "earliest", description = "offsets of a new query (default ${DEFAULT-VALUE})")
    String startingOffsets;

    @Option(names = "--max-offsets-per-trigger", defaultValue = "250000", description = "records per micro-batch and query, 0 = unbounded (default ${DEFAULT-VALUE})")
    long maxOffsetsPerTrigger;

    @Option(names = "--trigger", defaultValue = "1s", description = "micro-batch interval (default ${DEFAULT-VALUE})")
    String trigger;

    @Option(names = "--rejects-trigger", defaultValue = "5s", description = "micro-batch interval of the rejects query (default ${DEFAULT-VALUE})")
    String rejectsTrigger;

    @Option(names = "--window", defaultValue = "60s", description = "sliding window size (default ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--slide", defaultValue = "10s", description = "sliding window step (default ${DEFAULT-VALUE})")
    String slide;

    @Option(names = "--watermark", defaultValue = "2m", description = "accepted lateness and dedup horizon (default ${DEFAULT-VALUE})")
    String watermark;

    @Option(names = "--no-hourly", negatable = true, defaultValue = "true", description = "run the 1-hour roll-up (default on)")
    boolean hourly;

    @Option(names = "--shuffle-partitions", defaultValue = "0", description = "shuffle and state partitions of a new checkpoint (default 0: one per core, 2 to 8)")
    int shufflePartitions;

    @Option(names = "--top-n", defaultValue = "10", description = "entries per top pages/products ranking (default ${DEFAULT-VALUE})")
    int topN;

    @Option(names = "--approx-rsd", defaultValue = "0.05", description = "relative std. deviation of unique_visitors (default ${DEFAULT-VALUE})")
    double approxRsd;

    @Option(names = "--bulk-max-docs", defaultValue = "1000", description = "documents per _bulk request (default ${DEFAULT-VALUE})")
    int bulkMaxDocs;

    @Option(names = "--bulk-max-bytes", defaultValue = "5242880", description = "bytes per _bulk request (default ${DEFAULT-VALUE})")
    long bulkMaxBytes;

    @Option(names = "--es-retry-for", defaultValue = "2m", description = "retry a failing bulk this long before failing the batch (default ${DEFAULT-VALUE})")
    String esRetryFor;

    @Option(names = "--queries", split = ",", description = "queries to run, comma-separated: kpis, rejects, alerts-users, alerts-sites (default all)")
    List<String> queries = AnalyticsConfig.ALL_QUERIES;

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

    AnalyticsConfig toConfig() {
        return new AnalyticsConfig(kafka, es, "submit".equals(master) ? null : master, checkpoint, topics,
                startingOffsets, maxOffsetsPerTrigger, duration(trigger), duration(rejectsTrigger), duration(window), duration(slide),
                duration(watermark), hourly,
                shufflePartitions > 0 ? shufflePartitions : AnalyticsConfig.defaultShufflePartitions(), topN, approxRsd, bulkMaxDocs, bulkMaxBytes,
                duration(esRetryFor), conf, queries);
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 10s, 2m or 1h, found '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
