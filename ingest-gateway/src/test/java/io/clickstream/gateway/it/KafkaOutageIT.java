package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.clickstream.event.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kafka stops: requests get 503 + Retry-After within the publish timeout (never a 2xx), readiness
 * goes down; Kafka returns: the same events are accepted again — not answered "duplicate", since
 * their first copies were never acknowledged — and they are in Kafka.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class KafkaOutageIT {

    /** Publish timeout (default 1.5 s) plus slack for a shared two-core machine. */
    private static final long BOUND_MS = 2_500;

    @Test
    void kafkaDownMeans503WithinTheBoundThenSuccessAgain() throws Exception {
        given().contentType("application/json").body(Events.click(Events.id(), "warm")).post("/v1/events").then().statusCode(200);

        String id = Events.id();
        String event = Events.click(id, "outage-user");
        KafkaTestResource.stack().stopKafka();
        try {
            long start = System.nanoTime();
            Response down = given().contentType("application/json").body("[" + event + "]").post("/v1/events");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(elapsedMs).as("503 within the bound").isLessThan(BOUND_MS);
            assertThat(down.header("Retry-After")).isEqualTo("2");
            down.then().body("error", equalTo("kafka_unavailable"))
                    .body("results[0].status", equalTo("unknown"))
                    .body("results[0].event_id", equalTo(id));

            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            // Let the producer's delivery timeout (2 × publish timeout) expire the first copy for certain.
            Thread.sleep(3_500);
        } finally {
            KafkaTestResource.stack().startKafka();
        }

        // Fresh events until the producer is reconnected; each one is either 503 or truly accepted.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().contentType("application/json").body(Events.click(Events.id(), "probe")).post("/v1/events")
                        .then().statusCode(200));
        given().get("/q/health/ready").then().statusCode(200);
        // The resend after 503: its first copy was never acknowledged, so it is published, not "duplicate".
        given().contentType("application/json").body("[" + event + "]").post("/v1/events").then()
                .statusCode(200).body("results[0].status", equalTo("accepted"));
        assertThat(TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(id))))
                .anyMatch(r -> r.value().contains(id) && "outage-user".equals(r.key()));
    }
}
