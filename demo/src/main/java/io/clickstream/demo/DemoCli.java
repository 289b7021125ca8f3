package io.clickstream.demo;

import io.clickstream.cli.DurationConverter;
import io.clickstream.demo.live.LiveSummary;
import io.clickstream.demo.pipeline.Component;
import io.clickstream.demo.pipeline.ModuleCommands;
import io.clickstream.demo.pipeline.Pipeline;
import io.clickstream.stack.LocalStack;
import io.clickstream.stack.process.DirectoryTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./clickstream demo}: the whole pipeline on this machine — embedded Kafka and Elasticsearch,
 * the gateway, the Spark job and a seeded shop load with a few injected bots — with a live summary,
 * until Ctrl-C or {@code --duration}; then everything stops and the run is verified against the load
 * generator's ledger. Exit code: verify's (0 = every KPI and alert as expected).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole pipeline with a live summary, then verifies the numbers.",
                "Stops everything it started, also after Ctrl-C or a failure."})
public final class DemoCli implements Callable<Integer> {

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Load duration (e.g. 120s, 5m). Default: until Ctrl-C (at most 1h).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "2000", description = "Target events per second of the shop load (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the load: same seed, same events (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--click-bots-per-min", defaultValue = "2", description = "Injected click bots per minute (default ${DEFAULT-VALUE}).")
    double clickBots;

    @Option(names = "--flood-bots-per-min", defaultValue = "1", description = "Injected page-view flood bots per minute (default ${DEFAULT-VALUE}).")
    double floodBots;

    @Option(names = "--brokers", defaultValue = "1", description = "Kafka nodes (default ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--gateway-port", defaultValue = "8080", description = "Gateway HTTP port (default ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "First Kafka port (default ${DEFAULT-VALUE}; controller +1).")
    int kafkaPort;

    @Option(names = "--es-port", defaultValue = "9200", description = "Elasticsearch port (default ${DEFAULT-VALUE}).")
    int esPort;

    @Option(names = "--work-dir", description = "Data, checkpoints, logs, ledger and report. Default: $CLICKSTREAM_WORK_DIR/demo or .stack/demo.")
    Path workDir;

    @Option(names = "--keep-data", description = "Keep the previous demo's data instead of starting clean.")
    boolean keepData;

    @Option(names = "--refresh", defaultValue = "2s", converter = DurationConverter.class,
            description = "Live summary refresh period (default ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(names = "--verify-wait", defaultValue = "180s", converter = DurationConverter.class,
            description = "How long verify waits for analytics to catch up (default ${DEFAULT-VALUE}).")
    Duration verifyWait;

    /** Where {@link Pipeline} keeps the stack below the demo's work dir. */
    static final String STACK_DIR = Pipeline.STACK_DIR;

    private final PrintStream out = System.out;
    private final AtomicBoolean interrupted = new AtomicBoolean();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = (workDir != null ? workDir : defaultWorkDir()).toAbsolutePath().normalize();
        if (!keepData) {
            deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        installCtrlC();
        long t0 = System.nanoTime();
        say("starting the pipeline in " + dir + " (logs in " + dir.resolve("logs") + ")");
        Pipeline.Settings settings = new Pipeline.Settings(dir, brokers, kafkaPort, esPort, gatewayPort, List.of(),
                Duration.ofMinutes(3));
        Pipeline pipeline;
        try {
            pipeline = Pipeline.start(settings, ModuleCommands.fromEnvironment(), this::say);
        } catch (RuntimeException e) {
            say("FAILED to start: " + e.getMessage());
            say("everything that was started has been stopped");
            return 1;
        }
        try {
            return run(pipeline, dir, t0);
        } finally {
            say("stopping gateway, analytics, Kafka and Elasticsearch …");
            pipeline.close();
            say("stopped; logs, ledger and report stay in " + dir);
        }
    }

    private int run(Pipeline pipeline, Path dir, long t0) throws InterruptedException {
        Path ledger = dir.resolve("ledger.json");
        Path report = dir.resolve("report.html");
        Duration loadDuration = duration != null ? duration : Duration.ofHours(1);
        List<String> loadArgs = new ArrayList<>(List.of("--rate", String.valueOf(rate), "--duration", loadDuration.toSeconds() + "s",
                "--seed", String.valueOf(seed), "--ledger", ledger.toString(), "--report", report.toString(),
                "--click-bots-per-min", String.valueOf(clickBots), "--flood-bots-per-min", String.valueOf(floodBots),
                "--progress-interval", "0"));
        Component load = pipeline.startLoad("load", loadArgs);
        printWhereToLook(pipeline);

        Double firstKpiSeconds = null;
        try (LiveSummary summary = new LiveSummary(pipeline.gatewayUrl(), pipeline.stack().elasticsearchUrl(), "60s/10s")) {
            boolean tty = System.console() != null;
            int printedLines = 0;
            while (load.isAlive()) {
                if (interrupted.get()) {
                    say("Ctrl-C: ending the load, then verifying what was sent (Ctrl-C again stops at once)");
                    load.stop(Duration.ofSeconds(30));
                    break;
                }
                Optional<Component> failed = pipeline.failedComponent();
                if (failed.isPresent()) {
                    say("FAILED: " + failed.get().name() + " exited: " + failed.get().lastError());
                    say("read " + failed.get().logFile() + "; stopping the rest");
                    return 1;
                }
                List<String> lines = summary.render();
                if (firstKpiSeconds == null && !lines.get(1).contains("waiting")) {
                    firstKpiSeconds = (System.nanoTime() - t0) / 1e9;
                }
                if (tty && printedLines > 0) {
                    out.print("\033[" + printedLines + "A\033[J");
                }
                lines.forEach(out::println);
                printedLines = lines.size();
                Thread.sleep(refresh.toMillis());
            }
        }
        Optional<Integer> loadExit = load.awaitExit(Duration.ofSeconds(60));
        if (loadExit.isEmpty() || loadExit.get() != 0 || !Files.exists(ledger)) {
            say("FAILED: the load generator ended with " + loadExit.map(String::valueOf).orElse("no exit") + ": "
                    + load.lastError() + "; read " + load.logFile());
            return 1;
        }
        if (firstKpiSeconds != null) {
            say(String.format(java.util.Locale.ROOT, "first KPI window visible %.1f s after start", firstKpiSeconds));
        }
        say("load finished; report: " + report);
        say("verifying Elasticsearch against the ledger (waits up to " + verifyWait.toSeconds() + " s for analytics to catch up) …");
        Component verify = pipeline.verify(ledger, List.of("--wait", verifyWait.toSeconds() + "s"));
        Optional<Integer> code = verify.awaitExit(verifyWait.plusMinutes(1));
        printFile(verify.logFile());
        if (code.isEmpty()) {
            say("verify did not finish; read " + verify.logFile());
            return 1;
        }
        say(code.get() == 0 ? "VERIFIED: every KPI and alert matches the ledger" : "verify FAILED (exit " + code.get() + ")");
        return code.get();
    }

    private void printWhereToLook(Pipeline pipeline) {
        String es = pipeline.stack().elasticsearchUrl();
        say("where to look:");
        say("  live page      " + pipeline.gatewayUrl() + "/dashboard   (open it in a browser; numbers via " + pipeline.gatewayUrl() + "/api/kpis)");
        say("  gateway        " + pipeline.gatewayUrl() + "/v1/events   (metrics " + pipeline.gatewayUrl() + "/q/metrics)");
        say("  Kafka          " + pipeline.stack().kafkaBootstrap() + "   e.g. kcat -b " + pipeline.stack().kafkaBootstrap() + " -C -t clicks -o -5 -e");
        say("  Elasticsearch  " + es);
        say("  latest KPIs    curl -s '" + es + "/clickstream-kpis/_search?sort=window_end:desc&size=1&q=granularity:%2260s/10s%22'");
        say("  alerts         curl -s '" + es + "/clickstream-alerts/_search?sort=updated_at:desc'");
        say("press Ctrl-C to stop" + (duration != null ? " early; the load runs " + duration.toSeconds() + " s" : ""));
    }

    /** Ctrl-C once: finish gracefully (stop load, verify, stop all). Twice: the JVM exits and the hook stops everything. */
    private void installCtrlC() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                if (!interrupted.compareAndSet(false, true)) {
                    System.exit(130);
                }
            });
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform: the default handler and the stack's shutdown hook apply
        }
    }

    private static Path defaultWorkDir() {
        String env = System.getenv("CLICKSTREAM_WORK_DIR");
        return (env != null && !env.isBlank() ? Path.of(env) : Path.of(".stack")).resolve("demo");
    }

    private void printFile(Path file) {
        try {
            Files.readAllLines(file).forEach(out::println);
        } catch (IOException e) {
            say("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void say(String line) {
        out.println("demo: " + line);
        out.flush();
    }

    /**
     * Removes a previous demo's data. The stack's own purge runs first: when the work dir is not
     * reachable by Elasticsearch's unprivileged user, its data lives in the cache dir, not below {@code dir}.
     */
    static void deleteRecursively(Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve(STACK_DIR))) {
            LocalStack.purge(dir.resolve(STACK_DIR));
        }
        DirectoryTrees.delete(dir);
    }
}
