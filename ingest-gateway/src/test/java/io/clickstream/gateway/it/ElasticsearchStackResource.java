package io.clickstream.gateway.it;

import io.clickstream.stack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka and a real Elasticsearch on free loopback ports (local-stack), for the query API's
 * tests: the gateway publishes to the one and reads KPI documents from the other.
 */
public class ElasticsearchStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack stack;

    public static LocalStack stack() {
        return stack;
    }

    @Override
    public Map<String, String> start() {
        stack = LocalStack.builder()
                .workDir(Path.of("target", "it-es-stack-" + ProcessHandle.current().pid()))
                .brokers(1)
                .kafkaPort(0)
                .elasticsearch(true)
                .elasticsearchPort(0)
                .partitions(1)
                .start();
        URI es = URI.create(stack.elasticsearchUrl());
        return Map.of("clickstream.kafka.bootstrap", stack.kafkaBootstrap(),
                "quarkus.elasticsearch.hosts", es.getHost() + ":" + es.getPort());
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
