package io.clickstream.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.stack.config.StackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerPropertiesTest {

    private static StackConfig config(int brokers) {
        return new StackConfig(Path.of("w"), Path.of("c"), brokers, 9092, 3, false, 9200, "512m", "1g",
                Duration.ofSeconds(5), false);
    }

    @Test
    void singleCombinedNode() {
        KafkaTopology t = KafkaTopology.plan(1, 9092);
        StackConfig c = config(1);
        Map<String, String> p = ServerProperties.of(t, t.node(0), Path.of("/d"), c.replicationFactor(),
                c.minInsyncReplicas(), c.partitions());
        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("log.dirs", "/d");
    }

    @Test
    void threeNodesReplicateThreeTimesWithMinIsrTwo() {
        KafkaTopology t = KafkaTopology.plan(3, 9092);
        StackConfig c = config(3);
        Map<String, String> p = ServerProperties.of(t, t.node(1), Path.of("/d"), c.replicationFactor(),
                c.minInsyncReplicas(), c.partitions());
        assertThat(p).containsEntry("node.id", "2")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:9096")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("min.insync.replicas", "2");
    }

    @Test
    void replicationFactorIsCappedAtThree() {
        assertThat(config(5).replicationFactor()).isEqualTo(3);
        assertThat(config(2).replicationFactor()).isEqualTo(2);
        assertThat(config(2).minInsyncReplicas()).isEqualTo(1);
        assertThat(config(4).minInsyncReplicas()).isEqualTo(2);
    }

    @Test
    void rendersOnePropertyPerLine() {
        assertThat(ServerProperties.render(Map.of("a", "1"))).isEqualTo("a=1\n");
    }
}
