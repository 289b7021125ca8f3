package io.clickstream.stack.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@code LocalStack} needs to start, with the defaults the CLI uses.
 *
 * @param workDir            data, configuration, logs and PID files ({@code .stack} for the CLI)
 * @param cacheDir           where the Elasticsearch distribution is unpacked once, read-only
 *                           (see {@link #defaultCacheDir()});
 *                           must be reachable by the unprivileged user Elasticsearch runs as under root
 * @param brokers            KRaft nodes (default 1); the first min(N,3) are also controllers
 * @param kafkaPort          first broker port, brokers on consecutive ports, controllers right after
 *                           them (default 9092, controller 9093); 0 = free ephemeral ports
 * @param partitions         partitions of each of the five topics (default 3)
 * @param elasticsearch      start Elasticsearch too (default true)
 * @param elasticsearchPort  HTTP port (default 9200, transport port + 100); 0 = free ports
 * @param kafkaHeap          broker {@code -Xmx} (default 512m)
 * @param elasticsearchHeap  Elasticsearch {@code -Xms/-Xmx} (default 1g)
 * @param startupTimeout     how long {@code start()} waits for health (default 180 s)
 * @param detached           processes outlive this JVM (the CLI's {@code up}); otherwise a shutdown
 *                           hook stops them when the JVM exits
 */
public record StackConfig(
        Path workDir,
        Path cacheDir,
        int brokers,
        int kafkaPort,
        int partitions,
        boolean elasticsearch,
        int elasticsearchPort,
        String kafkaHeap,
        String elasticsearchHeap,
        Duration startupTimeout,
        boolean detached) {

    public static final Path DEFAULT_WORK_DIR = Path.of(".stack");
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_ELASTICSEARCH_PORT = 9200;
    public static final int DEFAULT_PARTITIONS = 3;
    public static final String DEFAULT_KAFKA_HEAP = "512m";
    public static final String DEFAULT_ELASTICSEARCH_HEAP = "1g";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

    public StackConfig {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(cacheDir, "cacheDir");
        workDir = workDir.toAbsolutePath().normalize();
        cacheDir = cacheDir.toAbsolutePath().normalize();
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be >= 1, was " + brokers);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (kafkaPort < 0 || kafkaPort > 65535 || elasticsearchPort < 0 || elasticsearchPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535");
        }
    }

    /** The defaults the CLI uses: {@code .stack/}, 1 broker, 9092/9200, 3 partitions. */
    public static StackConfig defaults() {
        return new StackConfig(DEFAULT_WORK_DIR, defaultCacheDir(), 1, DEFAULT_KAFKA_PORT, DEFAULT_PARTITIONS,
                true, DEFAULT_ELASTICSEARCH_PORT, DEFAULT_KAFKA_HEAP, DEFAULT_ELASTICSEARCH_HEAP,
                DEFAULT_STARTUP_TIMEOUT, false);
    }

    /**
     * {@code CLICKSTREAM_CACHE_DIR}, else {@code /var/tmp/clickstream} for root (reachable by the
     * unprivileged user Elasticsearch runs as) and {@code /var/tmp/clickstream-<user>} for everyone
     * else (so users never fight over one directory's permissions).
     */
    public static Path defaultCacheDir() {
        String env = System.getenv("CLICKSTREAM_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String user = System.getProperty("user.name");
        return Path.of("root".equals(user) ? "/var/tmp/clickstream" : "/var/tmp/clickstream-" + user);
    }

    /** Replication factor of the five topics and of Kafka's internal topics: min(brokers, 3). */
    public int replicationFactor() {
        return Math.min(brokers, 3);
    }

    /** {@code min.insync.replicas}: 2 with three or more brokers, else 1. */
    public int minInsyncReplicas() {
        return brokers >= 3 ? 2 : 1;
    }
}
