package io.clickstream.stack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a KRaft node's {@code server.properties}; a pure function of the topology. */
public final class ServerProperties {
    private ServerProperties() {
    }

    /**
     * @param replicationFactor default and internal-topic replication factor, min(N,3)
     * @param minInsyncReplicas 2 with three or more brokers, else 1
     */
    public static Map<String, String> of(KafkaTopology topology, KafkaTopology.Node node, Path dataDir,
                                         int replicationFactor, int minInsyncReplicas, int partitions) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", node.roles());
        p.put("node.id", String.valueOf(node.id()));
        p.put("controller.quorum.voters", topology.quorumVoters());
        String listeners = "PLAINTEXT://127.0.0.1:" + node.brokerPort();
        if (node.isController()) {
            listeners += ",CONTROLLER://127.0.0.1:" + node.controllerPort();
        }
        p.put("listeners", listeners);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("default.replication.factor", String.valueOf(replicationFactor));
        p.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
        p.put("offsets.topic.replication.factor", String.valueOf(replicationFactor));
        p.put("transaction.state.log.replication.factor", String.valueOf(replicationFactor));
        p.put("transaction.state.log.min.isr", String.valueOf(minInsyncReplicas));
        p.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicationFactor));
        p.put("share.coordinator.state.topic.min.isr", String.valueOf(minInsyncReplicas));
        // Our topics are created explicitly; a typo in a client must not create a stray topic.
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A small local machine: fewer threads than the production defaults.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        return p;
    }

    public static String render(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
