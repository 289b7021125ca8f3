package io.clickstream.gateway.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer configuration the delivery guarantee rests on: every write is acknowledged by all
 * in-sync replicas, retries cannot duplicate or reorder (idempotence), and every timeout is derived
 * from the publish timeout so that each send's future completes, successfully or not, soon after a
 * request has given up on it.
 */
public record ProducerSettings(String bootstrap, String compression, Duration linger, int batchBytes, long bufferBytes,
                               Duration publishTimeout) {

    /** The longest a single send() call may block; requests stop sending once less than this is left. */
    public long maxBlockMs() {
        return Math.max(50, publishTimeout.toMillis() / 3);
    }

    /** The Kafka producer's properties. */
    public Map<String, Object> producerProperties() {
        long timeoutMs = Math.max(200, publishTimeout.toMillis());
        long lingerMs = linger.toMillis();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-gateway");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
        // send() may wait this long for metadata (e.g. right after a broker restart); it runs on a worker
        // thread, never the event loop. A third of the timeout, so a request that must wait still answers in time.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        // Kafka requires delivery >= linger + request timeout. Past it the future fails, releasing in-flight permits.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (2 * timeoutMs + lingerMs));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
