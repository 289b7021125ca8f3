package io.clickstream.demo.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command lines of the pipeline's runnable modules, as the {@code ./clickstream} launcher runs them:
 * the launcher script is the one description of how a module starts (jar, classpath, JVM options,
 * main class), and this class asks it ({@code CLICKSTREAM_PRINT_COMMAND=1}) instead of knowing it.
 * The launcher builds a stale module first, as it does for people.
 *
 * @param root     the repository root (holds the {@code clickstream} script and the module folders)
 * @param javaHome the Java installation the modules run on (the launcher's {@code JAVA_HOME})
 */
public record ModuleCommands(Path root, Path javaHome) {

    /** From {@code -Dclickstream.root} (set by the launcher and by Failsafe), else the working directory. */
    public static ModuleCommands fromEnvironment() {
        Path root = Path.of(System.getProperty("clickstream.root", ".")).toAbsolutePath().normalize();
        return new ModuleCommands(root, Path.of(System.getProperty("java.home")));
    }

    /** The ingest gateway on {@code port} (loopback only), publishing to {@code kafka}. */
    public List<String> gateway(int port, String kafka) {
        return gateway(port, kafka, List.of());
    }

    /**
     * The ingest gateway on {@code port} (loopback only), publishing to {@code kafka}, with further
     * settings ({@code key=value}, e.g. the write keys {@code clickstream.sites.<key>=<site>}).
     */
    public List<String> gateway(int port, String kafka, List<String> settings) {
        List<String> command = new ArrayList<>(List.of("gateway", "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1", "-Dclickstream.kafka.bootstrap=" + kafka));
        settings.forEach(s -> command.add("-D" + s));
        return launcherCommand("-Xmx512m", command);
    }

    /** The Spark job with its flags ({@code --kafka}, {@code --es}, {@code --checkpoint} …). */
    public List<String> analytics(List<String> args) {
        List<String> command = new ArrayList<>(List.of("analytics"));
        command.addAll(args);
        return launcherCommand("-Xmx2g", command);
    }

    /**
     * The load generator CLI: {@code args} start with its subcommand ({@code load …} or {@code verify …}).
     * {@code load} keeps ~390 bytes per sent event for its ledger: 4 GB of heap hold the demo's hour at
     * its default 2 000 events/s (~2.8 GB).
     */
    public List<String> loadGenerator(List<String> args) {
        return launcherCommand("-Xmx4g", args);
    }

    /** What {@code ./clickstream <command…>} would run, with {@code javaOptions} added to the JVM. */
    List<String> launcherCommand(String javaOptions, List<String> command) {
        Path script = root.resolve("clickstream");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " is missing: -Dclickstream.root must name the repository root");
        }
        List<String> call = new ArrayList<>(List.of("bash", script.toString()));
        call.addAll(command);
        try {
            Path errors = Files.createTempFile("clickstream-launcher-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(call).redirectError(errors.toFile());
                builder.environment().put("CLICKSTREAM_PRINT_COMMAND", "1");
                builder.environment().put("CLICKSTREAM_JAVA_OPTS", javaOptions);
                builder.environment().put("JAVA_HOME", javaHome.toString());
                Process process = builder.start();
                byte[] out = process.getInputStream().readAllBytes();
                // The launcher may build a stale module first: minutes, not hours.
                if (!process.waitFor(30, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("./clickstream " + command.get(0) + " did not answer within 30 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("./clickstream " + String.join(" ", command) + " failed (exit "
                            + process.exitValue() + "): " + Files.readString(errors).strip());
                }
                // Every word ends with a NUL, so the last piece of the split is the empty rest.
                List<String> words = new ArrayList<>(Arrays.asList(new String(out, StandardCharsets.UTF_8).split("\0", -1)));
                words.remove(words.size() - 1);
                if (words.isEmpty()) {
                    throw new IllegalStateException("./clickstream " + String.join(" ", command) + " printed no command");
                }
                return List.copyOf(words);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking ./clickstream for a command line", e);
        }
    }
}
