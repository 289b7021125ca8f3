package io.clickstream.stack.kafka;

import io.clickstream.event.Topics;
import io.clickstream.stack.config.StackConfig;
import io.clickstream.stack.process.Artifacts;
import io.clickstream.stack.process.LogTail;
import io.clickstream.stack.process.ManagedProcess;
import io.clickstream.stack.process.ParallelStop;
import io.clickstream.stack.process.StackException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The KRaft nodes of one stack: formats their storage once, starts and stops them as child JVMs on
 * the broker's own classpath, and waits until the cluster and the five topics are usable.
 * Layout under the work dir: {@code kafka/<N>-brokers/node-<id>/} (config, data), {@code logs/kafka-<id>.log},
 * {@code pids/kafka-<id>.pid}.
 */
public final class KafkaCluster {
    private final StackConfig config;
    private final KafkaTopology topology;
    private final KafkaAdmin admin;

    public KafkaCluster(StackConfig config, KafkaTopology topology) {
        this.config = config;
        this.topology = topology;
        this.admin = new KafkaAdmin(config.workDir());
    }

    public KafkaTopology topology() {
        return topology;
    }

    public String bootstrapServers() {
        return topology.bootstrapServers();
    }

    public Path logFile(int nodeId) {
        return config.workDir().resolve("logs").resolve("kafka-" + nodeId + ".log");
    }

    public static Path pidFile(Path workDir, int nodeId) {
        return workDir.resolve("pids").resolve("kafka-" + nodeId + ".pid");
    }

    private Path nodeDir(int nodeId) {
        return clusterDir().resolve("node-" + nodeId);
    }

    /**
     * One data directory per cluster size ({@code kafka/3-brokers/}): a KRaft quorum cannot change its
     * voters by configuration, so {@code up --brokers 3} after a one-broker run gets its own cluster and
     * both keep their data.
     */
    private Path clusterDir() {
        return config.workDir().resolve("kafka").resolve(topology.size() + (topology.size() == 1 ? "-broker" : "-brokers"));
    }

    private Path outFile(int nodeId) {
        return config.workDir().resolve("logs").resolve("kafka-" + nodeId + ".out");
    }

    /** Writes every node's configuration (ports may differ from the last run) and formats new storage. */
    public void prepare() {
        try {
            String clusterId = clusterId();
            List<Process> formats = new ArrayList<>();
            List<Integer> formatted = new ArrayList<>();
            for (KafkaTopology.Node node : topology.nodes()) {
                Path dir = nodeDir(node.id());
                Path data = dir.resolve("data");
                Files.createDirectories(data);
                Map<String, String> props = ServerProperties.of(topology, node, data,
                        config.replicationFactor(), config.minInsyncReplicas(), config.partitions());
                Files.writeString(dir.resolve("server.properties"), ServerProperties.render(props));
                Files.writeString(dir.resolve("log4j2.properties"), Log4jConfig.toFile(logFile(node.id()), "INFO"));
                if (!Files.exists(data.resolve("meta.properties"))) {
                    Path out = config.workDir().resolve("logs").resolve("kafka-format-" + node.id() + ".out");
                    Files.createDirectories(out.getParent());
                    formats.add(new ProcessBuilder(Artifacts.javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                            "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                            "-cp", Artifacts.kafkaClasspath(), "kafka.tools.StorageTool",
                            "format", "-t", clusterId, "-c", dir.resolve("server.properties").toString())
                            .redirectErrorStream(true)
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .redirectOutput(out.toFile())
                            .start());
                    formatted.add(node.id());
                }
            }
            for (int i = 0; i < formats.size(); i++) {
                Process p = formats.get(i);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                if (p.exitValue() != 0) {
                    throw new StackException("formatting Kafka storage of node " + formatted.get(i) + " failed; see "
                            + config.workDir().resolve("logs").resolve("kafka-format-" + formatted.get(i) + ".out"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting Kafka storage", e);
        }
    }

    private String clusterId() throws IOException {
        Path file = clusterDir().resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id;
        do {
            // Kafka's Uuid format: 16 random bytes, URL-safe base64 without padding; ids starting
            // with '-' confuse command-line tools, so Kafka avoids them too.
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        } while (id.startsWith("-"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, id + "\n");
        return id;
    }

    private ManagedProcess process(KafkaTopology.Node node) {
        Path dir = nodeDir(node.id());
        List<String> cmd = List.of(Artifacts.javaExecutable(),
                "-Xms64m", "-Xmx" + config.kafkaHeap(),
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-Dkafka.logs.dir=" + config.workDir().resolve("logs"),
                "-Dclickstream.stack.home=" + config.workDir(),
                "-cp", Artifacts.kafkaClasspath(),
                "kafka.Kafka", dir.resolve("server.properties").toString());
        return new ManagedProcess("kafka-" + node.id(), cmd, Map.of(), outFile(node.id()),
                pidFile(config.workDir(), node.id()), config.detached());
    }

    /** Starts node {@code index} (0-based) unless it already runs; does not wait for it. */
    public void startNode(int index) {
        ManagedProcess process = process(topology.node(index));
        if (process.running().isEmpty()) {
            process.start();
        }
    }

    public void stopNode(int index) {
        process(topology.node(index)).stop();
    }

    /** SIGKILL, like a crashed machine: no controlled shutdown, no flush. The PID file is removed. */
    public void killNode(int index) {
        process(topology.node(index)).kill();
    }

    public void startAll() {
        for (int i = 0; i < topology.size(); i++) {
            startNode(i);
        }
    }

    /** Stops every node; all get SIGTERM together so a shrinking quorum does not stall the last ones. */
    public void stopAll() {
        Map<String, Runnable> stops = new LinkedHashMap<>();
        for (int i = 0; i < topology.size(); i++) {
            int index = i;
            stops.put("kafka-" + (i + 1), () -> stopNode(index));
        }
        ParallelStop.all(stops);
    }

    /**
     * Waits until every node is registered and the five topics exist with leaders and min ISR.
     * A node that exits meanwhile fails the wait at once, naming its log file.
     */
    public void awaitReady(Duration timeout) {
        admin.ensure(bootstrapServers(), topology.size(), config.partitions(), config.replicationFactor(),
                config.minInsyncReplicas(), Topics.ALL, timeout, this::deadNode, logFilesHint());
    }

    private Optional<String> deadNode() {
        for (KafkaTopology.Node node : topology.nodes()) {
            if (process(node).running().isEmpty()) {
                String hint = LogTail.lastError(logFile(node.id()))
                        .or(() -> LogTail.lastError(outFile(node.id())))
                        .map(l -> "\n  last error: " + l).orElse("");
                return Optional.of("Kafka node " + node.id() + " (port " + node.brokerPort() + ") exited during start;"
                        + " read " + logFile(node.id()) + " (console output: " + outFile(node.id()) + ")" + hint);
            }
        }
        return Optional.empty();
    }

    /** The broker log files, for error messages. */
    public String logFilesHint() {
        List<String> files = new ArrayList<>();
        topology.nodes().forEach(n -> files.add(logFile(n.id()).toString()));
        return String.join(", ", files);
    }
}
