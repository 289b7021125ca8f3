package io.clickstream.gateway.health;

import io.clickstream.event.Topics;
import io.clickstream.gateway.config.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means Kafka answers and the event topics exist: a gateway that cannot publish must not get
 * traffic from a load balancer (it would only answer 503).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final long TIMEOUT_MS = 1000;

    private final Admin admin;
    private final String bootstrap;

    public KafkaReadinessCheck(GatewayConfig config) {
        this.bootstrap = config.kafka().bootstrap();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "clickstream-gateway-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("kafka").withData("bootstrap", bootstrap);
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            Set<String> topics = admin.listTopics(new ListTopicsOptions().timeoutMs((int) TIMEOUT_MS))
                    .names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            var missing = Topics.ALL.stream().filter(t -> !topics.contains(t)).toList();
            builder.withData("brokers", nodes);
            if (!missing.isEmpty()) {
                return builder.down().withData("missing_topics", String.join(",", missing)).build();
            }
            return builder.up().build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return builder.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
