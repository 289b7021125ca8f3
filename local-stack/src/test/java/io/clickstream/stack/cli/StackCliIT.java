package io.clickstream.stack.cli;

import io.clickstream.event.Topics;
import io.clickstream.stack.LocalStack;
import io.clickstream.stack.process.FreePorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI life cycle, Kafka only (the Elasticsearch half is covered by LocalStackIT): up, up again is
 * a no-op, status, down from "another shell" (by PID files only), up keeps the data, down --purge.
 */
class StackCliIT {
    private final Path workDir = Path.of("target", "it", "cli-" + System.nanoTime()).toAbsolutePath();

    private record Run(int exitCode, String output) {
    }

    private Run cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new StackCli()).execute(args);
            return new Run(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** A port P with P+1 free too: the CLI puts the controller right after the broker. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePorts.pick(1).get(0);
            if (port < 65535 && FreePorts.isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two consecutive free ports");
    }

    @AfterEach
    void stopWhateverIsLeft() {
        LocalStack.stop(workDir);
    }

    @Test
    void upIsIdempotentDownKeepsDataPurgeDeletesIt() throws Exception {
        int port = freePortPair();
        String dir = workDir.toString();
        String[] up = {"up", "--work-dir", dir, "--kafka-port", String.valueOf(port), "--no-elasticsearch",
                "--kafka-heap", "256m"};

        Run first = cli(up);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("KAFKA_BOOTSTRAP=127.0.0.1:" + port);
        List<Long> pids = LocalStack.runningPids(workDir);
        assertThat(pids).hasSize(1);

        Run again = cli(up);
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("already running");
        assertThat(LocalStack.runningPids(workDir)).isEqualTo(pids);

        Run status = cli("status", "--work-dir", dir);
        assertThat(status.exitCode()).as(status.output()).isZero();
        for (String topic : Topics.ALL) {
            assertThat(status.output()).containsPattern(topic + "\\s+3\\s+1\\s+1");
        }
        assertThat(status.output()).contains("kafka-1", String.valueOf(port), String.valueOf(pids.get(0)));

        String bootstrap = "127.0.0.1:" + port;
        produce(bootstrap, "kept");
        assertThat(cli("down", "--work-dir", dir).exitCode()).isZero();
        assertThat(LocalStack.runningPids(workDir)).isEmpty();
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(cli("status", "--work-dir", dir).exitCode()).isEqualTo(1);

        assertThat(cli(up).exitCode()).isZero();
        assertThat(consume(bootstrap)).contains("kept");

        Run purge = cli("down", "--purge", "--work-dir", dir);
        assertThat(purge.exitCode()).isZero();
        assertThat(Files.exists(workDir)).isFalse();
    }

    private static void produce(String bootstrap, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.PAGE_VIEWS, "u", value)).get();
        }
    }

    private static List<String> consume(String bootstrap) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "cli-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PAGE_VIEWS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
