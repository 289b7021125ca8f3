package io.clickstream.analytics.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces test events into Kafka the way the gateway does: keyed by user, acks=all, idempotent. */
public final class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public EventProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    public void send(List<Scenario.Event> events) throws Exception {
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
        for (Scenario.Event e : events) {
            acks.add(producer.send(new ProducerRecord<>(e.topic(), e.user(), e.json())));
        }
        for (var ack : acks) {
            ack.get(2, TimeUnit.MINUTES);
        }
    }

    /**
     * Like {@link #send}, each record with the Kafka timestamp {@code stamp} gives it (as the gateway's
     * producer stamps a record when it receives the event): for tests that read Kafka by time.
     */
    public void sendStamped(List<Scenario.Event> events, java.util.function.Function<Scenario.Event, java.time.Instant> stamp)
            throws Exception {
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
        for (Scenario.Event e : events) {
            acks.add(producer.send(new ProducerRecord<>(e.topic(), null, stamp.apply(e).toEpochMilli(), e.user(), e.json())));
        }
        for (var ack : acks) {
            ack.get(2, TimeUnit.MINUTES);
        }
    }

    /** Sends one raw value; returns where it landed (for reject ids). */
    public RecordMetadata sendRaw(String topic, String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
