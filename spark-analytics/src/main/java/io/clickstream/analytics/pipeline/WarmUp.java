package io.clickstream.analytics.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.kpi.InMemoryPaneStore;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.analytics.source.KafkaEventSource;
import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.Order;
import io.clickstream.event.OrderItem;
import io.clickstream.event.Page;
import io.clickstream.event.Product;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs the one-pass query on synthetic traffic before the job reads Kafka, so that the first real
 * micro-batches run compiled code. A fresh JVM's first batches take 5–8 s (planning, Spark's
 * stateful operator and our per-event code running interpreted until the JIT compiles them) while a
 * warm batch of the same size takes ~0.5 s; at 10k events/s the backlog those cold batches leave
 * kept the dashboard seconds behind for the first ~45 s after a start.
 *
 * <p>The warm-up query is the job's own ({@link OnePassQuery#of}) on a memory stream shaped like the
 * Kafka source, with a temporary checkpoint (deleted afterwards), an in-memory pane store and a sink
 * that only counts: it writes nothing to Elasticsearch or the alert topic and leaves no state. The
 * traffic is the shop mix in a few micro-batches run back to back (page views, clicks, carts,
 * purchases, one bot's click burst), stamped with the current time, each event with a page,
 * a referrer and a browser's user agent as a tracker sends them (the breakdowns' parse and the user
 * agent analyzer warm up too). {@code --warm-up-events 0}
 * turns it off.
 */
public final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    /** Micro-batches the warm-up events are spread over: per-batch code (planning, state commits) warms up too. */
    static final int BATCHES = 6;
    /** The warm-up stops adding batches after this long, whatever is left (a slow machine starts anyway). */
    static final Duration BUDGET = Duration.ofSeconds(40);

    /** What the warm-up did. */
    public record Result(long events, long documents, List<Long> batchMillis, Duration took) {
        public int batches() {
            return batchMillis.size();
        }
    }

    private WarmUp() {
    }

    /** Runs the warm-up of {@code config.warmUpEvents()} events within {@link #BUDGET}; returns what it did. */
    public static Result run(SparkSession spark, AnalyticsConfig config) throws Exception {
        return run(spark, config, BUDGET);
    }

    /** Runs the warm-up of {@code config.warmUpEvents()} events, adding no batch after {@code budget}. */
    static Result run(SparkSession spark, AnalyticsConfig config, Duration budget) throws Exception {
        long started = System.nanoTime();
        Path checkpoint = Files.createTempDirectory("clickstream-warm-up-");
        AtomicLong documents = new AtomicLong();
        DocumentSink counting = docs -> documents.addAndGet(docs.size());
        MemoryStream<Row> records = MemoryStream.apply(Encoders.row(KafkaEventSource.RECORD), spark.sqlContext());
        OnePassQuery query = OnePassQuery.of(records.toDF(), configFor(config, checkpoint), counting, new InMemoryPaneStore());
        List<Long> batchMillis = new ArrayList<>();
        long events = 0;
        try {
            StreamingQuery running = query.start();
            try {
                Traffic traffic = new Traffic(Instant.now());
                int perBatch = Math.max(1, (int) (config.warmUpEvents() / BATCHES));
                while (events < config.warmUpEvents() && elapsed(started).compareTo(budget) < 0) {
                    List<Row> batch = traffic.next((int) Math.min(perBatch, config.warmUpEvents() - events));
                    long batchStarted = System.nanoTime();
                    records.addData(CollectionConverters.asScala(batch).toSeq());
                    running.processAllAvailable();
                    batchMillis.add(elapsed(batchStarted).toMillis());
                    events += batch.size();
                }
            } finally {
                running.stop();
            }
        } finally {
            query.close();
            deleteRecursively(checkpoint);
        }
        Result result = new Result(events, documents.get(), List.copyOf(batchMillis), elapsed(started));
        LOG.info("warm-up: {} synthetic events in {} micro-batches of {} ms took {} ms (--warm-up-events 0 turns it off)",
                result.events(), result.batches(), result.batchMillis(), result.took().toMillis());
        return result;
    }

    /** The job's configuration with the temporary checkpoint and without the alert topic (nothing leaves the warm-up). */
    static AnalyticsConfig configFor(AnalyticsConfig config, Path checkpoint) {
        Map<String, String> conf = config.sparkConf().entrySet().stream()
                .filter(e -> !e.getKey().equals("alert.kafka.topic") && !e.getKey().equals("alert.checkpoint"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        // Batches back to back: the warm-up waits for each, and the trigger's pause would only add to the start.
        return config.toBuilder().checkpointDir(checkpoint.toString()).sparkConf(conf).startingOffsets("earliest")
                .trigger(Duration.ZERO).backfill(null).build();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the warm-up checkpoint " + dir, e);
        }
    }

    /**
     * Synthetic shop traffic as Kafka records: per visitor a page view, every third a click, every
     * tenth an add-to-cart, every twentieth a purchase; each batch also one bot's 25 clicks within
     * a second (the user rules' alert path). No malformed record: the job logs every reject it writes.
     */
    static final class Traffic {

        private final Instant start;
        private long offset;
        private int batch;

        Traffic(Instant start) {
            this.start = start;
        }

        List<Row> next(int size) {
            List<Row> rows = new ArrayList<>(size);
            Instant at = start.plusSeconds(batch);
            int bot = Math.min(25, size / 4);
            for (int i = 0; i < bot; i++) {
                rows.add(record(click("warm-up-bot-" + batch, at.plusMillis(i * 20L))));
            }
            for (int visitor = 0; rows.size() < size; visitor++) {
                String user = "warm-up-" + batch + "-" + visitor;
                Instant ts = at.plusMillis(visitor % 1000);
                rows.add(record(pageView(user, ts)));
                if (visitor % 3 == 0 && rows.size() < size) {
                    rows.add(record(click(user, ts.plusMillis(1))));
                }
                if (visitor % 10 == 0 && rows.size() < size) {
                    rows.add(record(addToCart(user, ts.plusMillis(2))));
                }
                if (visitor % 20 == 0 && rows.size() < size) {
                    rows.add(record(purchase(user, ts.plusMillis(3))));
                }
            }
            batch++;
            return rows;
        }

        private Row record(ClickEvent event) {
            return record(event.type().topic(), EventJson.write(event));
        }

        private Row record(String topic, String json) {
            return RowFactory.create(null, json.getBytes(StandardCharsets.UTF_8), topic, 0, offset++,
                    Timestamp.from(Instant.now()), 0);
        }

        private static final List<String> USER_AGENTS = List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0");

        private static ClickEvent pageView(String user, Instant ts) {
            return event(EventType.PAGE_VIEW, user, ts, null, null, null);
        }

        private static ClickEvent click(String user, Instant ts) {
            return event(EventType.CLICK, user, ts, "#add", null, null);
        }

        private static ClickEvent addToCart(String user, Instant ts) {
            return event(EventType.ADD_TO_CART, user, ts, null,
                    new Product("p-" + (user.hashCode() & 7), "shoes", new BigDecimal("19.99"), 1), null);
        }

        private static ClickEvent purchase(String user, Instant ts) {
            return event(EventType.PURCHASE, user, ts, null, null, new Order("o-" + user, new BigDecimal("19.99"),
                    "EUR", List.of(new OrderItem("p-" + (user.hashCode() & 7), new BigDecimal("19.99"), 1))));
        }

        private static ClickEvent event(EventType type, String user, Instant ts, String element, Product product, Order order) {
            int visitor = user.hashCode() & 0x7fffffff;
            String path = "/p/" + (visitor & 15);
            Page page = new Page("https://shop.example" + path + (visitor % 5 == 0 ? "?utm_source=newsletter&utm_medium=email" : ""),
                    path, visitor % 3 == 0 ? "https://www.google.com/" : null, "Product");
            ObjectNode context = EventJson.mapper().createObjectNode().put("user_agent", USER_AGENTS.get(visitor % USER_AGENTS.size()));
            return new ClickEvent(UUID.randomUUID().toString(), type, ts, null, user, null, "s-" + user, page, element,
                    product, order, context, null, null, null, null);
        }
    }
}
