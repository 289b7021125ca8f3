package io.clickstream.gateway.it;

import io.clickstream.stack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real single-node Kafka (KRaft) on free loopback ports, started through the local-stack API for
 * the gateway under test; its data and logs live under target/. The running stack is reachable
 * from tests through {@link #stack()} so they can stop and restart Kafka.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack stack;

    public static LocalStack stack() {
        return stack;
    }

    @Override
    public Map<String, String> start() {
        stack = LocalStack.builder()
                .workDir(Path.of("target", "it-stack-" + ProcessHandle.current().pid()))
                .brokers(1)
                .kafkaPort(0)
                .elasticsearch(false)
                .partitions(3)
                .start();
        return Map.of("clickstream.kafka.bootstrap", stack.kafkaBootstrap());
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
