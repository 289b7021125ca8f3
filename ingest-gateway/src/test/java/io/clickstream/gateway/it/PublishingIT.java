package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventValidator;
import io.clickstream.event.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Accepted events land on their topic, keyed by user identity, enriched — in every body format. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PublishingIT {

    private static Map<String, ConsumerRecord<String, String>> readById(List<String> ids) {
        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.EVENT_TOPICS, Duration.ofSeconds(20),
                rs -> rs.stream().map(TopicReader::eventId).collect(Collectors.toSet()).containsAll(ids));
        return records.stream().filter(r -> ids.contains(TopicReader.eventId(r)))
                .collect(Collectors.toMap(TopicReader::eventId, Function.identity(), (a, b) -> a));
    }

    @Test
    void eachTypeLandsOnItsTopicWithItsKeyAndEnrichment() {
        String pv = Events.id(), cl = Events.id(), atc = Events.id(), pu = Events.id();
        Instant before = Instant.now().minusMillis(1);
        given().contentType("application/json")
                .body("[" + Events.pageView(pv, "u-1") + "," + Events.click(cl, "anon-2") + ","
                        + Events.addToCart(atc, "u-3") + "," + Events.purchase(pu, "u-4") + "]")
                .post("/v1/events")
                .then().statusCode(200)
                .body("accepted", equalTo(4)).body("rejected", equalTo(0)).body("duplicates", equalTo(0))
                .body("results[0].event_id", equalTo(pv)).body("results[0].status", equalTo("accepted"))
                .body("results[3].status", equalTo("accepted"));

        Map<String, ConsumerRecord<String, String>> byId = readById(List.of(pv, cl, atc, pu));
        assertThat(byId.get(pv).topic()).isEqualTo(Topics.PAGE_VIEWS);
        assertThat(byId.get(pv).key()).isEqualTo("u-1");
        assertThat(byId.get(cl).topic()).isEqualTo(Topics.CLICKS);
        assertThat(byId.get(cl).key()).isEqualTo("anon-2");
        assertThat(byId.get(atc).topic()).isEqualTo(Topics.ADD_TO_CART);
        assertThat(byId.get(atc).key()).as("user_id wins over anonymous_id").isEqualTo("u-3");
        assertThat(byId.get(pu).topic()).isEqualTo(Topics.PURCHASES);
        assertThat(byId.get(pu).key()).isEqualTo("u-4");

        for (ConsumerRecord<String, String> record : byId.values()) {
            JsonNode event = TopicReader.json(record);
            assertThat(new EventValidator().validateEnriched(event)).isEmpty();
            assertThat(Instant.parse(event.get("received_at").textValue())).isAfter(before).isBefore(Instant.now());
            assertThat(event.get("ip").textValue()).isEqualTo("127.0.0.0");
            assertThat(event.get("site").textValue()).isEqualTo("default");
            assertThat(event.has("ts_corrected")).isFalse();
        }
        assertThat(TopicReader.json(byId.get(pu)).get("order").get("items").get(0).get("quantity").intValue()).isEqualTo(2);
    }

    @Test
    void skewedClockIsCorrectedAndFarFutureClamped() {
        String skewed = Events.id(), future = Events.id();
        Instant clientNow = Instant.now().minus(Duration.ofHours(2));
        String skewedEvent = "{\"event_id\":\"" + skewed + "\",\"type\":\"click\",\"ts\":\"" + clientNow.minusSeconds(3)
                + "\",\"sent_at\":\"" + clientNow + "\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"#x\"}";
        String futureEvent = "{\"event_id\":\"" + future + "\",\"type\":\"click\",\"ts\":\"" + Instant.now().plus(Duration.ofDays(2))
                + "\",\"anonymous_id\":\"a\",\"session_id\":\"s\",\"element\":\"#x\"}";
        given().contentType("application/x-ndjson").body((skewedEvent + "\n" + futureEvent + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(2));

        Map<String, ConsumerRecord<String, String>> byId = readById(List.of(skewed, future));
        JsonNode s = TopicReader.json(byId.get(skewed));
        Instant receivedAt = Instant.parse(s.get("received_at").textValue());
        assertThat(s.get("ts_corrected").booleanValue()).isTrue();
        assertThat(Duration.between(Instant.parse(s.get("ts").textValue()), receivedAt).abs())
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
        JsonNode f = TopicReader.json(byId.get(future));
        assertThat(f.get("ts_corrected").booleanValue()).isTrue();
        assertThat(f.get("ts").textValue()).isEqualTo(f.get("received_at").textValue());
    }

    @Test
    void sendBeaconTextPlainAndGzipAreAccepted() throws Exception {
        String beacon = Events.id(), zipped1 = Events.id(), zipped2 = Events.id();
        given().contentType("text/plain;charset=UTF-8").body(Events.pageView(beacon, "u-b"))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((Events.click(zipped1, "z") + "\n" + Events.click(zipped2, "z") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        given().contentType("application/x-ndjson").header("Content-Encoding", "gzip").body(bytes.toByteArray())
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(2));

        assertThat(readById(List.of(beacon, zipped1, zipped2))).hasSize(3);
    }

    @Test
    void aResentEventIsADuplicateAndNotPublishedTwice() {
        String id = Events.id();
        given().contentType("application/json").body(Events.click(id, "dup-user"))
                .post("/v1/events").then().statusCode(200).body("results[0].status", equalTo("accepted"));
        given().contentType("application/json").body("[" + Events.click(id, "dup-user") + "," + Events.click(id, "dup-user") + "]")
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        String marker = Events.id();
        given().contentType("application/json").body(Events.click(marker, "dup-user")).post("/v1/events").then().statusCode(200);
        // The marker comes after every copy on the same partition (same key): once it is read, all copies are.
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> TopicReader.eventId(r).equals(marker)));
        assertThat(records.stream().filter(r -> TopicReader.eventId(r).equals(id))).hasSize(1);
    }

    @Test
    void copiesWithinOneBatchArePublishedOnce() {
        String id = Events.id();
        given().contentType("application/json").body("[" + Events.click(id, "c") + "," + Events.click(id, "c") + "]")
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(1))
                .body("results[1].status", equalTo("duplicate"));
    }

    @Test
    void operationsEndpointsAnswer() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].name", equalTo("kafka"));
        given().contentType("application/json").body(Events.click(Events.id(), "m")).post("/v1/events").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("clickstream_gateway_events_accepted_total{type=\"click\"}")
                .contains("clickstream_gateway_events_rejected_total")
                .contains("clickstream_gateway_events_duplicate_total")
                .contains("clickstream_gateway_publish_seconds_bucket")
                .contains("clickstream_gateway_inflight_events");
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths.'/v1/events'.post", org.hamcrest.Matchers.notNullValue());
    }

    /** A client that waits for "100 Continue" before sending the body (curl does, for large ones) gets it. */
    @Test
    void expectContinueIsAnswered() throws Exception {
        String id = Events.id();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/events"))
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).expectContinue(true).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Events.click(id, "anon-continue"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"accepted\"");
    }
}
