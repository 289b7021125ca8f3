package io.clickstream.analytics.testing;

import io.clickstream.event.Topics;
import io.clickstream.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One real Kafka + Elasticsearch for all integration tests of this module (Failsafe runs them in one
 * JVM): starting the pair costs ~15 s, so it is done once. {@link #reset()} gives each test empty
 * topics and no analytics indices. LocalStack's shutdown hook stops both at JVM exit.
 */
public final class SharedStack {

    public static final int PARTITIONS = 3;
    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.builder()
                    .workDir(Path.of("target", "it-stack"))
                    .partitions(PARTITIONS)
                    .kafkaHeap("384m")
                    .elasticsearchHeap("512m")
                    .startupTimeout(Duration.ofMinutes(3))
                    .progress(line -> System.out.println("[stack] " + line))
                    .start();
        }
        return stack;
    }

    /** Re-creates the event topics empty and deletes the analytics indices. */
    public static void reset() throws Exception {
        LocalStack s = get();
        try (EsReader es = new EsReader(s.elasticsearchUrl())) {
            es.deleteAnalyticsIndices();
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(Topics.ALL::contains).toList();
            admin.deleteTopics(existing).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<NewTopic> topics = Topics.ALL.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            while (true) {
                try {
                    admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    // Deletion completes asynchronously: "marked for deletion" until it has.
                    if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(300);
                }
            }
            // Wait for leaders so the first produce does not stall on metadata.
            for (int attempt = 0; ; attempt++) {
                try {
                    admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
