package io.clickstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clickstream.event.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml agrees with the applications it runs: topics, ports, the configuration names
 * each application reads, image versions, and the dashboards' files, datasource and indices.
 */
class ComposeWiringIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIBANA_DIR = "grafana-kibana/kibana";
    private static final String GRAFANA_PROVISIONING = "grafana-kibana/grafana/provisioning";
    private static final String GRAFANA_DASHBOARDS = "grafana-kibana/grafana/dashboards";
    private static final String DATASOURCE_UID = "clickstream-es";

    /** The local stack's defaults (the ports and partitions of ./clickstream up). */
    private static final int KAFKA_PORT = Repository.intConstant("local-stack", "DEFAULT_KAFKA_PORT");
    private static final int ELASTICSEARCH_PORT = Repository.intConstant("local-stack", "DEFAULT_ELASTICSEARCH_PORT");
    private static final int PARTITIONS = Repository.intConstant("local-stack", "DEFAULT_PARTITIONS");

    private static Compose compose;

    @BeforeAll
    static void parse() {
        compose = Compose.config(List.of());
    }

    @Test
    void theTopicsServiceCreatesTheEventModelsTopicsWithTheLocalStacksPartitions() {
        String script = Compose.commandLine(compose.service("kafka-topics"));
        Matcher list = Pattern.compile("for t in ([a-z_ ]+);").matcher(script);
        assertThat(list.find()).as("kafka-topics loops over the topic names: " + script).isTrue();
        assertThat(Arrays.asList(list.group(1).trim().split("\\s+"))).containsExactlyElementsOf(Topics.ALL);
        assertThat(script).contains("--partitions " + PARTITIONS);
        assertThat(Compose.environment(compose.service("kafka"))).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    @Test
    void hostPortsAreTheLocalStacksAndTheGatewaysOwn() {
        assertThat(Compose.publishedPorts(compose.service("kafka"))).containsEntry(KAFKA_PORT, KAFKA_PORT);
        assertThat(Compose.publishedPorts(compose.service("elasticsearch")))
                .containsEntry(ELASTICSEARCH_PORT, 9200);
        int gatewayPort = gatewayHttpPort();
        assertThat(Compose.publishedPorts(compose.service("gateway"))).containsEntry(gatewayPort, gatewayPort);
        assertThat(Compose.publishedPorts(compose.service("gateway-native"))).containsValue(gatewayPort);
        assertThat(Compose.publishedPorts(compose.service("kibana"))).containsEntry(5601, 5601);
        assertThat(Compose.publishedPorts(compose.service("grafana"))).containsEntry(3000, 3000);
        for (String gateway : List.of("gateway", "gateway-native")) {
            assertThat(Compose.healthCheck(compose.service(gateway))).contains("localhost:" + gatewayPort + "/q/health/ready");
        }
    }

    /** The default of {@code quarkus.http.port} in the gateway's application.properties. */
    private static int gatewayHttpPort() {
        Matcher m = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{GATEWAY_PORT:(\\d+)}")
                .matcher(Repository.read("ingest-gateway/src/main/resources/application.properties"));
        assertThat(m.find()).as("quarkus.http.port=${GATEWAY_PORT:…} in the gateway's application.properties").isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void addressesPointAtTheServicesThatListenThere() {
        String kafkaInternal = Arrays.stream(Compose.environment(compose.service("kafka")).get("KAFKA_ADVERTISED_LISTENERS").split(","))
                .filter(l -> l.startsWith("INTERNAL://")).map(l -> l.substring("INTERNAL://".length())).findFirst().orElseThrow();
        compose.services().forEach((name, s) -> {
            Map<String, String> env = Compose.environment(s);
            if (env.containsKey("KAFKA_BOOTSTRAP")) {
                assertThat(env.get("KAFKA_BOOTSTRAP")).as("KAFKA_BOOTSTRAP of " + name).isEqualTo(kafkaInternal);
            }
            if (env.containsKey("ES_URL")) {
                assertThat(env.get("ES_URL")).as("ES_URL of " + name).isEqualTo("http://elasticsearch:9200");
            }
        });
        assertThat(Compose.healthCheck(compose.service("kafka"))).contains(kafkaInternal);
        assertThat(Compose.commandLine(compose.service("kafka-topics"))).contains(kafkaInternal);
        assertThat(Compose.environment(compose.service("load-generator"))).containsEntry("GATEWAY_URL", "http://gateway:" + gatewayHttpPort());
        assertThat(Compose.environment(compose.service("kibana-import"))).containsEntry("KIBANA_URL", "http://kibana:5601");

        String master = Compose.commandLine(compose.service("spark-master"));
        Matcher port = Pattern.compile("--port (\\d+)").matcher(master);
        Matcher ui = Pattern.compile("--webui-port (\\d+)").matcher(master);
        assertThat(port.find() && ui.find()).as("spark-master names its ports: " + master).isTrue();
        String masterUrl = "spark://spark-master:" + port.group(1);
        assertThat(Compose.commandLine(compose.service("spark-worker"))).contains(masterUrl);
        assertThat(Compose.commandLine(compose.service("analytics"))).contains("--master " + masterUrl);
        assertThat(Compose.healthCheck(compose.service("spark-master"))).contains("localhost:" + ui.group(1));
        assertThat(Compose.healthCheck(compose.service("spark-worker"))).contains("spark-master:" + ui.group(1));
    }

    @Test
    void everyEnvironmentNameIsOneItsApplicationReads() {
        Map<String, String> applications = Map.of(
                "gateway", "ingest-gateway",
                "gateway-native", "ingest-gateway",
                "analytics", "spark-analytics",
                "load-generator", "load-generator");
        applications.forEach((service, module) -> {
            Set<String> reads = ConfigNames.environmentReadBy(module);
            assertThat(reads).as("environment names %s reads", module).contains("KAFKA_BOOTSTRAP", "ES_URL");
            assertThat(reads).as("environment names %s reads (given by service %s)", module, service)
                    .containsAll(Compose.environment(compose.service(service)).keySet());
        });
        assertThat(ConfigNames.environmentReadBy("spark-analytics")).contains("CHECKPOINT_DIR", "SPARK_MASTER");
        // The job takes its master from spark-submit when told "submit".
        assertThat(Compose.environment(compose.service("analytics"))).containsEntry("SPARK_MASTER", "submit");
        assertThat(Repository.read("spark-analytics/src/main/java/io/clickstream/analytics/config/AnalyticsOptions.java"))
                .contains("\"submit\".equals(master)");
    }

    @Test
    void imageVersionsAreTheRootPoms() throws IOException {
        Map<String, String> versions = Repository.rootPomProperties();
        assertThat(compose.service("kafka").path("image").asText()).isEqualTo("apache/kafka:" + versions.get("kafka.version"));
        assertThat(compose.service("kafka-topics").path("image").asText()).isEqualTo("apache/kafka:" + versions.get("kafka.version"));
        String es = versions.get("elasticsearch.version");
        assertThat(compose.service("elasticsearch").path("image").asText()).isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:" + es);
        assertThat(compose.service("kibana").path("image").asText()).isEqualTo("docker.elastic.co/kibana/kibana:" + es);
        assertThat(compose.service("kibana-import").path("image").asText()).isEqualTo("docker.elastic.co/kibana/kibana:" + es);
        Dockerfile spark = Dockerfile.parse(Repository.path("spark-analytics/src/main/docker/Dockerfile"));
        assertThat(spark.all("FROM").get(0).arguments()).isEqualTo("apache/spark:" + versions.get("spark.version")
                + "-scala" + versions.get("scala.binary.version") + "-java17-ubuntu");
    }

    @Test
    void theAnalyticsJobIsSubmittedFromTheShadedJobJar() {
        String submit = Compose.commandLine(compose.service("analytics"));
        assertThat(submit).startsWith("/opt/spark/bin/spark-submit ").contains("--class io.clickstream.analytics.AnalyticsJob")
                .contains("--deploy-mode client").contains("spark.driver.host=analytics").contains("/opt/clickstream/spark-analytics-job.jar");
        assertThat(compose.service("analytics").path("hostname").asText()).isEqualTo("analytics");
        String copy = Dockerfile.parse(Repository.path("spark-analytics/src/main/docker/Dockerfile")).all("COPY").get(0).arguments();
        assertThat(copy).contains("target/spark-analytics-*-job.jar").endsWith("/opt/clickstream/spark-analytics-job.jar");
        assertThat(Repository.read("spark-analytics/pom.xml")).contains("<shadedClassifierName>job</shadedClassifierName>");
    }

    @Test
    void kibanaImportsTheSavedObjectsOfGrafanaKibana() {
        Path dir = Repository.path(KIBANA_DIR);
        assertThat(dir.resolve("import.sh")).as("the dashboards' import script, run by the kibana-import service").isRegularFile();
        assertThat(dir.resolve("clickstream.ndjson")).as("the Kibana saved objects import.sh imports").isRegularFile();
        JsonNode importer = compose.service("kibana-import");
        Map<String, String> mounts = Compose.bindMounts(importer, compose.volumes());
        String mountPoint = mounts.entrySet().stream().filter(e -> Path.of(e.getValue()).normalize().equals(dir))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("kibana-import mounts " + KIBANA_DIR + ": " + mounts));
        assertThat(Compose.commandLine(importer)).contains(mountPoint + "/import.sh");
        assertThat(ConfigNames.reads(Repository.read(dir.resolve("import.sh")))).as("import.sh reads KIBANA_URL").contains("KIBANA_URL");
        Set<String> indices = indexNames();
        List<String> patterns = new ArrayList<>();
        for (String line : Repository.read(dir.resolve("clickstream.ndjson")).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode object = readJson(line);
            if (object.path("type").asText().equals("index-pattern")) {
                patterns.add(object.path("attributes").path("title").asText());
            }
        }
        assertThat(patterns).as("Kibana index patterns").isNotEmpty();
        patterns.forEach(p -> assertThat(indices.stream().anyMatch(a -> a.matches(p.replace("*", ".*"))))
                .as("index pattern %s matches one of the job's indices or aliases %s", p, indices).isTrue());
    }

    @Test
    void grafanaIsProvisionedFromGrafanaKibanaWithTheElasticsearchDatasource() throws IOException {
        for (String file : List.of(GRAFANA_PROVISIONING + "/datasources/clickstream.yaml",
                GRAFANA_PROVISIONING + "/dashboards/clickstream.yaml", GRAFANA_DASHBOARDS + "/clickstream.json")) {
            assertThat(Repository.path(file)).as("%s, mounted into the grafana service (the dashboards as code)", file)
                    .isRegularFile();
        }
        JsonNode grafana = compose.service("grafana");
        Map<String, String> mounts = Compose.bindMounts(grafana, compose.volumes());
        assertThat(Path.of(mounts.get("/etc/grafana/provisioning")).normalize()).isEqualTo(Repository.path(GRAFANA_PROVISIONING));
        assertThat(Path.of(mounts.get("/var/lib/grafana/dashboards")).normalize()).isEqualTo(Repository.path(GRAFANA_DASHBOARDS));

        JsonNode datasources = YAML.readTree(Repository.path(GRAFANA_PROVISIONING + "/datasources/clickstream.yaml").toFile());
        Set<String> datasourceUids = new TreeSet<>();
        Set<String> indices = indexNames();
        for (JsonNode datasource : datasources.path("datasources")) {
            String uid = datasource.path("uid").asText();
            datasourceUids.add(uid);
            assertThat(ConfigNames.reads(datasource.path("url").asText())).as("the URL of datasource %s comes from ES_URL", uid)
                    .containsExactly("ES_URL");
            String index = datasource.path("jsonData").path("index").asText(datasource.path("database").asText());
            assertThat(indices).as("the index of datasource %s is one the analytics job writes", uid).contains(index);
        }
        assertThat(datasourceUids).contains(DATASOURCE_UID);
        assertThat(Compose.environment(grafana)).containsEntry("ES_URL", "http://elasticsearch:9200");

        JsonNode providers = YAML.readTree(Repository.path(GRAFANA_PROVISIONING + "/dashboards/clickstream.yaml").toFile());
        assertThat(providers.path("providers").findValuesAsText("path")).as("dashboard provider paths")
                .allMatch(p -> p.startsWith("/var/lib/grafana/dashboards"));
        JsonNode dashboard = JSON.readTree(Repository.path(GRAFANA_DASHBOARDS + "/clickstream.json").toFile());
        Set<String> uids = new TreeSet<>();
        dashboard.findValues("datasource").forEach(d -> {
            if (d.has("uid") && !d.path("uid").asText().startsWith("$") && !d.path("uid").asText().startsWith("-- ")) {
                uids.add(d.path("uid").asText());
            }
        });
        assertThat(uids).as("datasource uids the dashboard's panels use, all provisioned").contains(DATASOURCE_UID)
                .isSubsetOf(datasourceUids);
    }

    /**
     * The Elasticsearch indices and aliases the analytics job writes: the {@code "clickstream-…"} string
     * constants of the main code (wherever the index names are defined).
     */
    private static Set<String> indexNames() {
        Set<String> names = new TreeSet<>();
        Pattern constant = Pattern.compile("static final String \\w+ = \"(clickstream-[a-z0-9-]+)\"");
        try (Stream<Path> modules = Files.list(Repository.ROOT)) {
            modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).flatMap(ComposeWiringIT::walk)
                    .filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> {
                        Matcher m = constant.matcher(Repository.read(f));
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(names).as("index names of the analytics job").contains("clickstream-kpis", "clickstream-alerts", "clickstream-rejects");
        return names;
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
