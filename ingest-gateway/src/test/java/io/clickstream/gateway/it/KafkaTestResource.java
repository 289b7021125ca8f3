package io.clickstream.gateway.it;

import io.clickstream.stack.LocalStack;
import java.util.Map;

/** A real single-node Kafka (KRaft) for the gateway under test; {@link #stack()} lets tests stop and restart it. */
public class KafkaTestResource extends LocalStackResource {

    public static LocalStack stack() {
        return running(KafkaTestResource.class);
    }

    @Override
    protected LocalStack.Builder configure(LocalStack.Builder builder) {
        return builder.elasticsearch(false).partitions(3);
    }

    @Override
    protected Map<String, String> gatewayProperties(LocalStack stack) {
        return Map.of("clickstream.kafka.bootstrap", stack.kafkaBootstrap());
    }
}
