package io.clickstream.analytics;

import io.clickstream.analytics.alert.AlertConfig;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.config.AnalyticsOptions;
import io.clickstream.analytics.config.BackfillRange;
import io.clickstream.analytics.sink.BackfillFilter;
import io.clickstream.analytics.source.KafkaHoldings;
import io.clickstream.cli.DurationConverter;
import io.clickstream.cli.Durations;
import io.clickstream.es.EsException;
import io.clickstream.es.Elasticsearch;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./clickstream backfill --from T1 --to T2}: recomputes the KPI, top-N and user-level alert
 * documents of a past range from Kafka with the job's own wiring ({@link AnalyticsJob#start}), as a
 * finite run: a {@link BackfillRange} in the configuration makes the source start at the range (by
 * Kafka timestamp) and the queries use {@code Trigger.AvailableNow}; a fresh temporary checkpoint
 * (deleted afterwards) keeps the stream's checkpoint and pane state out of reach; the
 * {@link BackfillFilter} writes only what the range determines completely. Document ids are the
 * stream's, so the run repairs and never duplicates.
 *
 * <p>Site-level alert rules are not recomputed: they run in processing time (the stall timer, the
 * baseline's bucket finality) against an EWMA baseline built from all traffic since the query started,
 * so a read of one range would not reproduce them.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = AnalyticsOptions.FromInitialValues.class,
        description = {
            "Recomputes the KPI and top-N documents (every granularity) and the user-level",
            "alerts of a past range from Kafka, on the streaming job's code and with the",
            "stream's document ids: it repairs, it never duplicates. Reads the range once,",
            "prints progress, exits 0 with a summary.",
            "",
            "Written: KPI and top-N documents of windows lying entirely within",
            "[--from, --to) (a 1h window only when its whole hour is inside);",
            "click_burst and page_view_flood alerts whose episode starts at or after",
            "--from and is over (quiet gap passed) before --to. Funnel documents of",
            "the same windows. Session figures count the events the read holds: a",
            "session crossing its edges counts only those.",
            "Not recomputed: the site-level rules (revenue_drop, conversion_drop,",
            "cart_without_purchase, traffic_stall: processing time, against a baseline",
            "of all earlier traffic) and rejects. Nothing goes to the alert topic.",
            "Events that reached Kafka too late for the stream (past its watermark) but",
            "within the margin ARE counted (in one micro-batch, the default).",
            "",
            "Use it after a change of the alert rules, after an outage longer than the",
            "watermark, or when KPI documents were deleted or lost. Kafka must still",
            "hold the range (retention). Exit 1 with the reason when it cannot run.",
            ""})
public final class Backfill {

    /** The queries a backfill runs: the stream's own default, the one-pass query. */
    static final List<String> QUERIES = List.of(AnalyticsConfig.ONE_PASS);
    /** Options of {@code analytics} that a backfill sets itself. */
    private static final List<String> NOT_FOR_BACKFILL =
            List.of("--checkpoint", "--starting-offsets", "--trigger", "--rejects-trigger", "--queries",
                    "--max-offsets-per-trigger");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    @Option(names = "--from", required = true, converter = InstantConverter.class,
            description = "start of the range, ISO-8601 instant, inclusive (e.g. 2026-12-03T10:00:00Z)")
    Instant from;

    @Option(names = "--to", required = true, converter = InstantConverter.class,
            description = "end of the range, exclusive; at least the margin in the past")
    Instant to;

    @Option(names = "--margin", converter = DurationConverter.class,
            description = "Kafka records stamped this long before --from and after --to are read too (default and"
                    + " minimum: the larger of --watermark and the longest user-rule window + the episode quiet gap;"
                    + " 2m with the defaults). Widen it to count events that reached Kafka even later.")
    Duration margin;

    @Option(names = "--batch-records", description = "records per micro-batch, 0 = the whole range in one (default"
            + " ${DEFAULT-VALUE}). In one micro-batch every event of the range counts whatever its lateness; split"
            + " into several, an event more than the watermark behind an earlier batch's events is dropped, as"
            + " the stream drops it. Bound it (or run shorter ranges) when one batch is too big for the machine.")
    long batchRecords = 0;

    @Mixin
    AnalyticsOptions analytics;

    /** What a finished backfill did. */
    public record Summary(BackfillRange range, Map<BackfillFilter.Kind, Integer> written, long recordsRead,
                          List<Instant> hoursRewritten, Duration took) {
    }

    /** A refusal to run, with what to do instead: printed without a stack trace. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(new Backfill());
        int status;
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                System.exit(0);
            }
            Backfill command = cli.getCommand();
            Summary summary = run(command.config(), Clock.systemUTC(), System.out);
            status = 0;
            System.out.println(describe(summary));
        } catch (CommandLine.ParameterException e) {
            System.err.println("backfill: " + e.getMessage());
            System.err.println("(see ./clickstream backfill --help)");
            status = 2;
        } catch (Refused | IllegalArgumentException | IllegalStateException e) {
            System.err.println("backfill: " + e.getMessage());
            status = 1;
        } catch (Throwable t) {
            System.err.println("backfill failed: " + t);
            status = 1;
        }
        // Spark leaves non-daemon threads behind.
        System.exit(status);
    }

    /** The command line, without the {@code analytics} options a backfill sets itself. */
    static CommandLine commandLine(Backfill command) {
        CommandLine cli = new CommandLine(command);
        for (String name : NOT_FOR_BACKFILL) {
            cli.getCommandSpec().remove(cli.getCommandSpec().findOption(name));
        }
        return cli;
    }

    /** The job configuration of this command line: the analytics options with the range. */
    AnalyticsConfig config() {
        AnalyticsConfig base = analytics.toConfig();
        AlertConfig alerts = AlertConfig.from(base);
        Duration needed = BackfillRange.neededMargin(base.watermark(), alerts.longestUserWindow(), alerts.episodeQuietGap());
        if (margin != null && margin.compareTo(needed) < 0) {
            throw new Refused("--margin " + Durations.format(margin) + " is too small: the windows, the watermark and"
                    + " the alert rules need at least " + Durations.format(needed));
        }
        return base.toBuilder().maxOffsetsPerTrigger(batchRecords)
                .backfill(new BackfillRange(from, to, margin == null ? needed : margin)).build();
    }

    /**
     * Checks the range, Elasticsearch and Kafka, then runs the job over the range in a temporary
     * checkpoint and returns when every document is written. {@code config} must carry the range.
     *
     * @throws Refused when the range cannot be recomputed or a service is unreachable, saying why
     */
    public static Summary run(AnalyticsConfig config, Clock clock, PrintStream progress) throws Throwable {
        BackfillRange range = config.backfill();
        if (range == null) {
            throw new IllegalArgumentException("the configuration has no backfill range");
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        if (!range.from().isBefore(now)) {
            throw new Refused("the range [" + range.from() + ", " + range.to() + ") lies in the future (now " + now + ")");
        }
        if (range.to().isAfter(now.minus(range.margin()))) {
            throw new Refused("--to " + range.to() + " is too recent: events for its windows may still arrive and the stream"
                    + " is still writing them. Use --to " + now.minus(range.margin()).truncatedTo(ChronoUnit.SECONDS)
                    + " or earlier (the margin, " + Durations.format(range.margin()) + ", before now)");
        }
        checkElasticsearch(config);
        KafkaHoldings kafka = KafkaHoldings.inspect(config, range.readFrom(), range.readUntil());
        Instant keptFrom = kafka.keptFrom();
        if (keptFrom != null) {
            throw new Refused("Kafka no longer holds the whole range: records stamped before " + keptFrom + " were deleted"
                    + " (retention, or a truncation) on " + kafka.oldestKept().keySet() + ". Recompute from --from "
                    + keptFrom.plus(range.margin()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1) + " on; earlier windows"
                    + " cannot be recomputed from Kafka");
        }
        if (kafka.inSpan() == 0) {
            throw new Refused("no events in Kafka stamped between " + range.readFrom() + " and " + range.readUntil() + " on "
                    + config.topics() + ": nothing to recompute (is it the right range, --kafka and --topics?)");
        }
        progress.printf("backfill: recomputing [%s, %s): %,d Kafka records stamped in [%s, %s) of %s, reading %,d up to the"
                        + " topics' end; temporary checkpoint, the stream's is not touched%n",
                range.from(), range.to(), kafka.inSpan(), range.readFrom(), range.readUntil(), config.topics(), kafka.toRead());

        Path checkpoint = Files.createTempDirectory("clickstream-backfill-");
        AnalyticsConfig run = config.toBuilder().checkpointDir(checkpoint.toAbsolutePath().toString()).queries(QUERIES).build();
        AtomicLong read = new AtomicLong();
        SparkSession spark = SparkSessions.create(run);
        StreamingQueryListener counter = new RecordsRead(read);
        spark.streams().addListener(counter);
        AnalyticsJob job = null;
        // Ctrl-C: stop the queries and remove the temporary checkpoint all the same.
        AtomicReference<AnalyticsJob> toStop = new AtomicReference<>();
        Thread cleanup = new Thread(() -> {
            if (toStop.get() != null) {
                toStop.get().close();
            }
            deleteRecursively(checkpoint);
        }, "backfill-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            job = AnalyticsJob.start(run);
            toStop.set(job);
            BackfillFilter filter = job.backfill().orElseThrow();
            AnalyticsJob running = job;
            Thread reporter = new Thread(() -> report(running, filter, read, kafka.toRead(), started, progress), "backfill-progress");
            reporter.setDaemon(true);
            reporter.start();
            job.await();
            reporter.interrupt();
            return new Summary(range, filter.written(), read.get(), hoursWithin(range), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            if (job != null) {
                job.close();
            }
            spark.streams().removeListener(counter);
            deleteRecursively(checkpoint);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it finds the work done.
            }
        }
    }

    /** The summary people read at the end. */
    static String describe(Summary s) {
        Map<BackfillFilter.Kind, Integer> w = s.written();
        String hours = s.hoursRewritten().isEmpty() ? "none (no whole hour inside the range)"
                : s.hoursRewritten().size() == 1 ? s.hoursRewritten().get(0).toString()
                : s.hoursRewritten().get(0) + " … " + s.hoursRewritten().get(s.hoursRewritten().size() - 1)
                        + " (" + s.hoursRewritten().size() + ")";
        return String.format("backfill: done in %d s: [%s, %s) recomputed from %,d Kafka records;%n"
                        + "  written (the stream's ids, overwritten in place): %,d KPI, %,d top-N, %,d alert, %,d funnel and %,d breakdown documents%n"
                        + "  1h windows starting: %s; site-level alerts and rejects not recomputed",
                s.took().toSeconds(), s.range().from(), s.range().to(), s.recordsRead(),
                w.get(BackfillFilter.Kind.KPI), w.get(BackfillFilter.Kind.TOP_N), w.get(BackfillFilter.Kind.ALERT),
                w.get(BackfillFilter.Kind.FUNNEL), w.get(BackfillFilter.Kind.BREAKDOWN), hours);
    }

    /** The starts of the 1 h windows lying entirely within the range (those a backfill rewrites). */
    static List<Instant> hoursWithin(BackfillRange range) {
        Instant first = range.from().truncatedTo(ChronoUnit.HOURS);
        if (first.isBefore(range.from())) {
            first = first.plus(Duration.ofHours(1));
        }
        return Stream.iterate(first, h -> !h.plus(Duration.ofHours(1)).isAfter(range.to()), h -> h.plus(Duration.ofHours(1)))
                .toList();
    }

    private static void checkElasticsearch(AnalyticsConfig config) {
        try (Elasticsearch es = Elasticsearch.connect(config.esUrl())) {
            String health = es.clusterHealth(Duration.ofSeconds(5));
            if ("red".equals(health)) {
                throw new Refused("Elasticsearch at " + config.esUrl() + " is red (or not yellow within 5 s):"
                        + " fix the cluster first (GET /_cluster/health), documents could not be written");
            }
        } catch (EsException e) {
            throw new Refused(e.getMessage() + " Start it (./clickstream up) or pass --es URL (env ES_URL).");
        }
    }

    private static void report(AnalyticsJob job, BackfillFilter filter, AtomicLong read, long toRead, long started,
                               PrintStream out) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PROGRESS_EVERY.toMillis());
                Map<BackfillFilter.Kind, Integer> w = filter.written();
                out.printf("backfill: %,d of ~%,d records in finished micro-batches, %,d KPI and %,d top-N documents written, %d s%n",
                        Math.min(read.get(), toRead), toRead, w.get(BackfillFilter.Kind.KPI),
                        w.get(BackfillFilter.Kind.TOP_N), (System.nanoTime() - started) / 1_000_000_000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the backfill's temporary checkpoint " + dir, e);
        }
    }

    /** Counts the records the one-pass query read (it reads every record of the range once). */
    private static final class RecordsRead extends StreamingQueryListener {
        private final AtomicLong read;

        RecordsRead(AtomicLong read) {
            this.read = read;
        }

        @Override
        public void onQueryStarted(QueryStartedEvent event) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            if (AnalyticsConfig.ONE_PASS.equals(event.progress().name())) {
                read.addAndGet(event.progress().numInputRows());
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
        }
    }

    /** ISO-8601 instants, with a message that shows the form. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2026-12-03T10:00:00Z");
            }
        }
    }
}
