package io.clickstream.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.analytics.testing.EsReader;
import io.clickstream.analytics.testing.EventProducer;
import io.clickstream.analytics.testing.JobProcess;
import io.clickstream.analytics.testing.KpiAssertions;
import io.clickstream.analytics.testing.KpiOracle;
import io.clickstream.analytics.testing.Scenario;
import io.clickstream.analytics.testing.SharedStack;
import io.clickstream.event.EventJson;
import io.clickstream.stack.LocalStack;
import io.clickstream.stack.process.FreePorts;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar on a real Spark standalone cluster: a Master and two Workers (one core each)
 * started from the Spark jars on loopback, the driver in client mode with only the Spark jars and the
 * job jar on its classpath — what {@code spark-submit --master spark://…} does. The executors run in
 * their own JVMs, so anything that only works in local mode (unserializable closures, static state,
 * classes missing from the job jar) fails here.
 */
class StandaloneClusterIT {

    private static final Instant START = Instant.parse("2026-11-25T11:00:00Z");
    /** What a Spark distribution does not ship: the job jar has to bring these. */
    private static final List<String> NOT_IN_SPARK = List.of("spark-analytics", "event-model", "spark-sql-kafka-0-10",
            "spark-token-provider-kafka-0-10", "kafka-clients", "commons-pool2", "elasticsearch-rest-client",
            "httpasyncclient", "httpcore-nio", "picocli", "jackson-datatype-jsr310", "local-stack");

    @Test
    void theJobJarComputesTheSameDocumentsOnAStandaloneClusterWithTwoWorkers() throws Exception {
        SharedStack.reset();
        LocalStack stack = SharedStack.get();
        AnalyticsConfig config = ItConfigs.forStack(stack, Files.createTempDirectory(Path.of("target"), "it-cluster-"));
        List<Scenario.Event> events = Scenario.generate(31, "cluster", START, 800, 150, 25);
        Map<String, JsonNode> expected = KpiOracle.expected(events, config.windowSize(), config.windowSlide(),
                config.slidingGranularity(), config.topN());

        Path jobJar = jobJar();
        Path sparkHome = sparkHome();
        String sparkCp = sparkHome.resolve("jars") + File.separator + "*";
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13");
        List<Integer> ports = FreePorts.pick(4);
        String master = "spark://127.0.0.1:" + ports.get(0);

        List<JobProcess> processes = new ArrayList<>();
        try (EventProducer producer = new EventProducer(stack.kafkaBootstrap());
             EsReader es = new EsReader(stack.elasticsearchUrl())) {
            processes.add(JobProcess.start("cluster-master", sparkCp, "org.apache.spark.deploy.master.Master",
                    List.of("-Xmx256m"), env, "--host", "127.0.0.1", "--port", "" + ports.get(0),
                    "--webui-port", "" + ports.get(1)));
            for (int w = 1; w <= 2; w++) {
                Path workDir = Files.createDirectories(Path.of("target", "spark-work", "worker-" + w).toAbsolutePath());
                processes.add(JobProcess.start("cluster-worker-" + w, sparkCp, "org.apache.spark.deploy.worker.Worker",
                        List.of("-Xmx256m"), env, master, "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                        "--webui-port", "" + ports.get(1 + w), "--work-dir", workDir.toString()));
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> masterState(ports.get(1)).path("aliveworkers").asInt() == 2);

            producer.send(events);
            List<String> args = new ArrayList<>(Arrays.asList(ItConfigs.args(config.toBuilder().master(master).build())));
            args.addAll(List.of("--conf", "spark.jars=" + jobJar, "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.executor.memory=512m",
                    "--conf", "spark.cores.max=2"));
            processes.add(JobProcess.start("cluster-driver", sparkCp + File.pathSeparator + jobJar,
                    "io.clickstream.analytics.AnalyticsJob", List.of(), env, args.toArray(String[]::new)));

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> KpiAssertions.assertMatches(es.all(Indices.KPIS_ALIAS), expected, config.approxRsd()));
            assertThat(es.count(Indices.KPIS_ALIAS)).isEqualTo(expected.size());

            JsonNode app = masterState(ports.get(1)).path("activeapps").get(0);
            assertThat(app.path("name").asText()).isEqualTo("clickstream-analytics");
            assertThat(app.path("cores").asInt()).as("executor cores on the two workers").isEqualTo(2);
        } finally {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).close();
            }
        }
    }

    private static JsonNode masterState(int uiPort) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return EventJson.mapper().readTree(r.body());
        } catch (Exception e) {
            return EventJson.mapper().createObjectNode();
        }
    }

    private static Path jobJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("spark-analytics-.*-job\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no job jar in target/; run mvn verify"))
                    .toAbsolutePath();
        }
    }

    /** A SPARK_HOME whose jars/ links every Spark jar of the build, as a distribution's would. */
    private static Path sparkHome() throws Exception {
        Path home = Path.of("target", "spark-home").toAbsolutePath();
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : Files.readString(Path.of("target", "classpath.txt")).trim().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (NOT_IN_SPARK.stream().noneMatch(name::startsWith) && !Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), jar);
            }
        }
        return home;
    }
}
