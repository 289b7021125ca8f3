package io.clickstream.stack.kafka;

import io.clickstream.stack.process.FreePorts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which KRaft nodes exist and where they listen. The first min(N,3) nodes are combined
 * broker+controller nodes (a quorum of 1 or 3 voters), the rest are brokers only. With a fixed base
 * port P the brokers listen on P..P+N-1 and the controllers right after (P+N..): one node gives the
 * familiar 9092 + controller 9093.
 */
public record KafkaTopology(List<Node> nodes) {

    /** One KRaft node; {@code controllerPort} is 0 for a broker-only node. */
    public record Node(int id, int brokerPort, int controllerPort) {
        public boolean isController() {
            return controllerPort > 0;
        }

        public String roles() {
            return isController() ? "broker,controller" : "broker";
        }
    }

    public KafkaTopology {
        nodes = List.copyOf(nodes);
    }

    /** Plans N nodes from a base port; base port 0 picks free ephemeral ports. */
    public static KafkaTopology plan(int brokers, int basePort) {
        int controllers = Math.min(brokers, 3);
        List<Integer> ports = new ArrayList<>();
        if (basePort == 0) {
            ports.addAll(FreePorts.pick(brokers + controllers));
        } else {
            for (int i = 0; i < brokers + controllers; i++) {
                ports.add(basePort + i);
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            int controllerPort = i < controllers ? ports.get(brokers + i) : 0;
            nodes.add(new Node(i + 1, ports.get(i), controllerPort));
        }
        return new KafkaTopology(nodes);
    }

    public int size() {
        return nodes.size();
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    /** {@code controller.quorum.voters}: {@code 1@127.0.0.1:9093,…}. */
    public String quorumVoters() {
        return nodes.stream().filter(Node::isController)
                .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
    }

    /** {@code 127.0.0.1:9092,127.0.0.1:9093,…}. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort()).collect(Collectors.joining(","));
    }

    /** Every port the nodes bind, broker ports first. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        nodes.forEach(n -> ports.add(n.brokerPort()));
        nodes.stream().filter(Node::isController).forEach(n -> ports.add(n.controllerPort()));
        return ports;
    }
}
