package io.clickstream.stack.kafka;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTopologyTest {

    @Test
    void oneNodeUsesTheFamiliarPorts() {
        KafkaTopology t = KafkaTopology.plan(1, 9092);
        assertThat(t.nodes()).containsExactly(new KafkaTopology.Node(1, 9092, 9093));
        assertThat(t.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(t.quorumVoters()).isEqualTo("1@127.0.0.1:9093");
        assertThat(t.node(0).roles()).isEqualTo("broker,controller");
    }

    @Test
    void brokersOnConsecutivePortsThenControllers() {
        KafkaTopology t = KafkaTopology.plan(3, 9092);
        assertThat(t.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094");
        assertThat(t.quorumVoters()).isEqualTo("1@127.0.0.1:9095,2@127.0.0.1:9096,3@127.0.0.1:9097");
    }

    @Test
    void atMostThreeControllersTheRestBrokersOnly() {
        KafkaTopology t = KafkaTopology.plan(5, 19092);
        assertThat(t.nodes()).filteredOn(KafkaTopology.Node::isController).extracting(KafkaTopology.Node::id)
                .containsExactly(1, 2, 3);
        assertThat(t.node(4).roles()).isEqualTo("broker");
        assertThat(t.node(4).brokerPort()).isEqualTo(19096);
        assertThat(t.ports()).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void portZeroPicksDistinctFreePorts() {
        List<Integer> ports = KafkaTopology.plan(3, 0).ports();
        assertThat(ports).hasSize(6).allMatch(p -> p > 0).doesNotContain(9092, 9093);
        assertThat(new HashSet<>(ports)).hasSize(6);
    }
}
