package io.clickstream.analytics.alert;

import io.clickstream.event.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
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
    public void write(List<Alert> alerts) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Alert alert : alerts) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("id", alert.id());
            value.putAll(AlertDocuments.source(alert));
            sent.add(producer().send(new ProducerRecord<>(topic, alert.id(), EventJson.write(value))));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    private synchronized KafkaProducer<String, String> producer() throws Exception {
        if (producer == null) {
            ensureTopic();
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-alerts");
            // Fail the micro-batch (and so replay it) rather than block a trigger for a minute.
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /**
     * Creates the topic with the brokers' default partitions and replication if it is missing
     * (brokers may not auto-create topics; the event topics are created by the stack, this one is ours).
     */
    private void ensureTopic() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
