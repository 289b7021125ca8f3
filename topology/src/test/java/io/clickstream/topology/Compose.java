package io.clickstream.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * docker-compose.yml as Docker Compose itself resolves it: {@code docker-compose config} (Debian's
 * docker-compose 1.29, a client that needs no engine) for a set of active profiles, parsed.
 *
 * <p>Compose 1.29's {@code config} validates the file and interpolates it but neither filters services
 * by profile nor checks that a service's dependencies are active; {@link #active} applies the profile
 * rules of the Compose specification (a service without {@code profiles} is always active, one with
 * profiles when any of them is active) so the tests can check that every profile set starts.
 */
final class Compose {

    static final String FILE = "docker-compose.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode config;

    private Compose(JsonNode config) {
        this.config = config;
    }

    /** {@code docker-compose [--profile p]... config}; fails with the tool's message when it rejects the file. */
    static Compose config(Collection<String> profiles) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", Repository.ROOT.toString(),
                "-f", Repository.path(FILE).toString()));
        for (String p : profiles) {
            command.addAll(List.of("--profile", p));
        }
        command.add("config");
        ProcessBuilder pb = new ProcessBuilder(command).directory(Repository.ROOT.toFile()).redirectErrorStream(false);
        try {
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new AssertionError("docker-compose is not installed: `apt-get install docker-compose` "
                        + "(Debian's 1.29 client; .ci/run installs it). No container engine is needed.", e);
            }
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("docker-compose config did not finish in 2 minutes: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + err);
            }
            return new Compose(YAML.readTree(out));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every profile some service of the file names. */
    Set<String> allProfiles() {
        Set<String> profiles = new TreeSet<>();
        services().values().forEach(s -> s.path("profiles").forEach(p -> profiles.add(p.asText())));
        return profiles;
    }

    Map<String, JsonNode> services() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        config.path("services").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    JsonNode service(String name) {
        JsonNode s = config.path("services").path(name);
        if (s.isMissingNode()) {
            throw new AssertionError(FILE + " has no service " + name);
        }
        return s;
    }

    Set<String> volumes() {
        Set<String> out = new TreeSet<>();
        config.path("volumes").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The services that start with these profiles active. */
    Map<String, JsonNode> active(Collection<String> profiles) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        services().forEach((name, s) -> {
            JsonNode own = s.path("profiles");
            boolean on = own.isEmpty();
            for (JsonNode p : own) {
                on |= profiles.contains(p.asText());
            }
            if (on) {
                out.put(name, s);
            }
        });
        return out;
    }

    /** A service's environment as a map (docker-compose config writes it as a mapping). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> out = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The container ports a service publishes, by host port ({@code 127.0.0.1:8080:8080} → 8080 → 8080). */
    static Map<Integer, Integer> publishedPorts(JsonNode service) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (JsonNode p : service.path("ports")) {
            if (p.isObject()) {
                out.put(p.path("published").asInt(), p.path("target").asInt());
            } else {
                String[] parts = p.asText().replaceAll("/(tcp|udp)$", "").split(":");
                out.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
            }
        }
        return out;
    }

    /** The named volumes a service mounts, by path in the container. */
    static Map<String, String> namedVolumeMounts(JsonNode service, Set<String> declared) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode v : service.path("volumes")) {
            String source = v.isObject() ? v.path("source").asText() : v.asText().split(":")[0];
            String target = v.isObject() ? v.path("target").asText() : v.asText().split(":")[1];
            if (declared.contains(source)) {
                out.put(target, source);
            }
        }
        return out;
    }

    /** The host directories a service bind-mounts, by path in the container. */
    static Map<String, String> bindMounts(JsonNode service, Set<String> declared) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode v : service.path("volumes")) {
            String[] parts = v.isObject() ? new String[] {v.path("source").asText(), v.path("target").asText()}
                    : v.asText().split(":");
            if (!declared.contains(parts[0])) {
                out.put(parts[1], parts[0]);
            }
        }
        return out;
    }

    /** The command (or entrypoint) of a service as one string, for searching. */
    static String commandLine(JsonNode service) {
        StringBuilder sb = new StringBuilder();
        for (String key : List.of("entrypoint", "command")) {
            JsonNode c = service.path(key);
            if (c.isArray()) {
                c.forEach(a -> sb.append(a.asText()).append(' '));
            } else if (!c.isMissingNode()) {
                sb.append(c.asText()).append(' ');
            }
        }
        return sb.toString();
    }

    /** The health check command of a service as one string ("" without one). */
    static String healthCheck(JsonNode service) {
        JsonNode test = service.path("healthcheck").path("test");
        StringBuilder sb = new StringBuilder();
        if (test.isArray()) {
            test.forEach(a -> sb.append(a.asText()).append(' '));
        } else {
            sb.append(test.asText(""));
        }
        return sb.toString().trim();
    }
}
