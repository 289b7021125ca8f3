package io.clickstream.stack.status;

import io.clickstream.stack.kafka.KafkaAdmin;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StackStatusTest {
    private static final Path WORK = Path.of("/w/.stack");

    private static StackStatus status(List<StackStatus.Process> processes, boolean kafkaAnswers) {
        Optional<KafkaAdmin.Description> kafka = kafkaAnswers
                ? Optional.of(new KafkaAdmin.Description(1, List.of(
                        new KafkaAdmin.Topic("__consumer_offsets", 50, 1, "1"),
                        new KafkaAdmin.Topic("clicks", 3, 1, "1"))))
                : Optional.empty();
        return new StackStatus(WORK, processes, kafka, kafkaAnswers ? "" : "no broker running",
                List.of(new StackStatus.Index("clickstream-kpis-000001", "green", 42)),
                Path.of("/var/tmp/clickstream/runs/abc/elasticsearch"), true);
    }

    @Test
    void healthyWhenEveryProcessRunsAndAnswers() {
        StackStatus s = status(List.of(new StackStatus.Process("kafka-1", 9092, 10, "up (broker,controller)"),
                new StackStatus.Process("elasticsearch", 9200, 11, "yellow")), true);
        assertThat(s.healthy()).isTrue();
        assertThat(s.render())
                .contains("kafka-1         9092   10       up (broker,controller)")
                .contains("elasticsearch   9200   11       yellow")
                .containsPattern("clicks\\s+3\\s+1\\s+1")
                .doesNotContain("__consumer_offsets")
                .containsPattern("clickstream-kpis-000001\\s+green\\s+42")
                .contains("not reachable by the unprivileged user");
    }

    @Test
    void aStoppedOrRedProcessIsNotHealthy() {
        assertThat(status(List.of(new StackStatus.Process("kafka-1", 9092, 0, "stopped")), false).healthy()).isFalse();
        assertThat(status(List.of(new StackStatus.Process("kafka-1", 9092, 10, "up (broker)"),
                new StackStatus.Process("elasticsearch", 9200, 11, "red")), true).healthy()).isFalse();
        assertThat(status(List.of(new StackStatus.Process("kafka-1", 9092, 0, "stopped")), false).render())
                .contains("kafka-1         9092   -        stopped")
                .contains("Kafka: no broker running");
    }

    @Test
    void neverStartedSaysSo() {
        StackStatus s = new StackStatus(WORK, List.of(), Optional.empty(), "never started here", List.of(), null, false);
        assertThat(s.healthy()).isFalse();
        assertThat(s.render()).contains("not started from this work dir");
    }
}
