package io.clickstream.stack;

import io.clickstream.event.Topics;
import io.clickstream.stack.kafka.KafkaAdmin;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Three KRaft nodes (Kafka only, to save time): RF 3, min.insync.replicas 2, survives one broker down. */
class MultiBrokerIT {

    @Test
    void threeBrokersReplicateTheTopics() throws Exception {
        Path workDir = Path.of("target", "it", "brokers3-" + System.nanoTime());
        try (LocalStack stack = LocalStack.builder().workDir(workDir).brokers(3).elasticsearch(false)
                .kafkaHeap("256m").start()) {
            assertThat(stack.kafkaBootstrap().split(",")).hasSize(3);
            KafkaAdmin.Description description = new KafkaAdmin(stack.config().workDir())
                    .describe(stack.kafkaBootstrap(), Duration.ofSeconds(10));
            assertThat(description.brokers()).isEqualTo(3);
            assertThat(description.topics()).filteredOn(t -> Topics.ALL.contains(t.name())).hasSize(5)
                    .allSatisfy(t -> {
                        assertThat(t.partitions()).isEqualTo(3);
                        assertThat(t.replicationFactor()).isEqualTo(3);
                        assertThat(t.minInsyncReplicas()).isEqualTo("2");
                    });

            KafkaRoundTrip.produce(stack.kafkaBootstrap(), Topics.CLICKS, "u1", "before");
            // With one of three brokers down, acks=all still succeeds: two in-sync replicas remain.
            stack.stopBroker(2);
            KafkaRoundTrip.produce(stack.kafkaBootstrap(), Topics.CLICKS, "u1", "during");
            stack.startBroker(2);
            assertThat(KafkaRoundTrip.consume(stack.kafkaBootstrap(), Topics.CLICKS, 2))
                    .containsExactly("before", "during");
            assertThat(LocalStack.runningPids(stack.config().workDir())).hasSize(3);
        }
        assertThat(LocalStack.runningPids(workDir.toAbsolutePath())).isEmpty();
        LocalStack.purge(workDir); // kept on failure, for its logs
    }
}
