package io.clickstream.load.transport;

import io.clickstream.event.EventJson;
import io.clickstream.event.Topics;
import io.clickstream.load.schedule.ScheduledEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces events straight to the topics, bypassing the gateway: {@code acks=all}, idempotent,
 * keyed by the user key like the gateway does. The producer retries by itself within
 * {@code delivery.timeout.ms} (= the retry budget); an event it gives up on is unacknowledged.
 * Nothing validates on this path, so malformed events are simply delivered to {@code page_views}
 * (and must be dropped by analytics); the ledger counts them zero either way.
 */
public final class KafkaTransport implements Transport {

    private final KafkaProducer<String, String> producer;
    private final String bootstrap;

    public KafkaTransport(String bootstrap, Duration maxRetryTime) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-load-generator");
        int requestTimeout = (int) Math.min(30_000, maxRetryTime.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(maxRetryTime.toMillis(), requestTimeout + 5));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxRetryTime.toMillis());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public CompletableFuture<List<Outcome>> send(List<ScheduledEvent> batch) {
        List<Outcome> out = new ArrayList<>(Collections.nCopies(batch.size(), (Outcome) null));
        CompletableFuture<List<Outcome>> result = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ScheduledEvent e = batch.get(i);
            int index = i;
            String topic = e.type() == null ? Topics.PAGE_VIEWS : e.type().topic();
            try {
                producer.send(new ProducerRecord<>(topic, e.partitionKey(), recordValue(e)), (metadata, error) -> {
                    out.set(index, error == null ? Outcome.ACCEPTED
                            : new Outcome(DeliveryStatus.UNACKNOWLEDGED, "kafka: " + error.getClass().getSimpleName()));
                    if (left.decrementAndGet() == 0) {
                        result.complete(out);
                    }
                });
            } catch (RuntimeException error) {
                out.set(index, new Outcome(DeliveryStatus.UNACKNOWLEDGED, "kafka: " + error.getClass().getSimpleName()));
                if (left.decrementAndGet() == 0) {
                    result.complete(out);
                }
            }
        }
        return result;
    }

    /**
     * The record value: the event with the {@code site} the gateway would have stamped from its write
     * key (this path has no gateway), so the site breakdown sees the same sites on both transports.
     */
    public static String recordValue(ScheduledEvent e) {
        String json = e.json();
        if (e.site() == null || e.event() == null || !json.endsWith("}")) {
            return json;
        }
        return json.substring(0, json.length() - 1) + ",\"site\":" + EventJson.mapper().valueToTree(e.site()) + "}";
    }

    @Override
    public boolean validates() {
        return false;
    }

    @Override
    public String describe() {
        return "kafka " + bootstrap;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
