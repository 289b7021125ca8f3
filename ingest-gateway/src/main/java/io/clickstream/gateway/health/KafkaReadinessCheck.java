package io.clickstream.gateway.health;

import io.clickstream.event.Topics;
import io.clickstream.gateway.publish.ProducerSettings;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means Kafka answers and the topics exist: a gateway that cannot publish must not get traffic
 * from a load balancer (it would only answer 503). Asynchronous: the admin client's futures complete
 * the check, so no thread waits on a broker that is down.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

    private static final int TIMEOUT_MS = 1000;

    private final Admin admin;
    private final String bootstrap;

    /** The cluster the publisher writes to is the one whose readiness counts. */
    public KafkaReadinessCheck(ProducerSettings publishTo) {
        this.bootstrap = publishTo.bootstrap();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "clickstream-gateway-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("kafka").withData("bootstrap", bootstrap);
        var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes().toCompletionStage();
        var topics = admin.listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS)).names().toCompletionStage();
        return Uni.createFrom().completionStage(nodes.thenCombine(topics, (brokers, names) -> {
                    builder.withData("brokers", brokers.size());
                    var missing = Topics.ALL.stream().filter(t -> !names.contains(t)).toList();
                    if (!missing.isEmpty()) {
                        return builder.down().withData("missing_topics", String.join(",", missing)).build();
                    }
                    return builder.up().build();
                }))
                .ifNoItem().after(Duration.ofMillis(2L * TIMEOUT_MS)).fail()
                .onFailure().recoverWithItem(e -> builder.down()
                        .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build());
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
