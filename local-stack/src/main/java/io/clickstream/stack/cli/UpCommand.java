package io.clickstream.stack.cli;

import io.clickstream.stack.LocalStack;
import io.clickstream.stack.StackState;
import io.clickstream.stack.config.StackConfig;
import io.clickstream.stack.status.StackStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = StackCli.Versions.class,
        description = {"Starts Kafka (KRaft) and Elasticsearch in the background, creates the topics and returns "
                + "when healthy. A running stack is left alone unless an explicit option asks for another "
                + "layout (e.g. --brokers 3); data of earlier runs is kept (one Kafka cluster per broker count)."})
final class UpCommand implements Callable<Integer> {
    @Mixin
    WorkDirOption workDir;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = "KRaft nodes on consecutive ports; replication factor min(N,3), min.insync.replicas 2 "
                    + "when N >= 3 (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "3",
            description = "Partitions of each topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "First broker port; controllers follow the brokers (default: ${DEFAULT-VALUE}, "
                    + "controller 9093).")
    int kafkaPort;

    @Option(names = "--es-port", paramLabel = "PORT", defaultValue = "9200",
            description = "Elasticsearch HTTP port; transport port + 100 (default: ${DEFAULT-VALUE}).")
    int esPort;

    @Option(names = "--no-elasticsearch", description = "Start Kafka only.")
    boolean noElasticsearch;

    @Option(names = "--kafka-heap", defaultValue = StackConfig.DEFAULT_KAFKA_HEAP,
            description = "Heap per broker (default: ${DEFAULT-VALUE}).")
    String kafkaHeap;

    @Option(names = "--es-heap", defaultValue = StackConfig.DEFAULT_ELASTICSEARCH_HEAP,
            description = "Elasticsearch heap (default: ${DEFAULT-VALUE}).")
    String esHeap;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long to wait for health (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    /**
     * What an explicitly given option asks for that the running stack does not have ("1 broker(s),
     * asked for 3"); defaults never count, so a plain {@code up} on a running stack stays a no-op.
     */
    private Optional<String> requestedChange(StackState running) {
        ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--brokers") && running.topology().size() != brokers) {
            return Optional.of(running.topology().size() + " broker(s), asked for " + brokers);
        }
        if (parsed.hasMatchedOption("--kafka-port") && running.topology().node(0).brokerPort() != kafkaPort) {
            return Optional.of("Kafka on port " + running.topology().node(0).brokerPort() + ", asked for " + kafkaPort);
        }
        if (parsed.hasMatchedOption("--es-port") && running.elasticsearchPort() != esPort) {
            return Optional.of("Elasticsearch on port " + running.elasticsearchPort() + ", asked for " + esPort);
        }
        if (parsed.hasMatchedOption("--no-elasticsearch") && running.elasticsearch()) {
            return Optional.of("Elasticsearch, asked for none");
        }
        return Optional.empty();
    }

    @Override
    public Integer call() {
        Path dir = workDir.resolve();
        if (!LocalStack.runningPids(dir).isEmpty()) {
            Optional<String> change = StackState.load(dir).flatMap(this::requestedChange);
            if (change.isPresent()) {
                System.out.println("stack: running with " + change.get() + ", restarting it (data is kept)");
            } else {
                StackStatus status = StackStatus.inspect(dir);
                if (status.healthy()) {
                    System.out.println("stack: already running");
                    System.out.print(status.render());
                    return 0;
                }
                System.out.println("stack: partly running or unhealthy, restarting it");
            }
            LocalStack.stop(dir);
        }
        long started = System.nanoTime();
        LocalStack stack = LocalStack.builder()
                .workDir(dir)
                .brokers(brokers)
                .partitions(partitions)
                .kafkaPort(kafkaPort)
                .elasticsearch(!noElasticsearch)
                .elasticsearchPort(esPort)
                .kafkaHeap(kafkaHeap)
                .elasticsearchHeap(esHeap)
                .startupTimeout(Duration.ofSeconds(timeoutSeconds))
                .detached(true)
                .progress(line -> System.out.println("stack: " + line))
                .start();
        System.out.printf("stack: healthy in %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  KAFKA_BOOTSTRAP=" + stack.kafkaBootstrap());
        if (!noElasticsearch) {
            System.out.println("  ES_URL=" + stack.elasticsearchUrl());
        }
        System.out.println("  logs: " + dir.resolve("logs") + "   stop: ./clickstream down");
        return 0;
    }
}
