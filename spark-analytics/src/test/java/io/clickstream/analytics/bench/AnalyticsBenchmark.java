package io.clickstream.analytics.bench;

import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.AnalyticsJob;
import io.clickstream.analytics.SparkSessions;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.source.KafkaEventSource;
import io.clickstream.analytics.testing.Browsers;
import io.clickstream.analytics.testing.EsReader;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.Scenario;
import io.clickstream.event.EventJson;
import io.clickstream.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Measures the analytics job on local[2] against a real Kafka and Elasticsearch (not a test; run by
 * bench/analytics/run.sh):
 * <ol>
 *   <li>ceiling: a pass-through query (read Kafka, count) draining a backlog;</li>
 *   <li>sustained throughput: the full job as {@code ./clickstream analytics} runs it (the one-pass
 *       query: KPIs with top-N, rejects, alerts) draining the same backlog at a 1 s trigger — the input
 *       rate it can absorb without falling behind; {@code -Dbench.drains=…,kpis,…} adds a separate
 *       query of {@code --queries} alone;</li>
 *   <li>latency: events of the shop mix produced live at a fixed rate, time from a page view's
 *       producer ack until the hourly KPI documents count it in a search, p50/p99, overall and per
 *       minute of load; and bots injected every {@value #BOT_EVERY_SECONDS} s of that load, time from
 *       the ack of the click that crosses {@code click_burst}'s threshold until the alert is found in
 *       {@code clickstream-alerts}. With a backlog of 0 the live phase starts in a cold JVM.</li>
 * </ol>
 * Prints a Markdown block for docs/benchmarks.md.
 */
public final class AnalyticsBenchmark {

    public static void main(String[] args) throws Exception {
        int backlog = Integer.parseInt(arg(args, 0, "600000"));
        int liveRate = Integer.parseInt(arg(args, 1, "10000"));
        int liveSeconds = Integer.parseInt(arg(args, 2, "60"));
        // The live phase runs what ./clickstream analytics runs unless told otherwise (e.g. kpis: the separate KPI query).
        List<String> liveQueries = List.of(arg(args, 3, AnalyticsConfig.ONE_PASS).split(","));
        Path work = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(work);
        // A fresh stack every run: records left by an earlier run would be drained too.
        LocalStack.purge(work.resolve("stack"));

        try (LocalStack stack = LocalStack.builder().workDir(work.resolve("stack")).partitions(4)
                .kafkaHeap("1g").elasticsearchHeap("1g").startupTimeout(Duration.ofMinutes(3))
                .progress(l -> System.out.println("[stack] " + l)).start()) {
            System.out.printf("producing a backlog of %,d events…%n", backlog);
            long produceStart = System.nanoTime();
            long records = produceBacklog(stack.kafkaBootstrap(), backlog);
            System.out.printf("  produced in %.1f s%n", (System.nanoTime() - produceStart) / 1e9);

            AnalyticsConfig base = AnalyticsConfig.builder()
                    .kafkaBootstrap(stack.kafkaBootstrap()).esUrl(stack.elasticsearchUrl())
                    .master("local[2]")
                    .trigger(Duration.ofSeconds(1))
                    .maxOffsetsPerTrigger(Long.getLong("bench.maxOffsetsPerTrigger", AnalyticsConfig.defaults().maxOffsetsPerTrigger()))
                    .shufflePartitions(Integer.getInteger("bench.shufflePartitions", AnalyticsConfig.defaults().shufflePartitions()))
                    .readTasks(Integer.getInteger("bench.readTasks", AnalyticsConfig.defaults().readTasks()))
                    .warmUpEvents(Integer.getInteger("bench.warmUpEvents", AnalyticsConfig.defaults().warmUpEvents()))
                    .sessions(Boolean.parseBoolean(System.getProperty("bench.sessions", "true")))
                    .breakdowns(Boolean.parseBoolean(System.getProperty("bench.breakdowns", "true")))
                    .addSparkConf(benchSparkConf())
                    .build();

            double ceiling = Double.NaN;
            double sustained = Double.NaN;
            Map<String, Double> alone = new LinkedHashMap<>();
            Map<String, Double> cpu = new LinkedHashMap<>();
            // -Dbench.drains=pass,job,<query>,… runs only those drain phases (profiling one of them).
            List<String> drains = List.of(System.getProperty("bench.drains",
                    "pass,job").split(","));
            if (backlog > 0) {
                if (drains.contains("pass")) {
                    // Twice: the first run also warms the JVM up (JIT), which every later measurement profits from.
                    passThrough(base.toBuilder().checkpointDir(work.resolve("cp-warm-" + System.nanoTime()).toString()).build(), records);
                    ceiling = passThrough(base.toBuilder().checkpointDir(work.resolve("cp-pass-" + System.nanoTime()).toString()).build(), records);
                    cpu.put("pass-through", lastCpuMicrosPerRecord);
                    System.out.printf("pass-through: %,.0f events/s%n", ceiling);
                }
                if (drains.contains("job")) {
                    sustained = fullJob(base.toBuilder().checkpointDir(work.resolve("cp-job-" + System.nanoTime()).toString()).build(), records);
                    cpu.put("job", lastCpuMicrosPerRecord * lastQueries);
                    System.out.printf("full job: %,.0f events/s%n", sustained);
                }
                // -Dbench.drains=…,kpis,rejects,…: a separate query alone on the same backlog (the --queries split).
                for (String query : AnalyticsConfig.SPLIT_QUERIES) {
                    if (!drains.contains(query)) {
                        continue;
                    }
                    double rate = fullJob(base.toBuilder().queries(List.of(query))
                            .checkpointDir(work.resolve("cp-" + query + "-" + System.nanoTime()).toString()).build(), records);
                    alone.put(query, rate);
                    cpu.put(query, lastCpuMicrosPerRecord);
                    System.out.printf("%s alone: %,.0f events/s%n", query, rate);
                }
            }
            // Live seconds 0: no latency phase (e.g. when profiling a drain).
            long[] latency = liveSeconds == 0 ? new long[] {-1, -1, -1, -1, -1, -1, 0} : liveLatency(base.toBuilder().queries(liveQueries)
                    .checkpointDir(work.resolve("cp-live-" + System.nanoTime()).toString()).build(), stack, liveRate, liveSeconds);

            System.out.println();
            System.out.println("| measurement (local[2], 1 s trigger, " + Runtime.getRuntime().availableProcessors() + " cores) | value |");
            System.out.println("| --- | --- |");
            System.out.printf("| backlog | %,d records (%,d distinct events + 10 %% re-sent; 4 partitions × 4 topics) |%n", records, backlog);
            System.out.printf("| pass-through query (read Kafka, count): drain rate | %,.0f events/s |%n", ceiling);
            System.out.printf("| full job (`./clickstream analytics` default: 60s/10s + 1h KPIs with top-N, rejects, user and site alerts): drain rate = sustainable input | %,.0f events/s |%n", sustained);
            System.out.printf("| ratio full job / pass-through | %.2f |%n", sustained / ceiling);
            for (Map.Entry<String, Double> q : alone.entrySet()) {
                System.out.printf("| query `%s` alone: drain rate (ratio to pass-through) | %,.0f events/s (%.2f) |%n",
                        q.getKey(), q.getValue(), q.getValue() / ceiling);
            }
            // CPU per record is the steadier figure on a shared machine, and the only fair one for
            // `rejects`, whose 5 s trigger caps its drain at one micro-batch (max offsets per trigger) per 5 s.
            System.out.printf("| Spark CPU per record (µs): %s | |%n", cpu.entrySet().stream()
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ")));
            System.out.printf("| produce → KPI searchable at %,d events/s for %d s after a 20 s warm-up (queries: %s): p50 / p99 / max | %d ms / %d ms / %d ms |%n",
                    liveRate, liveSeconds, String.join(", ", liveQueries), latency[0], latency[1], latency[2]);
            System.out.printf("| produce → alert searchable, %d injected bots (25 clicks in < 1 s each, one every %d s) during that load: p50 / p99 / max | %d ms / %d ms / %d ms |%n",
                    latency[6], BOT_EVERY_SECONDS, latency[3], latency[4], latency[5]);
        }
        System.exit(0);
    }

    private static String arg(String[] args, int i, String dflt) {
        return args.length > i ? args[i] : dflt;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** A shop mix over the last hour of event time, each event with its visitor's browser context ({@link Browsers}). */
    private static long produceBacklog(String bootstrap, int count) {
        long records = 0;
        Instant start = Instant.now().minus(Duration.ofMinutes(50));
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            int chunk = 50_000;
            for (int done = 0; done < count; done += chunk) {
                for (Scenario.Event e : Scenario.generate(done, "bench-" + done, start.plusSeconds(done / 1000),
                        Math.min(chunk, count - done), Math.max(1, chunk / 1000), 5_000)) {
                    producer.send(new ProducerRecord<>(e.topic(), e.user(), Browsers.from(e.json(), e.user().hashCode())));
                    records++;
                }
            }
            producer.flush();
        }
        return records;
    }

    /** Drain rate of a query that only reads and counts: the framework's ceiling here. */
    private static double passThrough(AnalyticsConfig config, long backlog) throws Exception {
        SparkSession spark = SparkSessions.create(config);
        AtomicLong seen = new AtomicLong();
        StreamingQuery q = KafkaEventSource.read(spark, config).select(lit(1)).writeStream()
                .queryName("pass-through")
                .option("checkpointLocation", config.checkpointDir())
                .trigger(Trigger.ProcessingTime(config.trigger().toMillis()))
                .foreachBatch((batch, id) -> {
                    seen.addAndGet(batch.count());
                })
                .start();
        return drainRate(List.of(q), backlog);
    }

    private static double fullJob(AnalyticsConfig config, long backlog) throws Exception {
        AnalyticsJob job = AnalyticsJob.start(config);
        try {
            // The three queries share the two cores; the job keeps up when all three have drained.
            return drainRate(job.queries(), backlog);
        } finally {
            job.close();
        }
    }

    /**
     * Records per second from the start of the first batch to the end of the batch that completed the
     * backlog ({@code records}, which every query reads), the slowest query deciding.
     */
    /** The JVM's CPU time per record and query of the last drain (set by {@link #drainRate}). */
    private static double lastCpuMicrosPerRecord = Double.NaN;
    /** How many queries the last drain ran. */
    private static int lastQueries = 1;

    private static double drainRate(List<StreamingQuery> queries, long records) throws Exception {
        long cpuStart = processCpuNanos();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = true;
            for (StreamingQuery q : queries) {
                done &= totalRows(q) >= records;
            }
            if (done) {
                break;
            }
            Thread.sleep(500);
        }
        // CPU time of this JVM (Spark; Kafka and Elasticsearch are other processes) per record read by
        // each query: steadier than the drain rate on a machine shared with other work.
        lastCpuMicrosPerRecord = (processCpuNanos() - cpuStart) / 1e3 / records / queries.size();
        lastQueries = queries.size();
        System.out.printf("  CPU: %.1f µs per record and query (%d queries)%n", lastCpuMicrosPerRecord, queries.size());
        double worst = Double.MAX_VALUE;
        for (StreamingQuery q : queries) {
            StreamingQueryProgress[] progress = q.recentProgress();
            long rows = 0;
            Instant first = null;
            Instant last = null;
            for (StreamingQueryProgress p : progress) {
                if (p.numInputRows() == 0) {
                    continue;
                }
                Instant begin = Instant.parse(p.timestamp());
                first = first == null ? begin : first;
                last = begin.plusMillis(p.batchDuration());
                rows += p.numInputRows();
            }
            if (first != null) {
                worst = Math.min(worst, rows / (Duration.between(first, last).toMillis() / 1000.0));
                System.out.printf("  %s: %s%n", q.name(), batchTimes(progress));
            }
            q.stop();
        }
        return worst;
    }

    /** Mean milliseconds per phase of the batches that read data, and their mean size: where a batch's time goes. */
    private static String batchTimes(StreamingQueryProgress[] progress) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        long batches = 0;
        long rows = 0;
        for (StreamingQueryProgress p : progress) {
            if (p.numInputRows() == 0) {
                continue;
            }
            batches++;
            rows += p.numInputRows();
            p.durationMs().forEach((phase, ms) -> sums.merge(phase, ms, Long::sum));
            for (int i = 0; i < p.stateOperators().length; i++) {
                var op = p.stateOperators()[i];
                String name = "state" + i + "." + op.operatorName();
                sums.merge(name + ".updates", op.allUpdatesTimeMs(), Long::sum);
                sums.merge(name + ".removals", op.allRemovalsTimeMs(), Long::sum);
                sums.merge(name + ".commit", op.commitTimeMs(), Long::sum);
            }
        }
        StringBuilder out = new StringBuilder(String.format("%d batches of %,d rows on average; mean ms:", batches,
                batches == 0 ? 0 : rows / batches));
        long n = Math.max(1, batches);
        sums.forEach((phase, ms) -> out.append(' ').append(phase).append('=').append(ms / n));
        return out.toString();
    }

    /** p50 / p90 / p99 / max of the durations of the batches that read data: the tail the latency inherits. */
    private static String durationPercentiles(StreamingQueryProgress[] progress) {
        long[] ms = Arrays.stream(progress).filter(p -> p.numInputRows() > 0).mapToLong(StreamingQueryProgress::batchDuration)
                .sorted().toArray();
        if (ms.length == 0) {
            return "none";
        }
        return String.format("p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d batches)", ms[ms.length / 2],
                ms[(int) (ms.length * 0.9)], ms[Math.min(ms.length - 1, (int) (ms.length * 0.99))], ms[ms.length - 1], ms.length);
    }

    /** {@code -Dbench.sparkConf=k=v;k=v}: Spark properties for an A/B run without a code change. */
    private static Map<String, String> benchSparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String pair : System.getProperty("bench.sparkConf", "").split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                conf.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        if (!conf.isEmpty()) {
            System.out.println("extra Spark properties: " + conf);
        }
        return conf;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long totalRows(StreamingQuery q) {
        return Arrays.stream(q.recentProgress()).mapToLong(StreamingQueryProgress::numInputRows).sum();
    }

    /** Seconds of live load before the measured part: the JIT and the first batches settle. */
    private static final int WARM_UP_SECONDS = 20;

    /**
     * Produces page views stamped "now" at {@code rate}/s and polls the hourly KPI documents: an event
     * is searchable once the sum of {@code page_views} reaches its sequence number. The first
     * {@value #WARM_UP_SECONDS} s of load are not measured.
     */
    private static long[] liveLatency(AnalyticsConfig config, LocalStack stack, int rate, int seconds) throws Exception {
        // Start after the backlog: only live events are measured.
        AnalyticsConfig live = config.toBuilder().startingOffsets("latest").maxOffsetsPerTrigger(0).hourly(true).build();
        try (EsReader es = new EsReader(stack.elasticsearchUrl())) {
            es.deleteAnalyticsIndices();
        }
        AnalyticsJob job = AnalyticsJob.start(live);
        // -Dbench.liveMix=page_views: only page views (one topic): isolates the KPI path from the four-topic read.
        boolean shopMix = !"page_views".equals(System.getProperty("bench.liveMix", "shop"));
        System.out.printf("  live events: %s%n", shopMix
                ? "the shop mix over the four topics (55 % page views, 25 % clicks, 12 % add-to-cart, 8 % purchases), with browser context"
                : "page views only");
        int warmUpEvents = rate * WARM_UP_SECONDS;
        int totalEvents = warmUpEvents + rate * seconds;
        // Indexed by page view: the poller sees page views only.
        int warmUp = pageViewsAmong(warmUpEvents, shopMix);
        int total = pageViewsAmong(totalEvents, shopMix);
        int pageViews = 0;
        // Enough users that none of the live load is a bot by the user rules' defaults (0.5 events/s each).
        int users = Math.max(2000, 2 * rate);
        int bots = 0;
        long[] botAckedAt = new long[seconds / BOT_EVERY_SECONDS + 1];
        long[] botSeenAt = new long[botAckedAt.length];
        long[] ackedAt = new long[total];
        long[] seenAt = new long[total];
        try (KafkaProducer<String, String> producer = producer(stack.kafkaBootstrap());
             EsReader es = new EsReader(stack.elasticsearchUrl())) {
            Thread.sleep(5_000); // the first micro-batch plans and compiles
            Thread poller = new Thread(() -> poll(es, seenAt, total));
            poller.start();
            Thread alertPoller = new Thread(() -> pollAlerts(es, botSeenAt));
            alertPoller.start();
            long t0 = System.nanoTime();
            long cpuAtWarm = 0;
            long compilesAtWarm = 0;
            for (int i = 0; i < totalEvents; i++) {
                if (i >= warmUpEvents && (i - warmUpEvents) % (rate * BOT_EVERY_SECONDS) == rate * BOT_EVERY_SECONDS / 2) {
                    injectBot(producer, bots++, botAckedAt);
                }
                if (i == warmUpEvents) {
                    cpuAtWarm = processCpuNanos();
                    compilesAtWarm = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
                }
                long due = t0 + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                String user = "live-" + (i % users);
                LiveEvent e = liveEvent(i, user, Instant.now().toString(), shopMix, i % users);
                if (e.topic().equals("page_views")) {
                    // Latency is measured on the page views (the poller counts them); the other types
                    // load the same micro-batches.
                    int n = pageViews++;
                    producer.send(new ProducerRecord<>(e.topic(), user, e.json()), (md, ex) -> ackedAt[n] = System.nanoTime());
                } else {
                    producer.send(new ProducerRecord<>(e.topic(), user, e.json()));
                }
            }
            producer.flush();
            // This JVM's CPU (Spark, and the producer and poller of this benchmark) per measured live
            // event: the steadier figure for an A/B run on a shared machine.
            System.out.printf("  live CPU: %.1f µs per event; %d code generator compilations (mean %.0f ms)%n",
                    (processCpuNanos() - cpuAtWarm) / 1e3 / (totalEvents - warmUpEvents),
                    CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - compilesAtWarm,
                    CodegenMetrics.METRIC_COMPILATION_TIME().getSnapshot().getMean());
            poller.join(Duration.ofMinutes(3).toMillis());
            poller.interrupt();
            long alertDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < alertDeadline && java.util.stream.IntStream.range(0, bots).anyMatch(b -> botSeenAt[b] == 0)) {
                Thread.sleep(200);
            }
            alertPoller.interrupt();
            for (StreamingQuery q : job.queries()) {
                System.out.printf("  live %s: %s%n", q.name(), batchTimes(q.recentProgress()));
                System.out.printf("  live %s batch durations: %s%n", q.name(), durationPercentiles(q.recentProgress()));
            }
        } finally {
            job.close();
        }
        // Per minute of load, warm-up included: shows whether the tail comes from the JVM still warming
        // up (JIT) or from the steady state.
        int minute = pageViewsAmong(rate * 60, shopMix);
        for (int from = 0; from < total; from += minute) {
            long[] slice = latencies(ackedAt, seenAt, from, Math.min(total, from + minute));
            System.out.printf("  live minute %d%s: %s%n", from / minute + 1, from < warmUp ? " (includes warm-up)" : "",
                    slice.length == 0 ? "no event searchable" : String.format("p50 %d ms, p99 %d ms, max %d ms",
                            slice[slice.length / 2], slice[Math.min(slice.length - 1, (int) (slice.length * 0.99))],
                            slice[slice.length - 1]));
        }
        long[] sorted = latencies(ackedAt, seenAt, warmUp, total);
        int m = sorted.length;
        if (m < total - warmUp) {
            System.out.printf("  %d of %d live events never became searchable in time%n", total - warmUp - m, total - warmUp);
        }
        long[] alerts = latencies(botAckedAt, botSeenAt, 0, bots);
        int a = alerts.length;
        System.out.printf("  bots: %d injected, %d alerted; produce → alert searchable (ms): %s%n", bots, a,
                Arrays.toString(alerts));
        long[] alertFigures = a == 0 ? new long[] {-1, -1, -1}
                : new long[] {alerts[a / 2], alerts[Math.min(a - 1, (int) (a * 0.99))], alerts[a - 1]};
        return new long[] {sorted[(int) (m * 0.50)], sorted[Math.min(m - 1, (int) (m * 0.99))], sorted[m - 1],
                alertFigures[0], alertFigures[1], alertFigures[2], bots};
    }

    /** The sorted latencies (ms) of the events {@code [from, to)} that became searchable. */
    private static long[] latencies(long[] ackedAt, long[] seenAt, int from, int to) {
        long[] latencies = new long[to - from];
        int m = 0;
        for (int i = from; i < to; i++) {
            if (seenAt[i] > 0 && ackedAt[i] > 0) {
                latencies[m++] = Math.max(0, (seenAt[i] - ackedAt[i]) / 1_000_000);
            }
        }
        long[] sorted = Arrays.copyOf(latencies, m);
        Arrays.sort(sorted);
        return sorted;
    }

    /** A live event: the {@code i}-th of the load, stamped {@code ts}. */
    private record LiveEvent(String topic, String json) {
    }

    /**
     * Page views among every 100 live events of the shop mix, the first ones of each hundred: the
     * producer ({@link #liveEvent}) and the latency bookkeeping ({@link #pageViewsAmong}) must agree.
     */
    private static final int PAGE_VIEWS_PER_100 = 55;

    /** The shop mix by {@code i % 100} (every 100 events: 55 page views, 25 clicks, 12 add-to-carts, 8 purchases). */
    private static LiveEvent liveEvent(int i, String user, String ts, boolean shopMix, int visitor) {
        String id = "live-" + i;
        int roll = shopMix ? i % 100 : 0;
        if (roll < PAGE_VIEWS_PER_100) {
            return live("page_views", Events.pageViewNode(id, ts, user, "/live/" + (i % 50)), visitor);
        } else if (roll < 80) {
            return live("clicks", Events.clickNode(id, ts, user, "#b" + (i % 5)), visitor);
        } else if (roll < 92) {
            return live("add_to_cart", Events.addToCartNode(id, ts, user, "p-" + (i % 20), "12.50", 1 + i % 2), visitor);
        }
        return live("purchases", Events.purchaseNode(id, ts, user, "o-" + id, "37.50", "p-" + (i % 20), "12.50", 3), visitor);
    }

    /** The event with its visitor's browser context, built once as a tree and written once. */
    private static LiveEvent live(String topic, ObjectNode event, int visitor) {
        return new LiveEvent(topic, Browsers.addTo(event, visitor).toString());
    }

    /** How many of the first {@code events} live events are page views. */
    private static int pageViewsAmong(int events, boolean shopMix) {
        if (!shopMix) {
            return events;
        }
        return events / 100 * PAGE_VIEWS_PER_100 + Math.min(events % 100, PAGE_VIEWS_PER_100);
    }

    /** Seconds of measured load between two injected bots. */
    private static final int BOT_EVERY_SECONDS = 30;

    /**
     * A bot: 25 clicks of one new user stamped now, within a few ms (above {@code click_burst}'s default
     * 20 in 10 s). The alert's episode starts at the 21st click: its producer ack starts the clock.
     */
    private static void injectBot(KafkaProducer<String, String> producer, int bot, long[] ackedAt) {
        String user = "bench-bot-" + bot;
        for (int c = 1; c <= 25; c++) {
            String json = Events.click("bot-" + bot + "-" + c, Instant.now().toString(), user, "#buy");
            ProducerRecord<String, String> record = new ProducerRecord<>("clicks", user, json);
            if (c == 21) {
                producer.send(record, (md, ex) -> ackedAt[bot] = System.nanoTime());
            } else {
                producer.send(record);
            }
        }
    }

    /** Polls the alerts index: the time each injected bot's {@code click_burst} became searchable. */
    private static void pollAlerts(EsReader es, long[] seenAt) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                JsonNode r = es.client().search("clickstream-alerts", "{\"size\":1000,\"_source\":[\"entity\"],"
                        + "\"query\":{\"bool\":{\"filter\":[{\"term\":{\"rule\":\"click_burst\"}},"
                        + "{\"prefix\":{\"entity\":\"bench-bot-\"}}]}}}")
                        .orElse(EventJson.mapper().createObjectNode());
                long t = System.nanoTime();
                for (JsonNode hit : io.clickstream.es.Elasticsearch.hits(r)) {
                    int bot = Integer.parseInt(hit.path("_source").path("entity").asText().substring("bench-bot-".length()));
                    if (bot < seenAt.length && seenAt[bot] == 0) {
                        seenAt[bot] = t;
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the index appears with the first alert
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static void poll(EsReader es, long[] seenAt, int total) {
        int seen = 0;
        while (seen < total && !Thread.currentThread().isInterrupted()) {
            try {
                // The hour's KPI document only: breakdown documents (dimension) count page views too.
                JsonNode r = es.client().search("clickstream-kpis", "{\"size\":0,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"granularity\":\"1h\"}},"
                        + "{\"exists\":{\"field\":\"page_views\"}}],\"must_not\":[{\"exists\":{\"field\":\"dimension\"}},"
                        + "{\"exists\":{\"field\":\"step\"}}]}},\"aggs\":{\"pv\":{\"sum\":{\"field\":\"page_views\"}}}}")
                        .orElse(EventJson.mapper().createObjectNode());
                int now = (int) Math.min(total, r.path("aggregations").path("pv").path("value").asDouble());
                long t = System.nanoTime();
                for (int i = seen; i < now; i++) {
                    seenAt[i] = t;
                }
                seen = Math.max(seen, now);
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // index not there yet
            }
        }
    }
}
