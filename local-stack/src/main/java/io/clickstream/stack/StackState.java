package io.clickstream.stack;

import io.clickstream.stack.kafka.KafkaTopology;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What a work dir holds: the layout of the last start ({@code stack.properties}), so that
 * {@code status} and {@code down} work from another shell and a restart reuses the same ports.
 */
public record StackState(KafkaTopology topology, int partitions, boolean elasticsearch, int elasticsearchPort,
                         int elasticsearchTransportPort, Path elasticsearchHome) {

    public static Path file(Path workDir) {
        return workDir.resolve("stack.properties");
    }

    public void save(Path workDir) {
        Properties p = new Properties();
        p.setProperty("kafka.brokers", String.valueOf(topology.size()));
        p.setProperty("kafka.broker.ports", join(topology.nodes().stream().map(KafkaTopology.Node::brokerPort).toList()));
        p.setProperty("kafka.controller.ports", join(topology.nodes().stream()
                .map(KafkaTopology.Node::controllerPort).toList()));
        p.setProperty("kafka.partitions", String.valueOf(partitions));
        p.setProperty("elasticsearch.enabled", String.valueOf(elasticsearch));
        p.setProperty("elasticsearch.http.port", String.valueOf(elasticsearchPort));
        p.setProperty("elasticsearch.transport.port", String.valueOf(elasticsearchTransportPort));
        p.setProperty("elasticsearch.home", elasticsearchHome.toString());
        try {
            Files.createDirectories(workDir);
            try (Writer w = Files.newBufferedWriter(file(workDir))) {
                p.store(w, "written by local-stack on start; describes the running layout");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(workDir), e);
        }
    }

    public static Optional<StackState> load(Path workDir) {
        Path file = file(workDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Integer> brokerPorts = split(p.getProperty("kafka.broker.ports"));
        List<Integer> controllerPorts = split(p.getProperty("kafka.controller.ports"));
        List<KafkaTopology.Node> nodes = new ArrayList<>();
        for (int i = 0; i < brokerPorts.size(); i++) {
            nodes.add(new KafkaTopology.Node(i + 1, brokerPorts.get(i), controllerPorts.get(i)));
        }
        return Optional.of(new StackState(new KafkaTopology(nodes),
                Integer.parseInt(p.getProperty("kafka.partitions", "3")),
                Boolean.parseBoolean(p.getProperty("elasticsearch.enabled", "true")),
                Integer.parseInt(p.getProperty("elasticsearch.http.port", "0")),
                Integer.parseInt(p.getProperty("elasticsearch.transport.port", "0")),
                Path.of(p.getProperty("elasticsearch.home", workDir.resolve("elasticsearch").toString()))));
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Integer> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
