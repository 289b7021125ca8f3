package io.clickstream.gateway.publish;

import io.clickstream.event.Topics;
import io.clickstream.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * The one Kafka producer of the gateway (thread-safe, shared by every request). Events in: topic,
 * key (user identity), enriched JSON. Out: a future that completes when all in-sync replicas
 * acknowledged the record, or fails within the delivery timeout derived from the publish timeout.
 */
@Singleton
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Producer<String, byte[]> producer;
    private final AtomicBoolean kafkaHealthy = new AtomicBoolean(true);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final String bootstrap;

    public EventPublisher(GatewayConfig config) {
        this.bootstrap = config.kafka().bootstrap();
        this.producer = new KafkaProducer<>(ProducerSettings.of(config.kafka(), config.publish().timeout()));
    }

    void onStart(@Observes StartupEvent event) {
        // Fetch topic metadata in the background so that the first requests' send() calls need not
        // wait for it; the gateway starts (and is live, not ready) while Kafka is still down.
        Thread warmUp = new Thread(this::warmUpMetadata, "kafka-metadata-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void warmUpMetadata() {
        for (String topic : Topics.ALL) {
            while (!closing.get()) {
                try {
                    producer.partitionsFor(topic);
                    break;
                } catch (RuntimeException e) {
                    LOG.debugf("metadata for topic=%s not yet available: %s", topic, e.getMessage());
                }
            }
        }
        LOG.infof("kafka metadata loaded bootstrap=%s topics=%s", bootstrap, Topics.ALL);
    }

    /** Sends one record; the future fails instead of throwing, whatever goes wrong. */
    public CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    if (kafkaHealthy.compareAndSet(false, true)) {
                        LOG.infof("kafka acknowledges again bootstrap=%s", bootstrap);
                    }
                    result.complete(metadata);
                } else {
                    if (kafkaHealthy.compareAndSet(true, false)) {
                        LOG.warnf("kafka send failed bootstrap=%s error=%s", bootstrap, error.toString());
                    }
                    result.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            if (kafkaHealthy.compareAndSet(true, false)) {
                LOG.warnf("kafka send failed bootstrap=%s error=%s", bootstrap, e.toString());
            }
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Writes a rejected event's record to events_dlq (no key: rejected input has no trusted identity). */
    public CompletableFuture<RecordMetadata> sendDeadLetter(byte[] record) {
        return send(Topics.EVENTS_DLQ, null, record);
    }

    void onStop(@Observes ShutdownEvent event) {
        closing.set(true);
        // Give records already handed to the producer a chance to be acknowledged before exit.
        producer.close(Duration.ofSeconds(5));
    }
}
