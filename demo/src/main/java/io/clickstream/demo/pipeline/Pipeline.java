package io.clickstream.demo.pipeline;

import io.clickstream.load.schedule.Sites;
import io.clickstream.stack.LocalStack;
import io.clickstream.stack.process.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole pipeline on one machine: the embedded stack (real Kafka and Elasticsearch), the ingest
 * gateway and the Spark job as child processes, plus load-generator runs on demand. Used by
 * {@code ./clickstream demo} and by the end-to-end, chaos and hostile-input tests, so the tests prove
 * exactly what a person runs. {@link #close()} stops everything it started.
 */
public final class Pipeline implements AutoCloseable {

    /**
     * Where and how the pipeline runs.
     *
     * @param workDir        stack data, checkpoints, logs, ledgers
     * @param brokers        Kafka nodes (replication factor min(N,3))
     * @param kafkaPort      first broker port; 0 = free ports (tests)
     * @param esPort         Elasticsearch port; 0 = a free port
     * @param gatewayPort    gateway HTTP port; 0 = a free port
     * @param analyticsArgs  extra flags for the Spark job (e.g. {@code --trigger 2s})
     * @param startupTimeout how long each part may take to become ready
     * @param sites          the sites and their write keys: the gateway maps each key to its site
     *                       ({@code clickstream.sites.<key>=<site>}) and every load run sends with them
     */
    public record Settings(Path workDir, int brokers, int kafkaPort, int esPort, int gatewayPort,
                           List<String> analyticsArgs, Duration startupTimeout, Sites sites) {
        public Settings {
            analyticsArgs = List.copyOf(analyticsArgs);
            sites = sites == null ? Sites.defaults() : sites;
        }

        /** With the load generator's default sites ({@link Sites#DEFAULT_SPEC}). */
        public Settings(Path workDir, int brokers, int kafkaPort, int esPort, int gatewayPort,
                        List<String> analyticsArgs, Duration startupTimeout) {
            this(workDir, brokers, kafkaPort, esPort, gatewayPort, analyticsArgs, startupTimeout, null);
        }

        /** Free ports everywhere: for tests that share the machine with other builds. */
        public static Settings forTests(Path workDir, int brokers) {
            return new Settings(workDir, brokers, 0, 0, 0, List.of(), Duration.ofMinutes(3));
        }
    }

    /** The stack's work dir below the pipeline's. */
    public static final String STACK_DIR = "stack";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Settings settings;
    private final ModuleCommands commands;
    private final Consumer<String> progress;
    private final List<Component> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LocalStack stack;
    private Component gateway;
    private Component analytics;
    private int gatewayPort;
    private final Thread shutdownHook = new Thread(this::close, "pipeline-shutdown");
    private boolean closed;

    private Pipeline(Settings settings, ModuleCommands commands, Consumer<String> progress) {
        this.settings = settings;
        this.commands = commands;
        this.progress = progress;
    }

    /** Starts stack, gateway and analytics; on any failure stops what was started and rethrows. */
    public static Pipeline start(Settings settings, ModuleCommands commands, Consumer<String> progress) {
        Pipeline pipeline = new Pipeline(settings, commands, progress);
        Runtime.getRuntime().addShutdownHook(pipeline.shutdownHook);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll() {
        stack = LocalStack.builder()
                .workDir(settings.workDir().resolve(STACK_DIR))
                .brokers(settings.brokers())
                .kafkaPort(settings.kafkaPort())
                .elasticsearchPort(settings.esPort())
                .startupTimeout(settings.startupTimeout())
                // Own session, like every part: Ctrl-C reaches the demo only; this pipeline's hook stops it.
                .detached(true)
                .progress(line -> progress.accept("stack: " + line))
                .start();
        gatewayPort = settings.gatewayPort() == 0 ? FreePorts.pick(1).get(0) : settings.gatewayPort();
        if (!FreePorts.isFree(gatewayPort)) {
            throw new IllegalStateException("port " + gatewayPort + " is taken: stop what listens there "
                    + "(another gateway? `./clickstream down`) or choose another with --gateway-port");
        }
        // ES_URL: the gateway's query API and live page (/api/*, /dashboard) read this stack's Elasticsearch.
        gateway = new Component("gateway", commands.gateway(gatewayPort, stack.kafkaBootstrap(),
                settings.sites().gatewayProperties()),
                Map.of("ES_URL", stack.elasticsearchUrl()), logDir());
        startComponent(gateway);
        awaitGatewayReady(settings.startupTimeout());
        progress.accept("gateway ready on " + gatewayUrl());
        List<String> args = new ArrayList<>(List.of("--kafka", stack.kafkaBootstrap(), "--es", stack.elasticsearchUrl(),
                "--checkpoint", settings.workDir().resolve("checkpoints").toAbsolutePath().toString()));
        args.addAll(settings.analyticsArgs());
        analytics = new Component("analytics", commands.analytics(args), Map.of("SPARK_LOCAL_IP", "127.0.0.1"), logDir());
        startComponent(analytics);
        progress.accept("analytics started (Spark local mode; first results ~10-20 s)");
    }

    private void startComponent(Component component) {
        component.start();
        started.add(component);
    }

    public Path logDir() {
        return settings.workDir().resolve("logs");
    }

    public LocalStack stack() {
        return stack;
    }

    public Component gateway() {
        return gateway;
    }

    public Component analytics() {
        return analytics;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    /** The write key of the busiest site: what a client of this pipeline's gateway sends events with. */
    public String writeKey() {
        return settings.sites().first().writeKey();
    }

    /** The site the gateway stamps on events sent with {@link #writeKey()}. */
    public String site() {
        return settings.sites().first().name();
    }

    /** Starts a load-generator run; the gateway URL and the sites (write keys) are filled in. */
    public Component startLoad(String name, List<String> args) {
        List<String> full = new ArrayList<>(List.of("load", "--gateway-url", gatewayUrl(), "--kafka", stack.kafkaBootstrap(),
                "--sites", settings.sites().spec()));
        full.addAll(args);
        Component load = new Component(name, commands.loadGenerator(full), Map.of(), logDir());
        startComponent(load);
        return load;
    }

    /** Runs {@code verify} against this stack's Elasticsearch; returns its exit code and log. */
    public Component verify(Path ledger, List<String> args) {
        List<String> full = new ArrayList<>(List.of("verify", "--ledger", ledger.toString(), "--es", stack.elasticsearchUrl()));
        full.addAll(args);
        Component verify = new Component("verify", commands.loadGenerator(full), Map.of(), logDir());
        startComponent(verify);
        return verify;
    }

    /** Polls {@code /q/health/ready} until it answers 200; throws naming the log when it does not. */
    public void awaitGatewayReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway exited during start: " + gateway.lastError()
                        + "; see " + gateway.logFile());
            }
            if (get("/q/health/ready").filter(r -> r.statusCode() == 200).isPresent()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the gateway was not ready within " + timeout + "; see " + gateway.logFile());
    }

    /** A GET against the gateway, empty when it cannot be reached. */
    public Optional<HttpResponse<String>> get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl() + path)).timeout(Duration.ofSeconds(5)).GET().build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first long-running part (gateway, analytics) that died on its own, if any. */
    public Optional<Component> failedComponent() {
        return List.of(gateway, analytics).stream().filter(c -> c != null && !c.isAlive()).findFirst();
    }

    /** Stops every child process (newest first), then the stack. Never throws: it reports and goes on. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            Component c = started.get(i);
            try {
                c.stop(STOP_GRACE);
            } catch (RuntimeException e) {
                progress.accept("could not stop " + c.name() + ": " + e.getMessage());
            }
        }
        if (stack != null) {
            try {
                stack.close();
            } catch (RuntimeException e) {
                progress.accept("could not stop the stack: " + e.getMessage());
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
