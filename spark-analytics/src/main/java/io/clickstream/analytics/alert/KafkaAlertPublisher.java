package io.clickstream.analytics.alert;

import io.clickstream.event.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Optional: publishes every alert document (with its {@code _id} as {@code id} and as the record
 * key) to a Kafka topic for downstream notifiers. Updates of a growing episode are published again
 * under the same key, so a compacted topic holds the latest state per alert.
 */
public final class KafkaAlertPublisher implements AlertSink, AutoCloseable {

    private final String bootstrap;
    private final String topic;
    private transient KafkaProducer<String, String> producer;

    public KafkaAlertPublisher(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public void write(List<AlertDocument> alerts) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (AlertDocument alert : alerts) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("id", alert.id());
            value.putAll(alert.toSource());
            sent.add(producer().send(new ProducerRecord<>(topic, alert.id(), EventJson.write(value))));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-alerts");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
