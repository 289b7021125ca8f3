package io.clickstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every profile of docker-compose.yml is accepted by Docker Compose and would start: each active
 * service's dependencies are active too, wait on health or completion, and have what they wait on.
 */
class ComposeProfilesIT {

    /** The services everything else waits on; they have no dependencies themselves. */
    private static final Set<String> ROOTS = Set.of("kafka", "elasticsearch", "spark-master");
    private static final Set<String> PROFILES = Set.of("pipeline", "dashboards", "load", "native");

    private static Compose compose;

    @BeforeAll
    static void parse() {
        compose = Compose.config(List.of());
    }

    /** None, each profile alone, and all together. */
    private static List<Set<String>> profileSets() {
        List<Set<String>> sets = new ArrayList<>();
        sets.add(Set.of());
        compose.allProfiles().forEach(p -> sets.add(Set.of(p)));
        sets.add(compose.allProfiles());
        return sets;
    }

    @Test
    void theFileHasTheDocumentedProfiles() {
        assertThat(compose.allProfiles()).containsExactlyInAnyOrderElementsOf(PROFILES);
    }

    @Test
    void dockerComposeAcceptsEveryProfileAndItsDependenciesAreActive() {
        for (Set<String> profiles : profileSets()) {
            Compose resolved = Compose.config(profiles);
            Map<String, JsonNode> active = resolved.active(profiles);
            assertThat(active).as("services of profiles %s", profiles).containsKeys("kafka", "kafka-topics", "elasticsearch");
            active.forEach((name, service) -> service.path("depends_on").fieldNames().forEachRemaining(dependency ->
                    assertThat(active).as("%s depends on %s, which profiles %s do not start", name, dependency, profiles)
                            .containsKey(dependency)));
        }
    }

    @Test
    void noTwoServicesOfAProfileSetPublishTheSameHostPort() {
        for (Set<String> profiles : profileSets()) {
            Map<Integer, String> owners = new HashMap<>();
            compose.active(profiles).forEach((name, service) -> Compose.publishedPorts(service).keySet().forEach(port -> {
                String other = owners.putIfAbsent(port, name);
                assertThat(other).as("host port %d of %s is also published by %s (profiles %s)", port, name, other, profiles)
                        .isNull();
            }));
        }
    }

    @Test
    void everyDependencyWaitsOnHealthOrCompletion() {
        Map<String, JsonNode> services = compose.services();
        services.forEach((name, service) -> {
            if (!ROOTS.contains(name)) {
                assertThat(service.path("depends_on").size()).as("%s has depends_on", name).isPositive();
            }
            service.path("depends_on").fields().forEachRemaining(d -> {
                String condition = d.getValue().path("condition").asText();
                JsonNode target = services.get(d.getKey());
                assertThat(condition).as("%s → %s condition", name, d.getKey())
                        .isIn("service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(Compose.healthCheck(target)).as("%s waits for %s to be healthy: it needs a healthcheck", name, d.getKey())
                            .isNotBlank();
                } else {
                    assertThat(target.path("restart").asText("no")).as("%s waits for %s to complete: it must be one-shot", name, d.getKey())
                            .isEqualTo("no");
                }
            });
        });
    }

    @Test
    void everyLongRunningServiceHasAHealthCheck() {
        compose.services().forEach((name, service) -> {
            boolean oneShot = service.path("restart").asText("").equals("no");
            if (!oneShot) {
                assertThat(Compose.healthCheck(service)).as("health check of " + name).isNotBlank();
            }
        });
    }

    @Test
    void dataAndCheckpointsLiveOnNamedVolumes() {
        Set<String> declared = compose.volumes();
        Map<String, String> expected = Map.of(
                "kafka", "/var/lib/kafka/data",
                "elasticsearch", "/usr/share/elasticsearch/data",
                "analytics", "/var/lib/clickstream/checkpoints",
                "spark-worker", "/var/lib/clickstream/checkpoints",
                "grafana", "/var/lib/grafana",
                "load-generator", "/var/lib/clickstream/load");
        expected.forEach((service, path) -> assertThat(Compose.namedVolumeMounts(compose.service(service), declared))
                .as("named volumes of %s", service).containsKey(path));
        // Kafka writes where its volume is mounted.
        assertThat(Compose.environment(compose.service("kafka"))).containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        // The driver and the executors see one checkpoint directory at one path.
        String checkpoint = Compose.environment(compose.service("analytics")).get("CHECKPOINT_DIR");
        assertThat(checkpoint).isEqualTo("/var/lib/clickstream/checkpoints");
        assertThat(Compose.namedVolumeMounts(compose.service("analytics"), declared).get(checkpoint))
                .isEqualTo(Compose.namedVolumeMounts(compose.service("spark-worker"), declared).get(checkpoint));
        Set<String> used = new TreeSet<>();
        compose.services().values().forEach(s -> used.addAll(Compose.namedVolumeMounts(s, declared).values()));
        assertThat(used).as("every declared volume is used").containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyImageOfTheProjectIsBuiltBySomeService() {
        Set<String> built = new TreeSet<>();
        compose.services().values().stream().filter(s -> s.has("build")).forEach(s -> built.add(s.path("image").asText()));
        compose.services().forEach((name, s) -> {
            String image = s.path("image").asText();
            if (image.startsWith("clickstream/")) {
                assertThat(built).as("%s uses %s, which no service builds", name, image).contains(image);
            } else {
                assertThat(image).as("%s pins its image version", name).matches(".+:[0-9][^:]*").doesNotEndWith(":latest");
            }
        });
    }
}
