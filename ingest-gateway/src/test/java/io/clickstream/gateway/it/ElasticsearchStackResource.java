package io.clickstream.gateway.it;

import io.clickstream.stack.LocalStack;
import java.net.URI;
import java.util.Map;

/**
 * A real Kafka and a real Elasticsearch for the query API's tests: the gateway publishes to the one
 * and reads KPI documents from the other; {@link #stack()} lets tests stop and restart Elasticsearch.
 */
public class ElasticsearchStackResource extends LocalStackResource {

    public static LocalStack stack() {
        return running(ElasticsearchStackResource.class);
    }

    @Override
    protected LocalStack.Builder configure(LocalStack.Builder builder) {
        return builder.elasticsearch(true).elasticsearchPort(0).partitions(1);
    }

    @Override
    protected Map<String, String> gatewayProperties(LocalStack stack) {
        URI es = URI.create(stack.elasticsearchUrl());
        return Map.of("clickstream.kafka.bootstrap", stack.kafkaBootstrap(),
                "quarkus.elasticsearch.hosts", es.getHost() + ":" + es.getPort());
    }
}
