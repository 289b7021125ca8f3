package io.clickstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every image docker-compose.yml builds: its context and Dockerfile exist, and each {@code COPY} source
 * exists in the context once {@code ./mvnw package} ran (this test runs after the modules are packaged).
 * A packaged Dockerfile linter does not exist in Debian (hadolint is not packaged), so the rules worth
 * linting for are checked here: pinned base images, a non-root user, exec-form entry points.
 */
class DockerfilesIT {

    /** Produced by the gateway's native sources-only build, which .ci/run runs after verify and checks. */
    private static final String NATIVE_SOURCES = "target/native-sources";

    private final Compose compose = Compose.config(List.of());

    @Test
    void everyBuildContextAndDockerfileExists() {
        long builds = compose.services().values().stream().filter(s -> s.has("build")).count();
        assertThat(builds).as("services built from this repository").isEqualTo(4);
        compose.services().forEach((name, s) -> {
            if (s.has("build")) {
                Path context = Path.of(s.path("build").path("context").asText());
                assertThat(context).as("build context of " + name).isDirectory();
                assertThat(context.resolve(s.path("build").path("dockerfile").asText("Dockerfile")))
                        .as("Dockerfile of " + name).isRegularFile();
            }
        });
    }

    @Test
    void everyCopySourceExistsAfterPackage() {
        forEachBuild((name, context, dockerfile) -> {
            for (Dockerfile.Instruction copy : dockerfile.instructions()) {
                if (!(copy.keyword().equals("COPY") || copy.keyword().equals("ADD")) || copy.hasFlag("--from=")) {
                    continue;
                }
                List<String> operands = copy.operands();
                for (String source : operands.subList(0, operands.size() - 1)) {
                    if (source.equals(NATIVE_SOURCES)) {
                        assertNativeSources(context);
                        continue;
                    }
                    assertThat(matches(context, source)).as("%s: COPY %s in %s (run ./mvnw package first)",
                            name, source, context).isPositive();
                }
            }
        });
    }

    /** Written by {@code -Dnative -Dquarkus.native.sources-only=true}; when present, it holds what native-image needs. */
    private static void assertNativeSources(Path context) {
        assertThat(Repository.read("ingest-gateway/pom.xml")).contains("<id>native</id>");
        Path dir = context.resolve(NATIVE_SOURCES);
        if (Files.isDirectory(dir)) {
            assertThat(dir.resolve("native-image.args")).isRegularFile();
            assertThat(matches(dir, "*-runner.jar")).isEqualTo(1);
            assertThat(dir.resolve("lib")).isDirectory();
        }
    }

    @Test
    void theNativeImageIsCompiledByMandrelFromTheNativeSources() {
        Dockerfile dockerfile = Dockerfile.parse(Repository.path("ingest-gateway/src/main/docker/Dockerfile.native"));
        List<Dockerfile.Instruction> from = dockerfile.all("FROM");
        assertThat(from).hasSize(2);
        assertThat(from.get(0).arguments()).startsWith("quay.io/quarkus/ubi-quarkus-mandrel-builder-image:jdk-");
        assertThat(dockerfile.all("RUN").get(0).arguments()).contains("native-image $(cat native-image.args)");
        assertThat(dockerfile.finalStage()).anyMatch(i -> i.keyword().equals("COPY") && i.hasFlag("--from=build"));
    }

    @Test
    void imagesArePinnedRunAsAUserAndStartInExecForm() {
        forEachBuild((name, context, dockerfile) -> {
            for (Dockerfile.Instruction from : dockerfile.all("FROM")) {
                assertThat(from.words().get(0)).as("%s: FROM %s pins a version", name, from.arguments())
                        .matches("[^:]+:[^:]+").doesNotEndWith(":latest");
            }
            List<Dockerfile.Instruction> last = dockerfile.finalStage();
            List<Dockerfile.Instruction> users = last.stream().filter(i -> i.keyword().equals("USER")).toList();
            assertThat(users).as("%s: the image sets its user", name).isNotEmpty();
            users.stream().reduce((a, b) -> b).ifPresent(u -> assertThat(u.arguments()).as("%s runs as", name)
                    .isNotIn("root", "0"));
            dockerfile.all("ENTRYPOINT").forEach(e -> assertThat(e.arguments()).as("%s: exec-form ENTRYPOINT", name).startsWith("["));
        });
    }

    private interface BuildCheck {
        void check(String service, Path context, Dockerfile dockerfile);
    }

    private void forEachBuild(BuildCheck check) {
        for (Map.Entry<String, JsonNode> e : compose.services().entrySet()) {
            JsonNode build = e.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = Path.of(build.path("context").asText());
                check.check(e.getKey(), context, Dockerfile.parse(context.resolve(build.path("dockerfile").asText("Dockerfile"))));
            }
        }
    }

    /** How many files or directories {@code glob} (Docker's COPY syntax, relative to {@code dir}) names. */
    private static long matches(Path dir, String glob) {
        String pattern = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.walk(dir, pattern.split("/").length)) {
            return files.filter(f -> matcher.matches(dir.relativize(f))).count();
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
