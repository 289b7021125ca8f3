package io.clickstream.analytics.source;

import io.clickstream.analytics.config.AnalyticsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the event topics hold for a time span, by Kafka record timestamp, asked of the brokers before
 * a backfill reads it: how many records lie in the span, how many the read will go through (up to the
 * end of each partition), and whether retention (or a truncation) already deleted records of the
 * span. Uses the same consumer properties as the source ({@value KafkaEventSource#CONSUMER_PREFIX}*).
 *
 * @param inSpan        records stamped within the span (exact when timestamps grow with the offsets,
 *                      Kafka's usual {@code CreateTime} from one producer per partition)
 * @param toRead        records from the span's start to the end of every partition
 * @param oldestKept    per partition that lost records (its log start offset is past 0) and whose oldest
 *                      kept record is stamped after the span's start: that record's timestamp
 */
public record KafkaHoldings(long inSpan, long toRead, Map<TopicPartition, Instant> oldestKept) {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    /** The latest of {@link #oldestKept}, or {@code null} when no record of the span was deleted. */
    public Instant keptFrom() {
        return oldestKept.values().stream().max(Instant::compareTo).orElse(null);
    }

    /**
     * Asks the brokers of {@code config} about records stamped in {@code [from, until)} on its topics.
     *
     * @throws IllegalStateException with what to do next when Kafka does not answer or a topic is missing
     */
    public static KafkaHoldings inspect(AnalyticsConfig config, Instant from, Instant until) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ANSWER_WITHIN.toMillis()));
        config.sparkConf().forEach((key, value) -> {
            if (key.startsWith(KafkaEventSource.CONSUMER_PREFIX)
                    && AdminClientConfig.configNames().contains(key.substring(KafkaEventSource.CONSUMER_PREFIX.length()))) {
                props.put(key.substring(KafkaEventSource.CONSUMER_PREFIX.length()), value);
            }
        });
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> topics = answer(admin.describeTopics(config.topics()).allTopicNames(), config);
            List<TopicPartition> partitions = new ArrayList<>();
            topics.values().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
            Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(admin, partitions, OffsetSpec.earliest(), config);
            Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, partitions, OffsetSpec.latest(), config);
            Map<TopicPartition, ListOffsetsResultInfo> first = offsets(admin, partitions, OffsetSpec.forTimestamp(0), config);
            Map<TopicPartition, ListOffsetsResultInfo> atFrom =
                    offsets(admin, partitions, OffsetSpec.forTimestamp(from.toEpochMilli()), config);
            Map<TopicPartition, ListOffsetsResultInfo> atUntil =
                    offsets(admin, partitions, OffsetSpec.forTimestamp(until.toEpochMilli()), config);
            long inSpan = 0;
            long toRead = 0;
            Map<TopicPartition, Instant> oldestKept = new HashMap<>();
            for (TopicPartition p : partitions) {
                long end = latest.get(p).offset();
                // -1: no record stamped at or after the timestamp, i.e. the span starts (ends) after the partition's end.
                long start = atFrom.get(p).offset() < 0 ? end : atFrom.get(p).offset();
                long stop = atUntil.get(p).offset() < 0 ? end : atUntil.get(p).offset();
                inSpan += Math.max(0, stop - start);
                toRead += Math.max(0, end - start);
                ListOffsetsResultInfo oldest = first.get(p);
                if (earliest.get(p).offset() > 0 && oldest.offset() >= 0 && oldest.timestamp() > from.toEpochMilli()) {
                    oldestKept.put(p, Instant.ofEpochMilli(oldest.timestamp()));
                }
            }
            return new KafkaHoldings(inSpan, toRead, oldestKept);
        }
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions,
                                                                      OffsetSpec spec, AnalyticsConfig config) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return answer(admin.listOffsets(request).all(), config);
    }

    private static <T> T answer(org.apache.kafka.common.KafkaFuture<T> future, AnalyticsConfig config) {
        try {
            return future.get(ANSWER_WITHIN.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                Set<String> wanted = new TreeSet<>(config.topics());
                throw new IllegalStateException("Kafka at " + config.kafkaBootstrap() + " lacks some of the topics "
                        + wanted + " (" + e.getCause().getMessage() + "): pass the right --topics or --kafka", e);
            }
            throw unreachable(config, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(config, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for offsets", e);
        }
    }

    private static IllegalStateException unreachable(AnalyticsConfig config, Throwable cause) {
        return new IllegalStateException("Kafka at " + config.kafkaBootstrap() + " did not answer within "
                + ANSWER_WITHIN.toSeconds() + " s (" + cause + "): is it running? (./clickstream status, ./clickstream up)"
                + " Or pass --kafka HOST:PORT (env KAFKA_BOOTSTRAP).", cause);
    }
}
