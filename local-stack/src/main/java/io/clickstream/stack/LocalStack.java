package io.clickstream.stack;

import io.clickstream.stack.config.StackConfig;
import io.clickstream.stack.elasticsearch.ElasticsearchNode;
import io.clickstream.stack.kafka.KafkaCluster;
import io.clickstream.stack.kafka.KafkaTopology;
import io.clickstream.stack.process.DirectoryTrees;
import io.clickstream.stack.process.FreePorts;
import io.clickstream.stack.process.ManagedProcess;
import io.clickstream.stack.process.ParallelStop;
import io.clickstream.stack.process.PidFile;
import io.clickstream.stack.process.StackException;
import io.clickstream.stack.process.Watchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Real Apache Kafka (KRaft) and Elasticsearch on loopback, as child processes, for the CLI and for
 * every module's integration tests.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().workDir(Path.of("target/stack")).start()) {
 *     stack.kafkaBootstrap();      // "127.0.0.1:41234"
 *     stack.elasticsearchUrl();    // "http://127.0.0.1:41235"
 * }
 * }</pre>
 *
 * {@link Builder#start()} returns once every broker is registered, the five topics exist with leaders
 * and Elasticsearch is yellow or green; on failure it stops what it started and throws a
 * {@link StackException} naming the log file to read. A JVM shutdown hook stops the processes when
 * the JVM exits without {@link #close()} (Ctrl-C, failed test run), and a small watchdog process stops
 * them if the JVM is killed outright ({@code kill -9}); neither applies to a detached stack.
 */
public final class LocalStack implements AutoCloseable {
    private final StackConfig config;
    private final KafkaCluster kafka;
    private final ElasticsearchNode elasticsearch;
    private final Consumer<String> progress;
    private final Thread shutdownHook;
    private Watchdog watchdog;
    private volatile boolean closed;

    private LocalStack(StackConfig config, KafkaTopology topology, int esPort, int esTransportPort,
                       Consumer<String> progress) {
        this.config = config;
        this.kafka = new KafkaCluster(config, topology);
        this.elasticsearch = config.elasticsearch() ? new ElasticsearchNode(config, esPort, esTransportPort) : null;
        this.progress = progress;
        this.shutdownHook = new Thread(this::stopEverything, "local-stack-shutdown");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a stack; see {@link Builder#start()}. */
    public static LocalStack start(StackConfig config, Consumer<String> progress) {
        try {
            Files.createDirectories(config.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create work dir " + config.workDir(), e);
        }
        List<Long> running = runningPids(config.workDir());
        if (!running.isEmpty()) {
            throw new StackException("a stack already runs from " + config.workDir() + " (PIDs " + running
                    + "); stop it with `./clickstream down --work-dir " + config.workDir() + "`");
        }
        Optional<StackState> previous = StackState.load(config.workDir());
        if (previous.isEmpty()) {
            forgetCachedElasticsearchData(config, progress);
        }
        try {
            return attempt(config, previous, progress);
        } catch (StackException e) {
            // Free ports are only free when picked: on a shared machine another build can take one
            // before our broker binds it. Such a start is retried once on fresh ports.
            if (!e.portTaken()) {
                throw e;
            }
            progress.accept("a picked port was taken meanwhile (" + e.getMessage().lines().findFirst().orElse("")
                    + "), retrying on fresh ports");
            return attempt(config, Optional.empty(), progress);
        }
    }

    /**
     * A work dir without a saved stack is a new stack, so it starts with empty indices. When
     * Elasticsearch's run directory lives in the cache (the work dir is not reachable by the
     * unprivileged user), it is keyed by the work dir's path: a work dir deleted and created again at
     * the same path (a fresh clone's tests, a second CI run) would otherwise get the old one's data.
     */
    static void forgetCachedElasticsearchData(StackConfig config, Consumer<String> progress) {
        Path esHome = ElasticsearchNode.runDir(config.workDir(), config.cacheDir());
        if (!config.elasticsearch() || esHome.startsWith(config.workDir()) || !Files.exists(esHome)) {
            return;
        }
        try {
            DirectoryTrees.delete(esHome.getParent());
            progress.accept("new work dir: removed the Elasticsearch data an earlier stack left at " + esHome.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the earlier Elasticsearch data at " + esHome.getParent()
                    + "; delete it by hand", e);
        }
    }

    private static LocalStack attempt(StackConfig config, Optional<StackState> previous, Consumer<String> progress) {
        KafkaTopology topology = previous
                .filter(s -> config.kafkaPort() == 0 && s.topology().size() == config.brokers())
                .map(StackState::topology)
                .filter(t -> t.ports().stream().allMatch(FreePorts::isFree))
                .orElseGet(() -> KafkaTopology.plan(config.brokers(), config.kafkaPort()));
        int esPort = config.elasticsearchPort();
        int esTransport = esPort + 100;
        if (esPort == 0) {
            // Kafka's ports are not bound yet: they must not be handed to Elasticsearch as well.
            List<Integer> kafkaPorts = topology.ports();
            Optional<StackState> reuse = previous.filter(s -> s.elasticsearchPort() > 0
                    && FreePorts.isFree(s.elasticsearchPort()) && FreePorts.isFree(s.elasticsearchTransportPort())
                    && !kafkaPorts.contains(s.elasticsearchPort()) && !kafkaPorts.contains(s.elasticsearchTransportPort()));
            if (reuse.isPresent()) {
                esPort = reuse.get().elasticsearchPort();
                esTransport = reuse.get().elasticsearchTransportPort();
            } else {
                List<Integer> ports = FreePorts.pick(2, kafkaPorts);
                esPort = ports.get(0);
                esTransport = ports.get(1);
            }
        }
        LocalStack stack = new LocalStack(config, topology, esPort, esTransport, progress);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        if (!config.detached()) {
            stack.watchdog = Watchdog.start(config.workDir().resolve("pids"));
        }
        try {
            stack.startAll();
            new StackState(topology, config.partitions(), config.elasticsearch(), esPort, esTransport,
                    ElasticsearchNode.runDir(config.workDir(), config.cacheDir())).save(config.workDir());
        } catch (RuntimeException | Error e) {
            progress.accept("start failed, stopping what was started");
            stack.close();
            if (e instanceof StackException se) {
                List<Integer> ports = new ArrayList<>();
                if (config.kafkaPort() == 0) {
                    ports.addAll(topology.ports());
                }
                if (stack.elasticsearch != null && config.elasticsearchPort() == 0) {
                    ports.add(esPort);
                    ports.add(esTransport);
                }
                // Everything of ours is stopped now: a picked port still in use belongs to someone else.
                if (ports.stream().anyMatch(port -> !FreePorts.isFree(port))) {
                    throw se.withPortTaken();
                }
            }
            throw e;
        }
        if (config.detached()) {
            Runtime.getRuntime().removeShutdownHook(stack.shutdownHook);
        }
        return stack;
    }

    private void startAll() {
        long started = System.nanoTime();
        progress.accept("preparing Kafka storage (" + config.brokers() + " node(s))");
        kafka.prepare();
        progress.accept("starting Kafka on " + kafka.bootstrapServers());
        kafka.startAll();
        if (elasticsearch != null) {
            progress.accept("starting Elasticsearch on " + elasticsearch.url());
            elasticsearch.start();
        }
        Duration timeout = config.startupTimeout();
        kafka.awaitReady(timeout);
        progress.accept("Kafka ready, topics created (" + config.partitions() + " partitions, replication factor "
                + config.replicationFactor() + ")");
        if (elasticsearch != null) {
            elasticsearch.awaitReady(timeout.minusNanos(System.nanoTime() - started));
            progress.accept("Elasticsearch ready");
        }
    }

    /** Comma-separated bootstrap servers, e.g. {@code 127.0.0.1:41234,127.0.0.1:41235}. */
    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** {@code http://127.0.0.1:<port>}; throws when the stack runs without Elasticsearch. */
    public String elasticsearchUrl() {
        return requireElasticsearch().url();
    }

    public StackConfig config() {
        return config;
    }

    public int brokers() {
        return kafka.topology().size();
    }

    /** The log file of broker {@code index} (0-based). */
    public Path kafkaLogFile(int index) {
        return kafka.logFile(kafka.topology().node(index).id());
    }

    public Path elasticsearchLogFile() {
        return requireElasticsearch().logFile();
    }

    /** Stops every broker (SIGTERM, SIGKILL after 20 s); data is kept. */
    public void stopKafka() {
        kafka.stopAll();
    }

    /** Starts every stopped broker and waits until the cluster and topics are usable again. */
    public void startKafka() {
        kafka.startAll();
        kafka.awaitReady(config.startupTimeout());
    }

    /** Stops broker {@code index} (0-based; node id = index + 1). */
    public void stopBroker(int index) {
        kafka.stopNode(index);
    }

    /** SIGKILLs broker {@code index} (0-based), like a crash; {@link #startBroker} brings it back. */
    public void killBroker(int index) {
        kafka.killNode(index);
    }

    /** Starts broker {@code index} (0-based) and waits until all brokers are registered again. */
    public void startBroker(int index) {
        kafka.startNode(index);
        kafka.awaitReady(config.startupTimeout());
    }

    public void stopElasticsearch() {
        requireElasticsearch().stop();
    }

    /** Starts Elasticsearch again (same port, same data) and waits until it is healthy. */
    public void startElasticsearch() {
        ElasticsearchNode es = requireElasticsearch();
        es.start();
        es.awaitReady(config.startupTimeout());
    }

    private ElasticsearchNode requireElasticsearch() {
        if (elasticsearch == null) {
            throw new IllegalStateException("this stack runs without Elasticsearch (elasticsearch(false))");
        }
        return elasticsearch;
    }

    /** Stops every process this stack started and checks they are gone; data is kept. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        stopEverything();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // the JVM is already shutting down, or the hook was removed (detached start)
        }
    }

    private synchronized void stopEverything() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(config.workDir());
        } finally {
            if (watchdog != null) {
                watchdog.stop();
            }
        }
    }

    /**
     * Stops every process whose PID file is in {@code workDir} (what {@code down} does from another
     * shell): all of them receive SIGTERM together, SIGKILL after 20 s, and each is checked gone.
     */
    public static void stop(Path workDir) {
        Map<String, Runnable> stops = new LinkedHashMap<>();
        for (Path pidFile : pidFiles(workDir)) {
            String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            stops.put(name, () -> ManagedProcess.stop(pidFile, name));
        }
        ParallelStop.all(stops);
    }

    /**
     * Stops the stack of {@code workDir} and deletes its data: the work dir and, when Elasticsearch's
     * run directory was moved to the cache (work dir not reachable by the unprivileged user), that too.
     * Refuses (returns empty) for a directory that does not look like a stack work dir.
     *
     * @return what was deleted, for the console
     */
    public static Optional<String> purge(Path workDir) {
        Path dir = workDir.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        if (!Files.exists(StackState.file(dir)) && !Files.isDirectory(dir.resolve("kafka"))
                && !Files.isDirectory(dir.resolve("pids"))) {
            throw new StackException(dir + " does not look like a stack work dir; not deleting it");
        }
        stop(dir);
        Path esHome = StackState.load(dir).map(StackState::elasticsearchHome)
                .orElseGet(() -> ElasticsearchNode.runDir(dir, StackConfig.defaultCacheDir()));
        try {
            String deleted = dir.toString();
            if (!esHome.startsWith(dir)) {
                DirectoryTrees.delete(esHome.getParent());
                deleted += " and " + esHome.getParent();
            }
            DirectoryTrees.delete(dir);
            return Optional.of(deleted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** PIDs of the stack processes of {@code workDir} that are alive now. */
    public static List<Long> runningPids(Path workDir) {
        return pidFiles(workDir).stream().map(PidFile::read).flatMap(Optional::stream)
                .map(ProcessHandle::pid).toList();
    }

    static List<Path> pidFiles(Path workDir) {
        Path dir = workDir.toAbsolutePath().resolve("pids");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fluent construction of a {@link StackConfig}; defaults suit tests (free ports, small heaps). */
    public static final class Builder {
        private Path workDir = Path.of("target", "local-stack");
        private Path cacheDir = StackConfig.defaultCacheDir();
        private int brokers = 1;
        private int kafkaPort = 0;
        private int partitions = StackConfig.DEFAULT_PARTITIONS;
        private boolean elasticsearch = true;
        private int elasticsearchPort = 0;
        private String kafkaHeap = StackConfig.DEFAULT_KAFKA_HEAP;
        private String elasticsearchHeap = "512m";
        private Duration startupTimeout = StackConfig.DEFAULT_STARTUP_TIMEOUT;
        private boolean detached;
        private Consumer<String> progress = line -> { };

        private Builder() {
        }

        /** Data, logs and PID files (default {@code target/local-stack}; the CLI uses {@code .stack}). */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** Where the Elasticsearch distribution is unpacked (default {@code /var/tmp/clickstream}). */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        /** KRaft nodes (default 1); replication factor min(N,3), min.insync.replicas 2 when N >= 3. */
        public Builder brokers(int brokers) {
            this.brokers = brokers;
            return this;
        }

        /** First broker port, 0 (default) = free ports. */
        public Builder kafkaPort(int kafkaPort) {
            this.kafkaPort = kafkaPort;
            return this;
        }

        /** Partitions of each of the five topics (default 3). */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Start Elasticsearch too (default true); false = Kafka only, faster. */
        public Builder elasticsearch(boolean elasticsearch) {
            this.elasticsearch = elasticsearch;
            return this;
        }

        /** HTTP port, 0 (default) = free port. */
        public Builder elasticsearchPort(int elasticsearchPort) {
            this.elasticsearchPort = elasticsearchPort;
            return this;
        }

        /** Broker heap (default 512m). */
        public Builder kafkaHeap(String kafkaHeap) {
            this.kafkaHeap = kafkaHeap;
            return this;
        }

        /** Elasticsearch heap (default 512m here, 1g for the CLI). */
        public Builder elasticsearchHeap(String elasticsearchHeap) {
            this.elasticsearchHeap = elasticsearchHeap;
            return this;
        }

        /** How long {@link #start()} waits for health (default 180 s). */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Processes outlive this JVM (the CLI's {@code up}); default false. */
        public Builder detached(boolean detached) {
            this.detached = detached;
            return this;
        }

        /** Receives short progress lines ("starting Kafka on …"); default: silent. */
        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public StackConfig config() {
            return new StackConfig(workDir, cacheDir, brokers, kafkaPort, partitions, elasticsearch,
                    elasticsearchPort, kafkaHeap, elasticsearchHeap, startupTimeout, detached);
        }

        /** Starts the stack and blocks until it is healthy; see {@link LocalStack}. */
        public LocalStack start() {
            return LocalStack.start(config(), progress);
        }
    }
}
