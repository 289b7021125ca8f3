package io.clickstream.stack.elasticsearch;

import io.clickstream.es.Elasticsearch;
import io.clickstream.es.EsException;
import io.clickstream.stack.config.StackConfig;
import io.clickstream.stack.process.Artifacts;
import io.clickstream.stack.process.LogTail;
import io.clickstream.stack.process.ManagedProcess;
import io.clickstream.stack.process.PidFile;
import io.clickstream.stack.process.Privileges;
import io.clickstream.stack.process.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One single-node Elasticsearch. Its run directory (config, data, logs, tmp) is
 * {@code <work dir>/elasticsearch}, or — when running as root and the work dir is not reachable by
 * the unprivileged user — {@code <cache>/runs/<hash of work dir>/elasticsearch}.
 */
public final class ElasticsearchNode {

    private final StackConfig config;
    private final int httpPort;
    private final int transportPort;
    private final Path home;

    public ElasticsearchNode(StackConfig config, int httpPort, int transportPort) {
        this.config = config;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.home = runDir(config.workDir(), config.cacheDir());
    }

    /** Where this work dir's Elasticsearch keeps config, data and logs (see class comment). */
    public static Path runDir(Path workDir, Path cacheDir) {
        if (Privileges.reachableByUnprivileged(workDir)) {
            return workDir.resolve("elasticsearch");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(workDir.toString().getBytes(StandardCharsets.UTF_8));
            return cacheDir.resolve("runs").resolve(HexFormat.of().formatHex(hash, 0, 6)).resolve("elasticsearch");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path pidFile(Path workDir) {
        return workDir.resolve("pids").resolve("elasticsearch.pid");
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Elasticsearch's own log ({@code <cluster.name>.log}). */
    public Path logFile() {
        return home.resolve("logs").resolve("clickstream.log");
    }

    private Path outFile() {
        return config.workDir().resolve("logs").resolve("elasticsearch.out");
    }

    private ManagedProcess process(Path distribution) {
        List<String> cmd = new ArrayList<>(Privileges.dropRootPrefix());
        cmd.add(distribution.resolve("bin").resolve("elasticsearch").toString());
        Map<String, String> env = Map.of(
                "ES_JAVA_HOME", Artifacts.javaHome().toString(),
                "ES_PATH_CONF", home.resolve("config").toString(),
                "ES_TMPDIR", home.resolve("tmp").toString(),
                "HOME", home.toString());
        return new ManagedProcess("elasticsearch", cmd, env, outFile(), pidFile(config.workDir()), config.detached());
    }

    public boolean isRunning() {
        return PidFile.read(pidFile(config.workDir())).isPresent();
    }

    /** Unpacks the distribution if needed, writes the configuration and starts the node (no wait). */
    public void start() {
        if (isRunning()) {
            return;
        }
        Path distribution = ElasticsearchDistribution.unpacked(Artifacts.elasticsearchZip(), config.cacheDir());
        prepare(distribution);
        process(distribution).start();
    }

    private void prepare(Path distribution) {
        try {
            if (!home.startsWith(config.workDir())) {
                ElasticsearchDistribution.createReachable(home.getParent());
            }
            Path conf = home.resolve("config");
            if (!Files.exists(conf.resolve("jvm.options"))) {
                copyTree(distribution.resolve("config"), conf);
            }
            Files.createDirectories(conf.resolve("jvm.options.d"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(home.resolve("tmp"));
            Files.writeString(conf.resolve("elasticsearch.yml"), ElasticsearchYml.render(home, httpPort, transportPort));
            Files.writeString(conf.resolve("jvm.options.d").resolve("clickstream.options"),
                    "-Xms" + config.elasticsearchHeap() + "\n-Xmx" + config.elasticsearchHeap() + "\n"
                            // ES pre-touches the whole heap at start: seconds of CPU on a busy laptop
                            // and memory it may never use; a local stack does not need it.
                            + "-XX:-AlwaysPreTouch\n");
            Privileges.handToUnprivileged(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Elasticsearch run directory " + home, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Waits for {@code _cluster/health} yellow or green; fails at once if the process exits. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!isRunning()) {
                String hint = LogTail.lastError(logFile()).or(() -> LogTail.lastError(outFile()))
                        .map(l -> "\n  last error: " + l).orElse("");
                throw new StackException("Elasticsearch (port " + httpPort + ") exited during start; read " + logFile()
                        + " (console output: " + outFile() + ")" + hint);
            }
            if (health().filter(s -> s.equals("green") || s.equals("yellow")).isPresent()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("Elasticsearch (port " + httpPort + ") not healthy after "
                        + timeout.toSeconds() + " s; read " + logFile());
            }
            sleep(250);
        }
    }

    /** The cluster health status ("green", "yellow", "red"), or empty when it does not answer. */
    public Optional<String> health() {
        return health(url());
    }

    public static Optional<String> health(String url) {
        try (Elasticsearch es = Elasticsearch.connect(url, Duration.ofSeconds(2), Duration.ofSeconds(3))) {
            return Optional.of(es.clusterHealth(Duration.ofSeconds(1)));
        } catch (EsException e) {
            return Optional.empty();
        }
    }

    public void stop() {
        ManagedProcess.stop(pidFile(config.workDir()), "elasticsearch");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Elasticsearch", e);
        }
    }
}
