package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every rejection path: its status, its JSON body, and the DLQ record of rejected events. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RejectionIT {

    private static JsonNode json(String s) {
        try {
            return EventJson.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The DLQ record whose raw text contains {@code marker}. */
    private static JsonNode deadLetter(String marker) {
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.EVENTS_DLQ), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(marker)));
        Optional<JsonNode> found = records.stream().filter(r -> r.value().contains(marker)).map(r -> json(r.value())).findFirst();
        assertThat(found).as("DLQ record containing " + marker).isPresent();
        return found.get();
    }

    @Test
    void aSingleInvalidEventIs400AndGoesToTheDlq() {
        String id = Events.id();
        String sent = Events.invalidClick(id);
        given().contentType("application/json").body(sent)
                .post("/v1/events").then().statusCode(400)
                .body("rejected", equalTo(1))
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].event_id", equalTo(id))
                .body("results[0].errors.path", hasItems("$.session_id", "$.element"))
                .body("results[0].errors.rule", hasItems("required"));

        JsonNode dlq = deadLetter(id);
        assertThat(dlq.get("source").textValue()).isEqualTo("gateway");
        assertThat(dlq.get("raw").textValue()).isEqualTo(sent);
        assertThat(dlq.get("ip").textValue()).isEqualTo("127.0.0.0");
        assertThat(dlq.get("received_at").textValue()).isNotBlank();
        assertThat(dlq.get("reason")).extracting(r -> r.get("path").textValue()).contains("$.session_id", "$.element");
    }

    @Test
    void inABatchOnlyTheInvalidEventIsRejectedAnd200() {
        String good = Events.id(), bad = Events.id();
        given().contentType("application/json")
                .body("[" + Events.click(good, "u") + ",{\"event_id\":\"" + bad + "\",\"type\":\"teleport\"}]")
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("results[1].status", equalTo("rejected"))
                .body("results[1].errors.path", hasItems("$.type", "$.ts", "$.session_id"))
                .body("results[1].errors.rule", hasItems("enum", "required"));
        JsonNode dlq = deadLetter(bad);
        assertThat(dlq.get("raw").textValue()).isEqualTo("{\"event_id\":\"" + bad + "\",\"type\":\"teleport\"}");
    }

    @Test
    void gatewayOwnedFieldsFromClientsAreRejected() {
        String id = Events.id();
        String spoofed = Events.click(id, "u").replace("}", ",\"ip\":\"1.2.3.4\",\"received_at\":\"2020-01-01T00:00:00Z\"}");
        given().contentType("application/json").body(spoofed).post("/v1/events").then().statusCode(400)
                .body("results[0].errors.rule", hasItems("additional_property"))
                .body("results[0].errors.path", hasItems("$.ip", "$.received_at"));
    }

    @Test
    void aBrokenNdjsonLineIsRejectedAlone() {
        String good = Events.id();
        String marker = "broken-" + Events.id();
        given().contentType("application/x-ndjson").body((Events.click(good, "u") + "\n{\"" + marker + "\": \n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("results[1].errors[0].rule", equalTo("json_syntax"));
        assertThat(deadLetter(marker).get("reason").get(0).get("rule").textValue()).isEqualTo("json_syntax");
    }

    @Test
    void malformedBodyIs400() {
        given().contentType("application/json").body("[{\"event_id\":").post("/v1/events").then().statusCode(400)
                .body("error", equalTo("malformed_body"));
        given().contentType("application/json").body("").post("/v1/events").then().statusCode(400)
                .body("error", equalTo("malformed_body"));
        given().contentType("application/json").header("Content-Encoding", "gzip").body("not gzip").post("/v1/events")
                .then().statusCode(400).body("error", equalTo("malformed_body"));
    }

    @Test
    void unsupportedMediaTypeIs415() {
        given().contentType("application/xml").body("<event/>").post("/v1/events").then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
        given().contentType("application/json").header("Content-Encoding", "br").body("{}").post("/v1/events")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));
        // A Content-Type the HTTP layer cannot even parse is refused with the same JSON reason.
        given().header("Content-Type", "application").body("{}".getBytes()).post("/v1/events")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void eachLimitIs413NamingTheLimitAndItsValue() throws Exception {
        given().contentType("application/json").body(new byte[1_048_577]).post("/v1/events").then().statusCode(413)
                .body("error", equalTo("payload_too_large"))
                .body("limit", equalTo("clickstream.limits.max-body-bytes")).body("value", equalTo(1_048_576));

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append(Events.click(Events.id(), "u"));
        }
        given().contentType("application/json").body(many.append("]").toString()).post("/v1/events").then().statusCode(413)
                .body("limit", equalTo("clickstream.limits.max-events-per-batch")).body("value", equalTo(500));

        String huge = Events.click(Events.id(), "u").replace("\"#buy\"", "\"" + "x".repeat(40_000) + "\"");
        given().contentType("application/json").body("[" + huge + "]").post("/v1/events").then().statusCode(413)
                .body("limit", equalTo("clickstream.limits.max-event-bytes")).body("value", equalTo(32_768));

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            gz.write(new byte[8 * 1024 * 1024]);
        }
        given().contentType("application/json").header("Content-Encoding", "gzip").body(bomb.toByteArray())
                .post("/v1/events").then().statusCode(413)
                .body("limit", equalTo("clickstream.limits.max-decompressed-bytes")).body("value", equalTo(4_194_304));
    }

    /** Without Content-Length the body is counted as it arrives and refused with the same JSON 413. */
    @Test
    void aChunkedBodyOverTheLimitIs413NamingTheLimit() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        java.io.InputStream body = new java.io.SequenceInputStream(java.util.Collections.enumeration(
                java.util.Collections.nCopies(20, chunk).stream().map(java.io.ByteArrayInputStream::new).toList()));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/events"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode answer = json(response.body());
        assertThat(answer.get("error").asText()).isEqualTo("payload_too_large");
        assertThat(answer.get("limit").asText()).isEqualTo("clickstream.limits.max-body-bytes");
        assertThat(answer.get("value").asLong()).isEqualTo(1_048_576);
    }

    @Test
    void otherMethodsThanPostAre405() {
        given().get("/v1/events").then().statusCode(405).header("Allow", "POST")
                .body("error", equalTo("method_not_allowed"));
    }
}
