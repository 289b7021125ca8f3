package io.clickstream.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.AnalyticsJob;
import io.clickstream.analytics.Backfill;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.config.BackfillRange;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.analytics.testing.EsReader;
import io.clickstream.analytics.testing.EventProducer;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.JobProcess;
import io.clickstream.analytics.testing.KpiAssertions;
import io.clickstream.analytics.testing.KpiOracle;
import io.clickstream.analytics.testing.Scenario;
import io.clickstream.analytics.testing.SharedStack;
import io.clickstream.es.EsDocument;
import io.clickstream.event.Topics;
import io.clickstream.stack.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/**
 * Backfill = streaming, document for document. A deterministic event set (75 minutes of shop traffic
 * around a one-hour range, with producer retries, purchases of several items, resends across
 * micro-batches and three click bursts: one before the range, one inside, one across its start) goes
 * through the streaming job until every document is final. Then documents of the range are deleted
 * or tampered with, and so are two outside it; {@code ./clickstream backfill} (its main class in a
 * child JVM, exactly as the launcher runs it) over the range must restore every document of the range
 * exactly as the stream wrote it (same ids, same fields; {@code updated_at} aside), write nothing else,
 * leave the documents outside the range as they are (tampered ones included) and the stream's
 * checkpoint untouched. One page view of the range reaches Kafka after the stream's watermark passed
 * it: the stream drops it, the backfill counts it, and only the windows containing it differ.
 */
class BackfillIT {

    private static final Duration LAG = Duration.ofMillis(400);

    @Test
    void backfillRewritesTheRangeExactlyAsTheStreamWroteIt() throws Exception {
        SharedStack.reset();
        LocalStack stack = SharedStack.get();
        Path streamCheckpoint = Files.createTempDirectory(Path.of("target"), "it-backfill-stream-");
        // The stream as users run it: the default one-pass query (the backfill runs the same query).
        AnalyticsConfig config = ItConfigs.forStack(stack, streamCheckpoint).toBuilder().topN(3).build();
        // An hour-aligned range at least an hour old: the backfill refuses ranges the stream may still write.
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        Instant to = from.plus(Duration.ofHours(1));

        List<Scenario.Event> events = new ArrayList<>(
                Scenario.generate(31, "bf", from.minus(Duration.ofMinutes(10)), 3000, 75 * 60, 40));
        events.addAll(burst("bot-before", from.minus(Duration.ofMinutes(6)), 30, 100));
        events.addAll(burst("bot-inside", from.plus(Duration.ofMinutes(20)), 30, 100));
        events.addAll(burst("bot-across", from.minusSeconds(20), 120, 333));
        events.sort(Comparator.comparing(Scenario.Event::ts));
        Map<String, JsonNode> expectedKpis = KpiOracle.expected(events, config.windowSize(), config.windowSlide(),
                config.slidingGranularity(), config.topN());
        // Sent after everything else: far behind the stream's watermark.
        Instant lateTs = from.plus(Duration.ofMinutes(30)).plusMillis(1234);
        String lateUser = events.get(events.size() / 2).user();
        Scenario.Event late = new Scenario.Event("bf-late", "page_view", lateTs, lateUser, "/zz-late", null, null, List.of(),
                Events.pageView("bf-late", lateTs.toString(), lateUser, "/zz-late"));
        List<Scenario.Event> withLate = new ArrayList<>(events);
        withLate.add(late);
        Map<String, JsonNode> expectedWithLate = KpiOracle.expected(withLate, config.windowSize(), config.windowSlide(),
                config.slidingGranularity(), config.topN());

        try (EventProducer producer = new EventProducer(stack.kafkaBootstrap());
             EsReader es = new EsReader(stack.elasticsearchUrl())) {
            // 1. The stream, fed in six parts as time goes by; each part re-sends the end of the previous one.
            AnalyticsJob job = AnalyticsJob.start(config);
            try {
                int parts = 6;
                List<Scenario.Event> previous = List.of();
                for (int i = 0; i < parts; i++) {
                    List<Scenario.Event> part = events.subList(i * events.size() / parts, (i + 1) * events.size() / parts);
                    Instant resentAt = part.get(0).ts().plus(LAG);
                    producer.sendStamped(previous.subList(Math.max(0, previous.size() - 40), previous.size()), e -> resentAt);
                    producer.sendStamped(part, e -> e.ts().plus(LAG));
                    for (StreamingQuery q : job.queries()) {
                        q.processAllAvailable();
                    }
                    previous = part;
                }
                producer.sendStamped(List.of(late), e -> e.ts().plus(LAG));
                for (StreamingQuery q : job.queries()) {
                    q.processAllAvailable();
                }
            } finally {
                job.close();
            }
            Map<String, JsonNode> streamKpis = es.all(Indices.KPIS_ALIAS);
            KpiAssertions.assertMatches(streamKpis, expectedKpis, config.approxRsd()); // the late page view is not counted
            Map<String, JsonNode> streamAlerts = es.all(Indices.ALERTS_ALIAS);
            assertThat(streamAlerts.values()).extracting(a -> a.get("entity").asText())
                    .containsExactlyInAnyOrder("bot-before", "bot-inside", "bot-across");

            // 2. Damage: delete or tamper with every other document of the range, and one outside on each side.
            BackfillRange range = new BackfillRange(from, to, Duration.ofMinutes(2));
            Map<String, JsonNode> stream = new TreeMap<>(streamKpis);
            stream.putAll(streamAlerts);
            List<String> inRange = stream.entrySet().stream().filter(e -> inRange(range, e.getKey(), e.getValue()))
                    .map(Map.Entry::getKey).toList();
            String alertInside = alertOf(streamAlerts, "bot-inside");
            String alertAcross = alertOf(streamAlerts, "bot-across");
            assertThat(inRange).contains(alertInside, "kpi|1h|" + from.toEpochMilli()).doesNotContain(alertAcross,
                    "kpi|1h|" + from.minus(Duration.ofHours(1)).toEpochMilli(), "kpi|1h|" + to.toEpochMilli());
            List<String> deleted = new ArrayList<>();
            List<EsDocument> tampered = new ArrayList<>();
            for (int i = 0; i < inRange.size(); i++) {
                String id = inRange.get(i);
                if (i % 2 == 0 || id.equals(alertInside) || id.startsWith("kpi|1h|")) {
                    deleted.add(id);
                } else {
                    tampered.add(tamper(id, stream.get(id)));
                }
            }
            String crossingFrom = "kpi|" + config.slidingGranularity() + "|" + from.minusSeconds(10).toEpochMilli();
            String startingAtTo = "kpi|" + config.slidingGranularity() + "|" + to.toEpochMilli();
            assertThat(stream).containsKeys(crossingFrom, startingAtTo);
            EsDocument tamperedOutside = tamper(crossingFrom, stream.get(crossingFrom));
            EsDocument tamperedAlertOutside = tamper(alertAcross, stream.get(alertAcross));
            tampered.add(tamperedOutside);
            tampered.add(tamperedAlertOutside);
            deleted.add(startingAtTo);
            es.client().bulkIndex(tampered, true);
            delete(stack.elasticsearchUrl(), deleted);
            assertThat(es.all(Indices.KPIS_ALIAS)).doesNotContainKeys(deleted.toArray(String[]::new));

            // 3. The backfill, as ./clickstream backfill runs it.
            List<String> checkpointBefore = listing(streamCheckpoint);
            String name = "backfill-" + System.currentTimeMillis();
            int status;
            try (JobProcess backfill = JobProcess.start(name, JobProcess.jobClasspath(), "io.clickstream.analytics.Backfill",
                    List.of(), "--from", from.toString(), "--to", to.toString(), "--kafka", stack.kafkaBootstrap(),
                    "--es", stack.elasticsearchUrl(), "--master", "local[2]", "--top-n", "3", "--shuffle-partitions", "2")) {
                status = backfill.waitFor(Duration.ofMinutes(6));
            }
            String output = Files.readString(Path.of("target", "it-logs", name + ".out"));
            assertThat(status).as("exit status; output:%n%s", output).isZero();

            // 4. Every document of the range is back as the stream wrote it; nothing else changed; the
            //    KPI and breakdown documents of the windows holding the late page view count it (and only those).
            Map<String, JsonNode> expected = new TreeMap<>(stream);
            expected.remove(startingAtTo);
            expected.put(crossingFrom, json(tamperedOutside));
            expected.put(alertAcross, json(tamperedAlertOutside));
            Map<String, JsonNode> after = new TreeMap<>(es.all(Indices.KPIS_ALIAS));
            after.putAll(es.all(Indices.ALERTS_ALIAS));
            assertThat(after.keySet()).as("same ids, no extra documents").containsExactlyElementsOf(expected.keySet());
            Map<String, JsonNode> holdingLate = new TreeMap<>();
            Map<String, JsonNode> holdingLateExpected = new TreeMap<>();
            // Session figures: the backfill counts the events its read holds, so a session crossing the
            // read's edges differs from the stream's; the rewritten documents' other fields must match.
            Set<String> rewritten = new HashSet<>(inRange);
            expected.forEach((id, doc) -> {
                if ((id.startsWith("kpi|") || id.startsWith("breakdown|")) && contains(doc, lateTs)) {
                    holdingLate.put(id, withoutSessions(after.get(id)));
                    holdingLateExpected.put(id, withoutSessions(expectedWithLate.get(id)));
                } else if (rewritten.contains(id) && id.startsWith("kpi|")) {
                    assertThat(withoutSessions(after.get(id))).as(id).isEqualTo(withoutSessions(doc));
                    assertThat(after.get(id).has("sessions")).as(id + " has its session fields").isTrue();
                } else if (rewritten.contains(id) && id.startsWith("funnel|")) {
                    assertThat(after.get(id).get("step_name")).as(id).isEqualTo(doc.get("step_name"));
                    assertThat(after.get(id).get("sessions").asLong()).as(id + " not the tampered value").isLessThan(999);
                } else {
                    assertThat(after.get(id)).as(id).isEqualTo(doc);
                }
            });
            assertThat(holdingLate.keySet().stream().filter(id -> id.startsWith("kpi|")))
                    .as("the six sliding windows and the hour holding the late page view").hasSize(7);
            KpiAssertions.assertMatches(holdingLate, holdingLateExpected, config.approxRsd());
            holdingLate.forEach((id, doc) -> {
                if (id.startsWith("kpi|")) {
                    assertThat(doc.get("page_views").asLong()).as(id).isEqualTo(stream.get(id).get("page_views").asLong() + 1);
                }
            });
            assertThat(listing(streamCheckpoint)).as("the stream's checkpoint").isEqualTo(checkpointBefore);

            long kpis = inRange.stream().filter(id -> id.startsWith("kpi|")).count();
            long tops = inRange.stream().filter(id -> id.startsWith("top|")).count();
            long funnels = inRange.stream().filter(id -> id.startsWith("funnel|")).count();
            long breakdowns = inRange.stream().filter(id -> id.startsWith("breakdown|")).count();
            assertThat(output).contains(String.format("%,d KPI, %,d top-N, %,d alert, %,d funnel and %,d breakdown documents",
                            kpis, tops, 1, funnels, breakdowns))
                    .contains("1h windows starting: " + from);
        }
    }

    @Test
    void refusesWhatKafkaCannotRecomputeAndSaysWhy() throws Exception {
        SharedStack.reset();
        LocalStack stack = SharedStack.get();
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        Instant to = from.plus(Duration.ofHours(1));
        AnalyticsConfig config = ItConfigs.forStack(stack, Files.createTempDirectory(Path.of("target"), "it-backfill-refusals-"))
                .toBuilder().backfill(new BackfillRange(from, to, Duration.ofMinutes(2))).build();
        PrintStream out = new PrintStream(new ByteArrayOutputStream());

        assertThatThrownBy(() -> Backfill.run(config, Clock.systemUTC(), out)).as("empty topics")
                .isInstanceOf(Backfill.Refused.class).hasMessageContaining("no events in Kafka stamped between "
                        + from.minus(Duration.ofMinutes(2)) + " and " + to.plus(Duration.ofMinutes(2)));

        // Records of the first half hour of the range, the older half of them deleted (as retention would).
        List<Scenario.Event> events = Scenario.generate(41, "bf-ret", from, 600, 30 * 60, 20);
        try (EventProducer producer = new EventProducer(stack.kafkaBootstrap())) {
            producer.sendStamped(events, e -> e.ts().plus(LAG));
        }
        Instant keptFrom = from.plus(Duration.ofMinutes(15));
        deleteRecordsBefore(stack.kafkaBootstrap(), keptFrom);
        assertThatThrownBy(() -> Backfill.run(config, Clock.systemUTC(), out)).as("truncated")
                .isInstanceOf(Backfill.Refused.class).hasMessageContaining("Kafka no longer holds the whole range")
                .hasMessageContaining("Recompute from --from " + keptFrom.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10))
                .hasMessageContaining("earlier windows cannot be recomputed from Kafka");

        AnalyticsConfig noKafka = config.toBuilder().kafkaBootstrap("127.0.0.1:1").build();
        assertThatThrownBy(() -> Backfill.run(noKafka, Clock.systemUTC(), out)).as("Kafka down")
                .hasMessageContaining("Kafka at 127.0.0.1:1 did not answer").hasMessageContaining("--kafka");
    }

    /** Deletes, on every event partition, the records stamped before {@code before}. */
    private static void deleteRecordsBefore(String bootstrap, Instant before) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> at = new HashMap<>();
            for (var d : admin.describeTopics(Topics.EVENT_TOPICS).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(p -> at.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.forTimestamp(before.toEpochMilli())));
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(at).all().get(30, TimeUnit.SECONDS).forEach((p, o) -> {
                if (o.offset() > 0) {
                    delete.put(p, RecordsToDelete.beforeOffset(o.offset()));
                }
            });
            assertThat(delete).as("partitions with records before " + before).isNotEmpty();
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** {@code clicks} clicks of one user, {@code everyMillis} apart, from {@code start}. */
    private static List<Scenario.Event> burst(String user, Instant start, int clicks, long everyMillis) {
        List<Scenario.Event> burst = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            Instant ts = start.plusMillis(i * everyMillis);
            String id = user + "-" + i;
            burst.add(new Scenario.Event(id, "click", ts, user, null, null, null, List.of(),
                    Events.click(id, ts.toString(), user, "#buy")));
        }
        return burst;
    }

    private static boolean inRange(BackfillRange range, String id, JsonNode doc) {
        if (id.startsWith("alert|")) {
            return range.containsEpisode(Instant.parse(doc.get("first_seen").asText()).toEpochMilli(),
                    Instant.parse(doc.get("window_end").asText()).toEpochMilli(), Duration.ofSeconds(30));
        }
        return range.containsWindow(Instant.parse(doc.get("window_start").asText()).toEpochMilli(),
                Instant.parse(doc.get("window_end").asText()).toEpochMilli());
    }

    private static boolean contains(JsonNode window, Instant ts) {
        return !Instant.parse(window.get("window_start").asText()).isAfter(ts) && Instant.parse(window.get("window_end").asText()).isAfter(ts);
    }

    private static String alertOf(Map<String, JsonNode> alerts, String entity) {
        return alerts.entrySet().stream().filter(e -> e.getValue().get("entity").asText().equals(entity))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** The document with one number changed, as a write to its concrete index. */
    private static final List<String> SESSION_FIELDS = List.of("sessions", "bounced_sessions", "bounce_rate",
            "avg_session_duration_s", "pages_per_session", "open_sessions");

    private static JsonNode withoutSessions(JsonNode doc) {
        return ((ObjectNode) doc.deepCopy()).remove(SESSION_FIELDS);
    }

    private static EsDocument tamper(String id, JsonNode doc) {
        ObjectNode copy = doc.deepCopy();
        String field = id.startsWith("alert|") ? "observed" : id.startsWith("top|") ? "count"
                : id.startsWith("funnel|") ? "sessions" : "page_views";
        copy.put(field, copy.get(field).asDouble() + 999);
        if (!id.startsWith("alert|")) {
            copy.put(field, copy.get(field).asLong());
        }
        return new EsDocument(id.startsWith("alert|") ? Indices.ALERTS : Indices.KPIS, id, copy.toString());
    }

    private static JsonNode json(EsDocument doc) throws Exception {
        return io.clickstream.event.EventJson.mapper().readTree(doc.json());
    }

    /** Deletes documents by id with one {@code _bulk} (the project's client writes, it does not delete). */
    private static void delete(String esUrl, List<String> ids) throws Exception {
        StringBuilder body = new StringBuilder();
        for (String id : ids) {
            String index = id.startsWith("alert|") ? Indices.ALERTS : Indices.KPIS;
            body.append("{\"delete\":{\"_index\":\"").append(index).append("\",\"_id\":")
                    .append(io.clickstream.event.EventJson.mapper().writeValueAsString(id)).append("}}\n");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(esUrl + "/_bulk?refresh=true"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(io.clickstream.event.EventJson.mapper().readTree(response.body()).get("errors").asBoolean())
                .as(response.body()).isFalse();
    }

    /** Every file under the directory with its size. */
    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p) + " " + p.toFile().length()).sorted().toList();
        }
    }
}
