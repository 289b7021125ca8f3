package io.clickstream.stack;

import io.clickstream.event.Topics;
import io.clickstream.stack.elasticsearch.ElasticsearchNode;
import io.clickstream.stack.kafka.KafkaAdmin;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One broker + Elasticsearch on free ports: every topic round-trips, Elasticsearch is healthy, a restart
 * of either keeps its data, close() stops every process.
 */
class LocalStackIT {

    @Test
    void kafkaAndElasticsearchRoundTrip() throws Exception {
        Path workDir = Path.of("target", "it", "single-" + System.nanoTime());
        List<Long> pids;
        try (LocalStack stack = LocalStack.builder().workDir(workDir)
                .progress(line -> System.out.println(Instant.now() + " LocalStackIT: " + line)).start()) {
            assertThat(stack.kafkaBootstrap()).startsWith("127.0.0.1:").doesNotContain(":9092");
            assertThat(stack.elasticsearchUrl()).startsWith("http://127.0.0.1:").doesNotEndWith(":9200");

            for (String topic : Topics.ALL) {
                String value = "{\"event_id\":\"" + topic + "-probe\"}";
                KafkaRoundTrip.produce(stack.kafkaBootstrap(), topic, "user-1", value);
                assertThat(KafkaRoundTrip.consume(stack.kafkaBootstrap(), topic, 1)).containsExactly(value);
            }
            KafkaAdmin.Description description = new KafkaAdmin(stack.config().workDir())
                    .describe(stack.kafkaBootstrap(), Duration.ofSeconds(10));
            assertThat(description.brokers()).isEqualTo(1);
            assertThat(description.topics()).filteredOn(t -> Topics.ALL.contains(t.name()))
                    .hasSize(5).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(3));

            assertThat(ElasticsearchNode.health(stack.elasticsearchUrl())).hasValueSatisfying(
                    s -> assertThat(s).isIn("green", "yellow"));
            HttpResponse<String> index = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.elasticsearchUrl() + "/probe/_doc/1?refresh=true"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"ok\":true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isBetween(200, 201);

            pids = LocalStack.runningPids(stack.config().workDir());
            assertThat(pids).hasSize(2);

            System.out.println(Instant.now() + " LocalStackIT: round trips done, restarting Kafka");
            // chaos-test hooks: a restart keeps both the Kafka log and the Elasticsearch data
            stack.stopKafka();
            stack.startKafka();
            assertThat(KafkaRoundTrip.consume(stack.kafkaBootstrap(), Topics.PURCHASES, 1))
                    .containsExactly("{\"event_id\":\"purchases-probe\"}");
            System.out.println(Instant.now() + " LocalStackIT: restarting Elasticsearch");
            stack.stopElasticsearch();
            stack.startElasticsearch();
            HttpResponse<String> doc = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(stack.elasticsearchUrl() + "/probe/_doc/1")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(doc.body()).contains("\"found\":true");
            pids = LocalStack.runningPids(stack.config().workDir());
            System.out.println(Instant.now() + " LocalStackIT: closing");
        }
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(LocalStack.runningPids(workDir.toAbsolutePath())).isEmpty();
        LocalStack.purge(workDir); // kept on failure, for its logs
    }
}
