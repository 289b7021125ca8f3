package io.clickstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.demo.hostile.HostileInputs;
import io.clickstream.demo.hostile.HostileProbe;
import io.clickstream.demo.pipeline.Component;
import io.clickstream.demo.pipeline.ModuleCommands;
import io.clickstream.demo.pipeline.Pipeline;
import io.clickstream.event.EventJson;
import io.clickstream.event.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on real Kafka, Elasticsearch and Spark, driven by a seeded load with injected
 * bots, duplicates, late and malformed events, while the hostile-input corpus is thrown at the gateway.
 * Passes when {@code verify} passes (every field of every KPI and ranking document of the run's
 * windows: counts, revenue, averages and rankings exact, rates within 1e-9, unique visitors within
 * bound; no document the ledger does not predict; every injected bot alerted once, no other alert of
 * the run's users or in its judged site range), every hostile input was rejected with a reason and
 * none caused a 5xx, and the rejected events are in the DLQ.
 */
class PipelineE2EIT {

    @Test
    void seededLoadWithHostileInputsVerifiesExactly() throws Exception {
        Path dir = Path.of("target", "e2e-pipeline").toAbsolutePath();
        DemoCli.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path ledger = dir.resolve("ledger.json");
        try (Pipeline pipeline = Pipeline.start(Pipeline.Settings.forTests(dir, 1), ModuleCommands.fromEnvironment(),
                line -> System.out.println("[e2e] " + line))) {
            Component load = pipeline.startLoad("load", List.of("--rate", "1500", "--duration", "100s", "--seed", "20261125",
                    "--click-bots-per-min", "3", "--flood-bots-per-min", "2", "--ledger", ledger.toString(),
                    "--report", dir.resolve("report.html").toString(), "--progress-interval", "10s"));

            List<HostileProbe.Outcome> outcomes = HostileProbe.throwAll(pipeline.gatewayPort(), pipeline.writeKey(),
                    HostileInputs.corpus());
            assertThat(outcomes).hasSizeGreaterThanOrEqualTo(200);
            List<String> problems = outcomes.stream().filter(o -> o.problem() != null)
                    .map(o -> o.input().name() + " -> " + o.status() + ": " + o.problem()).toList();
            assertThat(problems).as("hostile inputs not rejected with a reason").isEmpty();
            assertThat(pipeline.get("/q/health/live")).map(r -> r.statusCode()).contains(200);

            Optional<Integer> loadExit = load.awaitExit(Duration.ofMinutes(4));
            assertThat(loadExit).as("load generator exit, see " + load.logFile()).contains(0);
            assertThat(pipeline.failedComponent()).as("a part of the pipeline died").isEmpty();

            Component verify = pipeline.verify(ledger, List.of("--wait", "240s"));
            Optional<Integer> verifyExit = verify.awaitExit(Duration.ofMinutes(6));
            System.out.println(Files.readString(verify.logFile()));
            assertThat(verifyExit).as("verify exit code; its output is above and in " + verify.logFile()).contains(0);
            // every field of every KPI and ranking document, extra documents and every alert rule were judged
            assertThat(Files.readString(verify.logFile())).contains("mismatch 0, missing 0, extra 0", "alerts (every rule): recall 1.00",
                    "precision 1.00", "PASS");

            List<ConsumerRecord<String, String>> dlq = TopicReader.readAll(pipeline.stack().kafkaBootstrap(), Topics.EVENTS_DLQ);
            List<String> raws = dlq.stream().map(r -> dlqRaw(r.value())).toList();
            for (HostileProbe.Outcome o : outcomes) {
                if (o.input().isEvent() && o.status() == 200) {
                    assertThat(raws).as("DLQ record for " + o.input().name())
                            .anySatisfy(raw -> assertThat(HostileProbe.sameEvent(raw, o.input())).isTrue());
                }
            }
        }
    }

    private static String dlqRaw(String value) {
        try {
            JsonNode node = EventJson.mapper().readTree(value);
            return node.path("raw").asText();
        } catch (Exception e) {
            throw new AssertionError("DLQ record is not JSON: " + value, e);
        }
    }
}
