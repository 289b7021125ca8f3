package io.clickstream.demo.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Command lines of the pipeline's runnable modules, built from their packaged artifacts the same way
 * the {@code ./clickstream} launcher runs them (DEVELOPERS.md, "Runnable modules"): a module jar plus
 * its {@code target/classpath.txt}, the Quarkus runner jar for the gateway, and the Spark JVM flags
 * from {@code spark-analytics/target/launcher/jvm.options}.
 *
 * @param root the repository root (the directory holding the module folders)
 * @param java the java executable to run them with
 */
public record ModuleCommands(Path root, String java) {

    public static final String ANALYTICS_MAIN = "io.clickstream.analytics.AnalyticsJob";
    public static final String LOAD_MAIN = "io.clickstream.load.cli.LoadCli";

    /** From {@code -Dclickstream.root} (set by the launcher and by Failsafe), else the working directory. */
    public static ModuleCommands fromEnvironment() {
        Path root = Path.of(System.getProperty("clickstream.root", ".")).toAbsolutePath().normalize();
        String javaHome = System.getProperty("java.home");
        return new ModuleCommands(root, Path.of(javaHome, "bin", "java").toString());
    }

    /** The ingest gateway on {@code port}, publishing to {@code kafka}. */
    public List<String> gateway(int port, String kafka) {
        Path jar = require(root.resolve("ingest-gateway/target/quarkus-app/quarkus-run.jar"), "ingest-gateway");
        return List.of(java, "-Xmx512m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dclickstream.kafka.bootstrap=" + kafka, "-jar", jar.toString());
    }

    /** The Spark job with its flags ({@code --kafka}, {@code --es}, {@code --checkpoint} …). */
    public List<String> analytics(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx2g");
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(classpath("spark-analytics"));
        cmd.add(ANALYTICS_MAIN);
        cmd.addAll(args);
        return cmd;
    }

    /** The load generator CLI ({@code load …} or {@code verify …}). */
    public List<String> loadGenerator(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", classpath("load-generator"), LOAD_MAIN));
        cmd.addAll(args);
        return cmd;
    }

    private List<String> jvmOptions() {
        Path file = require(root.resolve("spark-analytics/target/launcher/jvm.options"), "spark-analytics");
        try {
            return Arrays.stream(Files.readString(file).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's own jar followed by its runtime classpath. */
    String classpath(String module) {
        Path target = root.resolve(module).resolve("target");
        Path classpathFile = require(target.resolve("classpath.txt"), module);
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
                                && !name.endsWith("-tests.jar") && !name.contains("-job");
                    })
                    .findFirst()
                    .orElseThrow(() -> missing(target.resolve(module + "-*.jar"), module));
            return jar + ":" + Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path require(Path file, String module) {
        if (!Files.isRegularFile(file)) {
            throw missing(file, module);
        }
        return file;
    }

    private static IllegalStateException missing(Path file, String module) {
        return new IllegalStateException(file + " is missing: build it with `./mvnw -q -DskipTests -pl " + module
                + " -am package` (./clickstream does this on first use)");
    }
}
