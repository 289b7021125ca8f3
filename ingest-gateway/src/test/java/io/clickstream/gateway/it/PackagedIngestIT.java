package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.clickstream.event.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/events} of the packaged application — the runner jar ({@code target/quarkus-app}),
 * or the native executable when built with {@code -Dnative} — in its production profile, against a
 * real Kafka from local-stack given to it as {@code -Dclickstream.kafka.bootstrap}: every body format
 * lands on its topics, and validation errors answer with their JSON bodies. What differs between the
 * packaged application and {@code @QuarkusTest} (build-time configuration, resources, reflection in
 * the native image) fails here.
 *
 * <p>The {@code Packaged*IT} classes form the suite .ci/run runs against the native executable; an
 * endpoint worth checking in the packaged application gets its own {@code Packaged<Endpoint>IT}.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(KafkaTestResource.class)
class PackagedIngestIT {

    /** In each test: the application's URL is given to RestAssured per test, not before the class. */
    @BeforeEach
    void warmUp() {
        PackagedApplication.awaitAcceptingEvents();
    }

    /** The records of these event ids, by id, read from the four event topics. */
    private static Map<String, ConsumerRecord<String, String>> published(Set<String> ids) {
        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.EVENT_TOPICS, Duration.ofSeconds(30),
                rs -> rs.stream().filter(r -> ids.stream().anyMatch(r.value()::contains)).count() >= ids.size());
        Map<String, ConsumerRecord<String, String>> byId = records.stream()
                .filter(r -> ids.stream().anyMatch(r.value()::contains))
                .collect(Collectors.toMap(r -> ids.stream().filter(r.value()::contains).findFirst().orElseThrow(),
                        Function.identity(), (a, b) -> a));
        assertThat(byId).as("published events").containsOnlyKeys(ids);
        return byId;
    }

    @Test
    void aSingleJsonObject() {
        String id = Events.id();
        given().contentType("application/json").body(Events.pageView(id, "u-object"))
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("results[0].event_id", equalTo(id));
        assertThat(published(Set.of(id)).get(id).topic()).isEqualTo(Topics.PAGE_VIEWS);
    }

    @Test
    void aJsonArrayOfEachType() {
        String pv = Events.id(), cl = Events.id(), atc = Events.id(), pu = Events.id();
        given().contentType("application/json")
                .body("[" + Events.pageView(pv, "u-1") + "," + Events.click(cl, "a-2") + ","
                        + Events.addToCart(atc, "u-3") + "," + Events.purchase(pu, "u-4") + "]")
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(4)).body("rejected", equalTo(0));
        Map<String, ConsumerRecord<String, String>> byId = published(Set.of(pv, cl, atc, pu));
        assertThat(byId.get(pv).topic()).isEqualTo(Topics.PAGE_VIEWS);
        assertThat(byId.get(cl).topic()).isEqualTo(Topics.CLICKS);
        assertThat(byId.get(atc).topic()).isEqualTo(Topics.ADD_TO_CART);
        assertThat(byId.get(pu).topic()).isEqualTo(Topics.PURCHASES);
        assertThat(byId.get(pu).key()).isEqualTo("u-4");
        assertThat(byId.get(pu).value()).contains("\"received_at\":", "\"ip\":\"127.0.0.0\"");
    }

    @Test
    void ndjsonLines() {
        String a = Events.id(), b = Events.id();
        given().contentType("application/x-ndjson")
                .body((Events.click(a, "n-1") + "\n" + Events.click(b, "n-2") + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(2));
        published(Set.of(a, b));
    }

    /** What {@code navigator.sendBeacon} sends with a string body. */
    @Test
    void sendBeaconTextPlain() {
        String id = Events.id();
        given().contentType("text/plain;charset=UTF-8").body(Events.pageView(id, "u-beacon"))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));
        published(Set.of(id));
    }

    @Test
    void gzipBody() throws Exception {
        String a = Events.id(), b = Events.id();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(("[" + Events.click(a, "g") + "," + Events.addToCart(b, "g") + "]").getBytes(StandardCharsets.UTF_8));
        }
        given().contentType("application/json").header("Content-Encoding", "gzip").body(bytes.toByteArray())
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(2));
        published(Set.of(a, b));
    }

    @Test
    void anInvalidEventIs400WithItsViolationsAndGoesToTheDlq() {
        String id = Events.id();
        given().contentType("application/json").body(Events.invalidClick(id))
                .post("/v1/events").then().statusCode(400)
                .body("rejected", equalTo(1))
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].errors.path", hasItems("$.session_id", "$.element"))
                .body("results[0].errors.rule", hasItems("required"));
        List<ConsumerRecord<String, String>> dlq = TopicReader.read(List.of(Topics.EVENTS_DLQ), Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)));
        assertThat(dlq).anyMatch(r -> r.value().contains(id) && r.value().contains("\"reason\""));
    }

    @Test
    void wholeRequestProblemsAnswerWithTheirStatusAndReason() {
        given().contentType("application/json").body("[{\"event_id\":").post("/v1/events").then().statusCode(400)
                .body("error", equalTo("malformed_body"));
        given().contentType("application/xml").body("<event/>").post("/v1/events").then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
        given().contentType("application/json").body(new byte[1_048_577]).post("/v1/events").then().statusCode(413)
                .body("error", equalTo("payload_too_large"))
                .body("limit", equalTo("clickstream.limits.max-body-bytes")).body("value", equalTo(1_048_576));
        given().get("/v1/events").then().statusCode(405);
    }
}
