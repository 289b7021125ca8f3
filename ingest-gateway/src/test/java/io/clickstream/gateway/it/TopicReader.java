package io.clickstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics from the beginning with a real consumer, as Spark or kcat would. */
final class TopicReader {

    private TopicReader() {
    }

    /** Polls until {@code done} holds for what was read, or the timeout passes; returns what was read. */
    static List<ConsumerRecord<String, String>> read(Collection<String> topics, Duration timeout,
                                                     Predicate<List<ConsumerRecord<String, String>>> done) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.stack().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "gateway-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(topics);
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (done.test(out)) {
                    break;
                }
            }
        }
        return out;
    }

    /** A record's value as JSON (every value the gateway publishes is a JSON object). */
    static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON at " + record.topic() + "/" + record.partition() + "@" + record.offset()
                    + ": " + record.value(), e);
        }
    }

    static String eventId(ConsumerRecord<String, String> record) {
        return json(record).path("event_id").asText();
    }
}
