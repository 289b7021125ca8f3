package io.clickstream.stack.status;

import io.clickstream.es.Elasticsearch;
import io.clickstream.es.EsException;
import io.clickstream.stack.StackState;
import io.clickstream.stack.elasticsearch.ElasticsearchNode;
import io.clickstream.stack.kafka.KafkaAdmin;
import io.clickstream.stack.kafka.KafkaCluster;
import io.clickstream.stack.kafka.KafkaTopology;
import io.clickstream.stack.process.PidFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What runs from one work dir and whether it is healthy: processes (port, PID, health), Kafka topics
 * and Elasticsearch indices. {@link #inspect} gathers, {@link #render} formats.
 */
public record StackStatus(Path workDir, List<Process> processes, Optional<KafkaAdmin.Description> kafka,
                          String kafkaProblem, List<Index> indices, Path elasticsearchHome,
                          boolean elasticsearchRelocated) {

    /** One stack process; {@code pid} 0 = not running. */
    public record Process(String name, int port, long pid, String health) {
        public boolean running() {
            return pid > 0;
        }
    }

    public record Index(String name, String health, long docs) {
    }

    /** True when the stack was started here and every process runs and answers. */
    public boolean healthy() {
        return !processes.isEmpty() && processes.stream().allMatch(p -> p.running()
                && (p.health().startsWith("up") || p.health().equals("green") || p.health().equals("yellow")))
                && kafka.isPresent();
    }

    public static StackStatus inspect(Path workDir) {
        Optional<StackState> state = StackState.load(workDir);
        if (state.isEmpty()) {
            return new StackStatus(workDir, List.of(), Optional.empty(), "never started here", List.of(), null, false);
        }
        StackState s = state.get();
        List<Process> processes = new ArrayList<>();
        Optional<KafkaAdmin.Description> kafka = Optional.empty();
        String kafkaProblem = "";
        boolean anyBroker = false;
        for (KafkaTopology.Node node : s.topology().nodes()) {
            anyBroker |= PidFile.read(KafkaCluster.pidFile(workDir, node.id())).isPresent();
        }
        if (anyBroker) {
            try {
                kafka = Optional.of(new KafkaAdmin(workDir).describe(s.topology().bootstrapServers(),
                        Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                kafkaProblem = e.getMessage();
            }
        } else {
            kafkaProblem = "no broker running";
        }
        for (KafkaTopology.Node node : s.topology().nodes()) {
            long pid = PidFile.read(KafkaCluster.pidFile(workDir, node.id())).map(ProcessHandle::pid).orElse(0L);
            String health = pid == 0 ? "stopped"
                    : kafka.isPresent() ? "up (" + node.roles() + (node.isController()
                    ? ", controller port " + node.controllerPort() : "") + ")" : "not answering";
            processes.add(new Process("kafka-" + node.id(), node.brokerPort(), pid, health));
        }
        List<Index> indices = List.of();
        if (s.elasticsearch()) {
            long pid = PidFile.read(ElasticsearchNode.pidFile(workDir)).map(ProcessHandle::pid).orElse(0L);
            String url = "http://127.0.0.1:" + s.elasticsearchPort();
            String health = pid == 0 ? "stopped" : ElasticsearchNode.health(url).orElse("not answering");
            processes.add(new Process("elasticsearch", s.elasticsearchPort(), pid, health));
            if (pid != 0) {
                indices = indices(url);
            }
        }
        return new StackStatus(workDir, processes, kafka, kafkaProblem, indices, s.elasticsearchHome(),
                s.elasticsearch() && !s.elasticsearchHome().startsWith(workDir));
    }

    private static List<Index> indices(String url) {
        try (Elasticsearch es = Elasticsearch.connect(url, Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            return es.indices().stream().map(i -> new Index(i.name(), i.health(), i.docs())).toList();
        } catch (EsException e) {
            return List.of();
        }
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("work dir: ").append(workDir).append('\n');
        if (processes.isEmpty()) {
            out.append("stack: not started from this work dir (").append(kafkaProblem).append(")\n");
            return out.toString();
        }
        out.append(String.format("%-15s %-6s %-8s %s%n", "PROCESS", "PORT", "PID", "HEALTH"));
        for (Process p : processes) {
            out.append(String.format("%-15s %-6d %-8s %s%n", p.name(), p.port(),
                    p.running() ? String.valueOf(p.pid()) : "-", p.health()));
        }
        if (kafka.isPresent()) {
            out.append("\nKafka: ").append(kafka.get().brokers()).append(" broker(s) registered\n");
            out.append(String.format("%-28s %-10s %-4s %s%n", "TOPIC", "PARTITIONS", "RF", "MIN_ISR"));
            for (KafkaAdmin.Topic t : kafka.get().topics()) {
                if (!t.name().startsWith("__")) {
                    out.append(String.format("%-28s %-10d %-4d %s%n", t.name(), t.partitions(),
                            t.replicationFactor(), t.minInsyncReplicas()));
                }
            }
        } else {
            out.append("\nKafka: ").append(kafkaProblem).append('\n');
        }
        if (elasticsearchHome != null && processes.stream().anyMatch(p -> p.name().equals("elasticsearch"))) {
            out.append("\nElasticsearch indices:");
            if (indices.isEmpty()) {
                out.append(" (none)\n");
            } else {
                out.append('\n').append(String.format("%-40s %-7s %s%n", "INDEX", "HEALTH", "DOCS"));
                for (Index i : indices) {
                    out.append(String.format("%-40s %-7s %d%n", i.name(), i.health(), i.docs()));
                }
            }
            out.append("Elasticsearch data: ").append(elasticsearchHome);
            if (elasticsearchRelocated) {
                out.append(" (the work dir is not reachable by the unprivileged user Elasticsearch runs as)");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
