package io.clickstream.gateway.publish;

import io.clickstream.event.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * The one Kafka producer of the gateway, shared by every request. Events in: topic, key (user
 * identity), enriched JSON. Out: a future that completes when all in-sync replicas acknowledged the
 * record, or fails within the delivery timeout derived from the publish timeout.
 *
 * <p>Requests hand their records over in one {@link #sendAll} call and a single thread
 * ({@value #SEND_THREAD}) calls {@code KafkaProducer.send} for all of them. Many threads calling
 * {@code send} at once contend on the producer's per-partition lock, inside which the record is
 * compressed: on two cores that convoy cost more CPU than the sends themselves (JFR:
 * docs/benchmarks-gateway.md). One sending thread also keeps a {@code send} that blocks for metadata
 * (right after a broker restart) off the HTTP event loop.
 */
@Singleton
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    static final String SEND_THREAD = "kafka-send";

    /**
     * A record to send and what to call with its outcome: exactly once, with the metadata once all
     * in-sync replicas acknowledged it, or with the error (also when it was not sent at all). Called on
     * the producer's I/O thread or the send thread: keep it short.
     */
    public record Outgoing(String topic, String key, byte[] value, Callback outcome) {
    }

    private final Producer<String, byte[]> producer;
    private final AtomicBoolean kafkaHealthy = new AtomicBoolean(true);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final String bootstrap;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, SEND_THREAD);
        thread.setDaemon(true);
        return thread;
    });

    public EventPublisher(ProducerSettings settings) {
        this.bootstrap = settings.bootstrap();
        this.producer = new KafkaProducer<>(settings.producerProperties());
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

    /**
     * Sends {@code records} in order on the send thread; returns at once. A record whose turn comes
     * after {@code lastSendStartNanos} ({@link System#nanoTime()}), or after a send of the same call
     * failed at once, is not sent: its future fails, so that a request never waits on sends queued
     * behind a dead broker and always answers within its publish timeout.
     */
    public void sendAll(List<Outgoing> records, long lastSendStartNanos) {
        if (records.isEmpty()) {
            return;
        }
        try {
            sender.execute(() -> {
                boolean giveUp = false;
                for (Outgoing record : records) {
                    if (giveUp || System.nanoTime() > lastSendStartNanos) {
                        record.outcome().onCompletion(null, new TimeoutException("not sent: Kafka unavailable"));
                        continue;
                    }
                    giveUp = !send(record);
                }
            });
        } catch (RejectedExecutionException e) {
            records.forEach(r -> r.outcome().onCompletion(null, new IllegalStateException("gateway is stopping", e)));
        }
    }

    /**
     * Sends one record; its outcome is reported instead of thrown, whatever goes wrong.
     *
     * @return false if the send failed at once (its outcome is already reported)
     */
    private boolean send(Outgoing record) {
        try {
            producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
                if (error == null) {
                    // Read first: a compare-and-set per record takes the line exclusively even when it fails.
                    if (!kafkaHealthy.get() && kafkaHealthy.compareAndSet(false, true)) {
                        LOG.infof("kafka acknowledges again bootstrap=%s", bootstrap);
                    }
                } else if (kafkaHealthy.compareAndSet(true, false)) {
                    LOG.warnf("kafka send failed bootstrap=%s error=%s", bootstrap, error.toString());
                }
                record.outcome().onCompletion(metadata, error);
            });
            return true;
        } catch (RuntimeException e) {
            if (kafkaHealthy.compareAndSet(true, false)) {
                LOG.warnf("kafka send failed bootstrap=%s error=%s", bootstrap, e.toString());
            }
            record.outcome().onCompletion(null, e);
            return false;
        }
    }

    /** A rejected event's record for events_dlq (no key: rejected input has no trusted identity). */
    public static Outgoing deadLetter(byte[] record, Callback outcome) {
        return new Outgoing(Topics.EVENTS_DLQ, null, record, outcome);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        closing.set(true);
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        // Give records already handed to the producer a chance to be acknowledged before exit.
        producer.close(Duration.ofSeconds(5));
    }
}
