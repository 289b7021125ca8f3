package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations endpoints of the packaged application (see {@link PackagedIngestIT}): health with
 * the Kafka readiness check, Prometheus metrics of the gateway's own meters, the OpenAPI document.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(KafkaTestResource.class)
class PackagedOperationsIT {

    /** In each test: the application's URL is given to RestAssured per test, not before the class. */
    @BeforeEach
    void warmUp() {
        PackagedApplication.awaitAcceptingEvents();
    }

    @Test
    void healthIsUpWithTheKafkaCheck() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("kafka"));
    }

    @Test
    void metricsCountWhatWasIngested() {
        given().contentType("application/json").body(Events.click(Events.id(), "m")).post("/v1/events").then().statusCode(200);
        given().contentType("application/json").body(Events.invalidClick(Events.id())).post("/v1/events").then().statusCode(400);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("clickstream_gateway_events_accepted_total{type=\"click\"}")
                .contains("clickstream_gateway_events_rejected_total")
                .contains("clickstream_gateway_publish_seconds_bucket")
                .contains("clickstream_gateway_inflight_events")
                .contains("http_server_requests_seconds_count{");
    }

    @Test
    void theOpenApiDocumentDescribesTheBeaconApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/events'.post", notNullValue());
    }
}
