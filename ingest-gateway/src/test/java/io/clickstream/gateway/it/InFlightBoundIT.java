package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Past the in-flight bound the answer is an immediate 503 with Retry-After, and nothing is sent. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(InFlightBoundIT.TinyInFlightBound.class)
class InFlightBoundIT {

    public static class TinyInFlightBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A long publish timeout: an answer that waited for Kafka would take 30 s, so "at once"
            // can be asserted with a margin no loaded machine eats.
            return Map.of("clickstream.publish.max-in-flight", "3", "clickstream.publish.timeout", "PT30S");
        }
    }

    @Test
    void moreEventsThanTheBoundGet503AtOnce() {
        // Warm up the client and the request path so the timing below measures the bound, not class loading.
        given().contentType("application/json").body(Events.click(Events.id(), "warm")).post("/v1/events").then().statusCode(200);
        String a = Events.id(), b = Events.id(), c = Events.id(), d = Events.id();
        long start = System.nanoTime();
        Response response = given().contentType("application/json")
                .body("[" + Events.click(a, "u") + "," + Events.click(b, "u") + "," + Events.click(c, "u") + ","
                        + Events.click(d, "u") + "]")
                .post("/v1/events");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(elapsedMs).as("no waiting for Kafka (publish timeout 30 s)").isLessThan(15_000);
        response.then().body("error", equalTo("kafka_unavailable"))
                .body("results[3].status", equalTo("unknown"));

        // Not sent, so not remembered: the same events within the bound are accepted, not duplicates.
        given().contentType("application/json")
                .body("[" + Events.click(a, "u") + "," + Events.click(b, "u") + "," + Events.click(c, "u") + "]")
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(3));
    }
}
