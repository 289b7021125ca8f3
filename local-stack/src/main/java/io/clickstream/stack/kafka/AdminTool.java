package io.clickstream.stack.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Kafka admin operations, run in a child JVM on the broker's classpath ({@link KafkaAdmin} starts it)
 * so that local-stack puts no kafka-clients on the classpath of the modules that use it (Spark
 * brings 3.9). Output is line-oriented text on stdout, errors on stderr with a non-zero exit code.
 *
 * <pre>
 * ensure   BOOTSTRAP BROKERS PARTITIONS RF MIN_ISR TIMEOUT_MS TOPIC...   wait for N brokers, create/grow topics,
 *                                                                         wait for leaders and min ISR
 * describe BOOTSTRAP TIMEOUT_MS                                           "brokers N" then "topic NAME PARTITIONS RF MIN_ISR"
 * </pre>
 */
public final class AdminTool {
    static final int EXIT_TIMEOUT = 3;

    private AdminTool() {
    }

    public static void main(String[] args) {
        try {
            String command = args[0];
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
            props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
            try (Admin admin = Admin.create(props)) {
                switch (command) {
                    case "ensure" -> ensure(admin, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                            Short.parseShort(args[4]), Integer.parseInt(args[5]), Long.parseLong(args[6]),
                            List.of(args).subList(7, args.length));
                    case "describe" -> describe(admin, Long.parseLong(args[2]));
                    default -> throw new IllegalArgumentException("unknown command " + command);
                }
            }
            System.exit(0);
        } catch (TimeoutError e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_TIMEOUT);
        } catch (Exception e) {
            System.err.println(e);
            System.exit(1);
        }
    }

    private static final class TimeoutError extends RuntimeException {
        TimeoutError(String message) {
            super(message);
        }
    }

    private static void ensure(Admin admin, int brokers, int partitions, short rf, int minIsr, long timeoutMs,
                               List<String> topics) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        int seen = -1;
        while (seen < brokers) {
            try {
                seen = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            } catch (Exception e) {
                seen = -1;
            }
            if (seen < brokers) {
                check(deadline, "waiting for " + brokers + " broker(s), " + Math.max(seen, 0) + " registered");
                Thread.sleep(200);
            }
        }
        Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : topics) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, partitions, rf)
                        .configs(Map.of("min.insync.replicas", String.valueOf(minIsr))));
            }
        }
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Map<String, NewPartitions> grow = new HashMap<>();
        for (var entry : describeWithRetry(admin, topics, deadline).entrySet()) {
            if (entry.getValue().partitions().size() < partitions) {
                grow.put(entry.getKey(), NewPartitions.increaseTo(partitions));
            }
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get(10, TimeUnit.SECONDS);
        }
        // Producers with acks=all need a leader and min.insync.replicas in-sync copies per partition.
        while (true) {
            String lagging = null;
            for (TopicDescription d : describeWithRetry(admin, topics, deadline).values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    if (p.leader() == null || p.leader().isEmpty() || p.isr().size() < minIsr) {
                        lagging = d.name() + "-" + p.partition();
                    }
                }
            }
            if (lagging == null) {
                break;
            }
            check(deadline, "waiting for a leader and " + minIsr + " in-sync replica(s) of " + lagging);
            Thread.sleep(200);
        }
        System.out.println("ready " + brokers);
    }

    private static Map<String, TopicDescription> describeWithRetry(Admin admin, List<String> topics, long deadline)
            throws InterruptedException {
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                check(deadline, "describing topics " + topics + ": " + e.getMessage());
                Thread.sleep(200);
            }
        }
    }

    private static void check(long deadline, String what) {
        if (System.currentTimeMillis() > deadline) {
            throw new TimeoutError("timed out " + what);
        }
    }

    private static void describe(Admin admin, long timeoutMs) throws Exception {
        int brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
        System.out.println("brokers " + brokers);
        Set<String> names = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<String, TopicDescription> topics =
                admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        for (String name : names.stream().sorted().toList()) {
            TopicDescription d = topics.get(name);
            int rf = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            var minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("min.insync.replicas");
            System.out.println("topic " + name + " " + d.partitions().size() + " " + rf + " "
                    + (minIsr == null ? "?" : minIsr.value()));
        }
    }
}
