package io.clickstream.analytics.testing;

import io.clickstream.event.Topics;
import io.clickstream.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
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

    /**
     * Empties the event topics and deletes the analytics indices. Topics are truncated with
     * {@code deleteRecords} rather than deleted and re-created: a re-created topic gets a new topic id,
     * and a producer created right after can wait out its delivery timeout on metadata the broker has
     * not caught up with yet (seen once in CI on a loaded machine). A fresh job reads from the log
     * start offset, so a truncated topic looks empty to it.
     */
    public static void reset() throws Exception {
        LocalStack s = get();
        try (EsReader es = new EsReader(s.elasticsearchUrl())) {
            es.deleteAnalyticsIndices();
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description : admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(p ->
                        latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, RecordsToDelete> truncate = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, end) ->
                    truncate.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(truncate).all().get(30, TimeUnit.SECONDS);
        }
    }
}
