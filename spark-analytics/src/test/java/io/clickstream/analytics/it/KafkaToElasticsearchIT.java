package io.clickstream.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.AnalyticsJob;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.analytics.testing.EsReader;
import io.clickstream.analytics.testing.EventProducer;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.KpiAssertions;
import io.clickstream.analytics.testing.KpiOracle;
import io.clickstream.analytics.testing.Scenario;
import io.clickstream.analytics.testing.SharedStack;
import io.clickstream.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Real Kafka → the job (in this JVM, local[2]) → real Elasticsearch: a known event set becomes
 * exactly the KPI and ranking documents the oracle computes, bad records become reject documents,
 * and a graceful stop in the middle of the stream followed by a restart from the checkpoint neither
 * loses nor double-counts anything.
 */
class KafkaToElasticsearchIT {

    private static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void knownEventsBecomeExactKpiDocumentsAcrossAGracefulRestart() throws Exception {
        SharedStack.reset();
        LocalStack stack = SharedStack.get();
        AnalyticsConfig config = ItConfigs.forStack(stack, Files.createTempDirectory(Path.of("target"), "it-graceful-"));

        List<Scenario.Event> first = Scenario.generate(11, "graceful-a", START, 1500, 180, 30);
        // The second part starts after the first one's watermark and re-sends some of its events.
        List<Scenario.Event> second = new ArrayList<>(Scenario.generate(12, "graceful-b", START.plusSeconds(125), 800, 120, 30));
        second.addAll(first.subList(first.size() - 40, first.size()));
        List<Scenario.Event> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, JsonNode> expected = KpiOracle.expected(all, config.windowSize(), config.windowSlide(),
                config.slidingGranularity(), config.topN());

        List<String> rejectIds = new ArrayList<>();
        try (EventProducer producer = new EventProducer(stack.kafkaBootstrap());
             EsReader es = new EsReader(stack.elasticsearchUrl())) {
            producer.send(first);
            rejectIds.add(id(producer.sendRaw("page_views", "u-1", "{\"event_id\": oops")));
            rejectIds.add(id(producer.sendRaw("clicks", "u-1", Events.pageView("bad-1", START.toString(), "u-1", "/"))));
            rejectIds.add(id(producer.sendRaw("add_to_cart", "u-1",
                    Events.addToCart("bad-2", START.toString(), "u-1", "p-1", "-3.00", 1))));

            AnalyticsJob job = AnalyticsJob.start(config);
            try {
                // Stop as soon as the first documents are visible: the stream is still being read.
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> !es.all(Indices.KPIS_ALIAS).isEmpty());
            } finally {
                job.close();
            }
            assertThat(es.all(Indices.KPIS_ALIAS)).as("stopped mid-stream").hasSizeLessThan(expected.size());

            producer.send(second);
            job = AnalyticsJob.start(config);
            try {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> KpiAssertions.assertMatches(es.all(Indices.KPIS_ALIAS), expected, config.approxRsd()));
                assertThat(es.count(Indices.KPIS_ALIAS)).as("no duplicate documents").isEqualTo(expected.size());

                await().atMost(Duration.ofMinutes(1)).until(() -> es.all(Indices.REJECTS_ALIAS).size() == 3);
                Map<String, JsonNode> rejects = es.all(Indices.REJECTS_ALIAS);
                assertThat(rejects.keySet()).containsExactlyInAnyOrderElementsOf(rejectIds);
                assertThat(rejects.get(rejectIds.get(0)).get("reason").asText()).contains("not valid JSON");
                assertThat(rejects.get(rejectIds.get(1)).get("reason").asText()).contains("does not belong on this topic");
                assertThat(rejects.get(rejectIds.get(2)).get("reason").asText()).contains("product.price: must be >= 0");
            } finally {
                job.close();
            }
        }
    }

    private static String id(RecordMetadata m) {
        return m.topic() + "|" + m.partition() + "|" + m.offset();
    }
}
