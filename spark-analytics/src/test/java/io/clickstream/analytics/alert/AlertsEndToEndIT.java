package io.clickstream.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.parse.EventParser;
import io.clickstream.analytics.sink.BulkUpserter;
import io.clickstream.analytics.sink.IndexTemplates;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.analytics.source.KafkaEventSource;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.SharedStack;
import io.clickstream.analytics.testing.TestSpark;
import io.clickstream.es.Elasticsearch;
import io.clickstream.event.EventJson;
import io.clickstream.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/**
 * The acceptance check on real Kafka and Elasticsearch: a burst produced by hand with
 * {@code kcat} yields exactly one {@code click_burst} document for that user and none for others.
 * (Without kcat on the PATH, as on a fresh CI machine, the same records go through a Kafka producer.)
 * The path is the job's: Kafka source → {@code EventParser} → alert queries → {@code BulkUpserter}.
 */
class AlertsEndToEndIT {

    @Test
    void aBurstProducedWithKcatYieldsExactlyOneClickBurstDocument() throws Exception {
        Path work = Path.of("target", "alerts-e2e-" + System.nanoTime()).toAbsolutePath();
        LocalStack stack = SharedStack.get(); // one Kafka + Elasticsearch for all ITs of the module
        SharedStack.reset();
        AnalyticsConfig job = AnalyticsConfig.builder()
                .kafkaBootstrap(stack.kafkaBootstrap()).esUrl(stack.elasticsearchUrl())
                .checkpointDir(work.resolve("checkpoints").toString())
                .build();
        // A topic of this run only: the shared broker outlives a single test.
        String topic = "alerts-e2e-" + System.nanoTime();
        AlertConfig config = AlertConfig.fromProperties(java.util.Map.of(
                "alert.trigger", "1s",
                "alert.checkpoint", job.checkpointDir(),
                "alert.kafka.topic", topic,
                "alert.kafka.bootstrap", stack.kafkaBootstrap()));
        try (BulkUpserter sink = new BulkUpserter(Elasticsearch.connect(job.esUrl()), 1000, 5L << 20,
                Duration.ofSeconds(30))) {
            IndexTemplates.install(sink.client(), "clickstream-alerts",
                    IndexTemplates.resource("/elasticsearch/clickstream-alerts.template.json"), Indices.ALERTS);
            SparkSession spark = TestSpark.session();
            Dataset<Row> events = EventParser.parse(KafkaEventSource.read(spark, job));
            List<StreamingQuery> queries = AlertQueries.start(spark, events, config, sink);
            try {
                // Humans: a few clicks and page views each, seconds apart; the bot: 30 clicks in 6 s.
                Instant t0 = Instant.now().minusSeconds(120);
                List<String> clicks = new ArrayList<>();
                List<String> pageViews = new ArrayList<>();
                int id = 0;
                for (int u = 0; u < 5; u++) {
                    for (int k = 0; k < 8; k++) {
                        Instant ts = t0.plusSeconds(2L * k + u);
                        clicks.add("human-" + u + "\t" + Events.click(Events.id(id++), ts.toString(), "human-" + u, "#b"));
                        pageViews.add("human-" + u + "\t" + Events.pageView(Events.id(id++), ts.toString(), "human-" + u, "/p"));
                    }
                }
                for (int k = 0; k < 30; k++) {
                    Instant ts = t0.plusSeconds(5).plusMillis(200L * k);
                    clicks.add("kcat-bot\t" + Events.click(Events.id(id++), ts.toString(), "kcat-bot", "#buy"));
                }
                // In time order, clicks first: the user query's watermark (10 s) must not make
                // any of them late because another batch already saw newer events.
                clicks.sort(java.util.Comparator.comparing(AlertsEndToEndIT::tsOf));
                kcat(stack.kafkaBootstrap(), "clicks", clicks, work);
                kcat(stack.kafkaBootstrap(), "page_views", pageViews, work);

                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> search(sink, "click_burst").path("hits").path("total").path("value").asInt() > 0);
                // Nothing else may show up: wait until both alert queries have processed every record
                // produced above (an alert is written by the batch that reads its events).
                Map<TopicPartition, Long> produced = endOffsets(stack.kafkaBootstrap(), List.of("clicks", "page_views"));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> queries.stream().allMatch(q -> processedPast(q, produced)));
                JsonNode hits = search(sink, null).path("hits");
                assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
                JsonNode doc = hits.path("hits").get(0);
                assertThat(doc.path("_index").asText()).isEqualTo("clickstream-alerts-v1");
                assertThat(doc.path("_id").asText()).isEqualTo(
                        "alert|click_burst|kcat-bot|" + t0.plusSeconds(5).plusMillis(200L * 20).toEpochMilli());
                JsonNode source = doc.path("_source");
                assertThat(source.path("rule").asText()).isEqualTo("click_burst");
                assertThat(source.path("entity").asText()).isEqualTo("kcat-bot");
                assertThat(source.path("observed").asDouble()).isEqualTo(30.0);
                assertThat(source.path("threshold").asDouble()).isEqualTo(20.0);
                assertThat(source.path("severity").asText()).isEqualTo("warning");
                assertThat(source.path("sample_event_ids")).hasSize(5);

                // The same alert went to the alert topic for notifiers, keyed by its id.
                List<String> published = kcatConsume(stack.kafkaBootstrap(), topic, work);
                assertThat(published).isNotEmpty().allSatisfy(line -> assertThat(line)
                        .startsWith(doc.path("_id").asText() + "\t{\"id\":\"" + doc.path("_id").asText() + "\""));
            } finally {
                for (StreamingQuery q : queries) {
                    q.stop();
                }
            }
        }
    }

    private static Instant tsOf(String line) {
        try {
            return Instant.parse(EventJson.mapper().readTree(line.substring(line.indexOf('\t') + 1)).path("ts").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Whether to use the {@code kcat} command-line client: when it is installed (CI machines may not
     * have it) and not turned off with {@code -Dalerts.it.no-kcat=true} (to exercise the fallback).
     */
    private static final boolean KCAT = !Boolean.getBoolean("alerts.it.no-kcat")
            && java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kcat")));

    /**
     * Produces {@code key<TAB>value} lines with the kcat command-line client, as an operator would;
     * where kcat is not installed, with a plain Kafka producer (same records, same topic).
     */
    private static void kcat(String bootstrap, String topic, List<String> lines, Path work) throws Exception {
        if (!KCAT) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (String line : lines) {
                    int tab = line.indexOf('\t');
                    producer.send(new ProducerRecord<>(topic, line.substring(0, tab), line.substring(tab + 1))).get();
                }
            }
            return;
        }
        Path input = Files.createTempFile(Files.createDirectories(work), topic, ".txt");
        Files.writeString(input, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("kcat", "-P", "-b", bootstrap, "-t", topic, "-K", "\t", "-l", input.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("kcat-" + topic + ".log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kcat finished").isTrue();
        assertThat(p.exitValue()).as("kcat exit code, see " + work.resolve("kcat-" + topic + ".log")).isZero();
    }

    /** The end offset of every partition of {@code topics}. */
    private static Map<TopicPartition, Long> endOffsets(String bootstrap, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /**
     * Whether {@code query} has completed a micro-batch whose Kafka end offsets reach {@code offsets}
     * (its progress reports them as {@code {"topic":{"partition":offset,…},…}}).
     */
    private static boolean processedPast(StreamingQuery query, Map<TopicPartition, Long> offsets) {
        if (query.exception().isDefined()) {
            throw new IllegalStateException("query " + query.name() + " failed", query.exception().get());
        }
        for (var progress : query.recentProgress()) {
            for (var source : progress.sources()) {
                if (source.endOffset() == null) {
                    continue;
                }
                JsonNode end;
                try {
                    end = EventJson.readTree(source.endOffset());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("unreadable end offsets " + source.endOffset(), e);
                }
                if (offsets.entrySet().stream().allMatch(e -> end.path(e.getKey().topic())
                        .path(String.valueOf(e.getKey().partition())).asLong(-1) >= e.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Everything on {@code topic} as {@code key<TAB>value} lines (kcat, or a plain consumer without it). */
    private static List<String> kcatConsume(String bootstrap, String topic, Path work) throws Exception {
        if (!KCAT) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            List<String> out = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.key() + "\t" + r.value()));
                }
            }
            return out;
        }
        Path out = work.resolve("kcat-consume-" + topic + ".txt");
        Process p = new ProcessBuilder("kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q",
                "-f", "%k\\t%s\\n").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kcat consumer finished").isTrue();
        return Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
    }

    private static JsonNode search(BulkUpserter sink, String rule) throws Exception {
        sink.client().refresh(Alert.INDEX_ALIAS);
        return sink.client().search(Alert.INDEX_ALIAS, rule == null ? "{\"query\":{\"match_all\":{}}}"
                : "{\"query\":{\"term\":{\"rule\":\"" + rule + "\"}}}").orElseThrow();
    }
}
