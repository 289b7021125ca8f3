package io.clickstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.demo.pipeline.Component;
import io.clickstream.demo.pipeline.ModuleCommands;
import io.clickstream.demo.pipeline.Pipeline;
import io.clickstream.event.EventJson;
import io.clickstream.event.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Crashes during load, on a three-broker Kafka: the Spark job is SIGKILLed twice and restarted from
 * its checkpoint, the gateway is SIGKILLed and restarted, one broker is SIGKILLed, the whole of Kafka
 * is stopped for 20 s, Elasticsearch is stopped for 60 s. At the end {@code verify} still passes
 * (every field of every KPI and ranking document; nothing lost, nothing counted twice; uncertain windows
 * only where events stayed unacknowledged) and every event the load generator saw acknowledged is in Kafka.
 * Run alone with {@code ./mvnw verify -pl demo -Dit.test=ChaosIT}.
 */
@Tag("chaos")
class ChaosIT {

    @Test
    void pipelineSurvivesCrashesAndOutages() throws Exception {
        Path dir = Path.of("target", "e2e-chaos").toAbsolutePath();
        DemoCli.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path ledger = dir.resolve("ledger.json");
        Path ackedIds = dir.resolve("acknowledged-ids.txt");
        try (Pipeline pipeline = Pipeline.start(Pipeline.Settings.forTests(dir, 3), ModuleCommands.fromEnvironment(),
                line -> System.out.println("[chaos] " + line))) {
            Component load = pipeline.startLoad("load", List.of("--rate", "800", "--duration", "150s", "--seed", "777",
                    "--click-bots-per-min", "2", "--flood-bots-per-min", "1", "--max-retry-time", "4m",
                    "--ledger", ledger.toString(), "--acknowledged-ids", ackedIds.toString(),
                    "--report", dir.resolve("report.html").toString(), "--progress-interval", "10s"));
            long t0 = System.nanoTime();

            at(t0, 20, "SIGKILL analytics, restart from checkpoint");
            pipeline.analytics().kill();
            pause(3);
            pipeline.analytics().start();

            at(t0, 40, "SIGKILL analytics again, restart");
            pipeline.analytics().kill();
            pause(3);
            pipeline.analytics().start();

            at(t0, 55, "SIGKILL gateway, restart");
            pipeline.gateway().kill();
            pause(2);
            pipeline.gateway().start();
            pipeline.awaitGatewayReady(Duration.ofMinutes(1));

            at(t0, 70, "SIGKILL broker 2 of 3");
            pipeline.stack().killBroker(1);
            at(t0, 85, "restart broker 2");
            pipeline.stack().startBroker(1);

            at(t0, 95, "stop all of Kafka for 20 s");
            pipeline.stack().stopKafka();
            at(t0, 115, "start Kafka");
            pipeline.stack().startKafka();

            at(t0, 120, "stop Elasticsearch for 60 s");
            pipeline.stack().stopElasticsearch();
            at(t0, 180, "start Elasticsearch");
            pipeline.stack().startElasticsearch();

            Optional<Integer> loadExit = load.awaitExit(Duration.ofMinutes(6));
            assertThat(loadExit).as("load generator exit, see " + load.logFile()).contains(0);
            assertThat(pipeline.failedComponent()).as("a part of the pipeline died; see its log in " + pipeline.logDir()).isEmpty();

            Component verify = pipeline.verify(ledger, List.of("--wait", "300s"));
            Optional<Integer> verifyExit = verify.awaitExit(Duration.ofMinutes(7));
            System.out.println(Files.readString(verify.logFile()));
            assertThat(verifyExit).as("verify exit code; its output is above and in " + verify.logFile()).contains(0);
            // every field of every KPI and ranking document, extra documents and every alert rule were judged
            assertThat(Files.readString(verify.logFile())).contains("mismatch 0, missing 0, extra 0", "alerts (every rule): recall 1.00",
                    "precision 1.00", "PASS");

            Set<String> inKafka = new HashSet<>();
            for (String topic : Topics.EVENT_TOPICS) {
                TopicReader.readAll(pipeline.stack().kafkaBootstrap(), topic).forEach(r -> inKafka.add(eventId(r.value())));
            }
            List<String> acknowledged = Files.readAllLines(ackedIds).stream().filter(s -> !s.isBlank()).toList();
            assertThat(acknowledged).hasSizeGreaterThan(50_000);
            assertThat(acknowledged).as("acknowledged events missing from Kafka").allMatch(inKafka::contains);
        }
    }

    private static String eventId(String json) {
        try {
            JsonNode node = EventJson.mapper().readTree(json);
            return node.path("event_id").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON on an event topic: " + json, e);
        }
    }

    /** Sleeps until {@code second} seconds after {@code t0}, then logs what happens next. */
    private static void at(long t0, int second, String what) throws InterruptedException {
        long wait = t0 + second * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
        System.out.printf("[chaos] t=%ds %s%n", (System.nanoTime() - t0) / 1_000_000_000L, what);
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }
}
