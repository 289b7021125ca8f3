package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.Topics;
import io.clickstream.gateway.protocol.Payloads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Segment, Snowplow and pixel requests, with payloads shaped as the SDKs send them (test resources
 * under {@code protocol/}), against a real Kafka: each record is checked field by field with its
 * topic and key, and bad input gets a clear 4xx (the GIF for the pixel) and a DLQ record, never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(ProtocolsIT.WithWriteKeys.class)
class ProtocolsIT {

    public static class WithWriteKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clickstream.sites.wk_shop", "shop", "clickstream.sites.shop", "shop-by-app-id");
        }
    }

    private static final String BASIC_SHOP = "Basic " + Base64.getEncoder().encodeToString("wk_shop:".getBytes(StandardCharsets.UTF_8));

    private static ConsumerRecord<String, String> record(String topic, String text) {
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(topic), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(text)));
        return records.stream().filter(r -> r.value().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no record with " + text + " in " + topic));
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String segmentId(String messageId) {
        return UUID.nameUUIDFromBytes(("segment:" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** analytics-node's batch: the mapped call is published, identify and an unmapped name are answered "ignored". */
    @Test
    void segmentBatchFromAnalyticsNode() {
        given().header("Authorization", BASIC_SHOP).contentType("application/json")
                .body(Payloads.read("segment-node-batch.json")).post("/v1/batch")
                .then().statusCode(200).body("success", equalTo(true))
                .body("accepted", equalTo(1)).body("ignored", equalTo(2))
                .body("results[0].status", equalTo("accepted"))
                .body("results[1].status", equalTo("ignored")).body("results[1].reason", containsString("identify"))
                .body("results[2].status", equalTo("ignored"));

        String id = segmentId("node-next-1733086261152-5e1f3b4c-1d2e-4f3a-9b8c-7d6e5f4a3b2c");
        ConsumerRecord<String, String> r = record(Topics.CLICKS, id);
        assertThat(r.key()).isEqualTo("user-17");
        JsonNode e = json(r);
        assertThat(e.get("event_id").textValue()).isEqualTo(id);
        assertThat(e.get("type").textValue()).isEqualTo("click");
        assertThat(e.get("user_id").textValue()).isEqualTo("user-17");
        assertThat(e.get("session_id").textValue()).isEqualTo("segment:user-17");
        assertThat(e.get("element").textValue()).isEqualTo("product:sku-9");
        assertThat(e.get("sent_at").textValue()).isEqualTo("2026-12-01T19:11:01.200Z");
        // sentAt lies far behind the gateway's clock: the skew is corrected as Segment would
        Instant receivedAt = Instant.parse(e.get("received_at").textValue());
        Instant ts = Instant.parse(e.get("ts").textValue());
        assertThat(Duration.between(ts, receivedAt).toMillis()).isEqualTo(48); // 19:11:01.200 − 19:11:01.152
        assertThat(e.get("ts_corrected").booleanValue()).isTrue();
        assertThat(e.get("site").textValue()).isEqualTo("shop");
        assertThat(e.get("ip").textValue()).isEqualTo("127.0.0.0");
        assertThat(e.get("context").get("library").textValue()).isEqualTo("@segment/analytics-node/2.1.2");
        assertThat(e.has("_metadata")).isFalse();

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("clickstream_gateway_events_ignored_total{protocol=\"segment\"}");
        // the same batch again: the same event_id, answered duplicate
        given().header("Authorization", BASIC_SHOP).contentType("application/json")
                .body(Payloads.read("segment-node-batch.json")).post("/v1/batch/")
                .then().statusCode(200).body("duplicates", equalTo(1)).body("results[0].status", equalTo("duplicate"));
    }

    @Test
    void segmentTrackWithTheWriteKeyInTheBodyAndATrailingSlash() throws Exception {
        String body = Payloads.read("segment-track-order-completed.json").replaceFirst("\\{", "{\"writeKey\":\"wk_shop\",")
                .replace("2026-12-01T19:11:01.169Z", Instant.now().toString())
                .replace("2026-12-01T19:11:01.152Z", Instant.now().minusMillis(17).toString());
        given().contentType("application/json").body(body).post("/v1/track/")
                .then().statusCode(200).body("accepted", equalTo(1));
        String id = segmentId("ajs-f8ca1e4de5024d9430b3928bd8ac6b96");
        ConsumerRecord<String, String> r = record(Topics.PURCHASES, id);
        assertThat(r.key()).isEqualTo("019mr8mf4r");
        JsonNode e = json(r);
        assertThat(e.get("type").textValue()).isEqualTo("purchase");
        assertThat(e.get("order").get("id").textValue()).isEqualTo("50314b8e9bcf000000000000");
        assertThat(e.get("order").get("revenue").decimalValue()).isEqualByComparingTo("25");
        assertThat(e.get("order").get("currency").textValue()).isEqualTo("USD");
        assertThat(e.get("order").get("items")).hasSize(2);
        assertThat(e.get("page").get("url").textValue()).isEqualTo("https://shop.example/checkout/");
        assertThat(e.get("context").get("user_agent").textValue()).startsWith("Mozilla/5.0");
        assertThat(e.has("ts_corrected")).as("no skew to correct").isFalse();
        assertThat(e.get("site").textValue()).isEqualTo("shop");
    }

    @Test
    void segmentPageAndImportAndIdentify() {
        given().header("Authorization", BASIC_SHOP).contentType("application/json")
                .body(Payloads.read("segment-page.json")).post("/v1/page").then().statusCode(200).body("accepted", equalTo(1));
        ConsumerRecord<String, String> page = record(Topics.PAGE_VIEWS, "022bb90c-bbac-11e4-8dfc-aa07a5b093db");
        assertThat(page.key()).isEqualTo("97980cfea0067");
        assertThat(json(page).get("page").get("title").textValue()).isEqualTo("Welcome | Initech");

        String added = Payloads.read("segment-track-product-added.json");
        given().header("Authorization", BASIC_SHOP).contentType("application/json")
                .body("{\"batch\":[" + added + "]}").post("/v1/import").then().statusCode(200).body("accepted", equalTo(1));
        ConsumerRecord<String, String> cart = record(Topics.ADD_TO_CART, "0b2d1d2e-6f0c-4a0d-9a7b-1b1f9c0f3a11");
        assertThat(cart.key()).isEqualTo("019mr8mf4r");
        assertThat(json(cart).get("product").get("id").textValue()).isEqualTo("507f1f77bcf86cd799439011");

        given().header("Authorization", BASIC_SHOP).contentType("application/json")
                .body("{\"userId\":\"u-1\",\"traits\":{\"plan\":\"pro\"},\"messageId\":\"" + UUID.randomUUID() + "\"}")
                .post("/v1/identify").then().statusCode(200).body("ignored", equalTo(1));
    }

    @Test
    void segmentBadInputIsAClear4xxAndInvalidCallsGoToTheDlq() {
        given().header("Authorization", BASIC_SHOP).contentType("application/json").body("{\"type\":").post("/v1/track")
                .then().statusCode(400).body("error", equalTo("malformed_body"));
        given().header("Authorization", BASIC_SHOP).contentType("application/json").body("{\"sentAt\":\"x\"}").post("/v1/batch")
                .then().statusCode(400).body("error", equalTo("malformed_body"));
        given().contentType("application/json").body("{\"event\":\"Product Clicked\"}").post("/v1/track")
                .then().statusCode(401).body("error", equalTo("unknown_write_key"));
        given().header("Authorization", BASIC_SHOP).get("/v1/track").then().statusCode(405);

        String marker = "bad-" + UUID.randomUUID();
        given().header("Authorization", BASIC_SHOP).contentType("application/json")
                .body("{\"event\":\"Product Clicked\",\"messageId\":\"" + marker + "\",\"properties\":{}}").post("/v1/track")
                .then().statusCode(400).body("rejected", equalTo(1)).body("results[0].status", equalTo("rejected"));
        JsonNode dlq = json(record(Topics.EVENTS_DLQ, marker));
        assertThat(dlq.get("raw").textValue()).as("the DLQ keeps the Segment call").contains("\"messageId\":\"" + marker + "\"");
        assertThat(dlq.get("reason").toString()).contains("session_id");
        assertThat(dlq.get("source").textValue()).isEqualTo("gateway");
    }

    @Test
    void pixelPublishesItsQueryAndAlwaysAnswersTheGif() {
        String id = UUID.randomUUID().toString();
        Response ok = given().queryParam("writeKey", "wk_shop").queryParam("event_id", id).queryParam("type", "page_view")
                .queryParam("ts", Instant.now().toString()).queryParam("anonymous_id", "anon-9").queryParam("session_id", "s-9")
                .queryParam("page.url", "https://shop.example/p/9").queryParam("page.title", "Shoe & socks")
                .get("/i");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.contentType()).isEqualTo("image/gif");
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        assertThat(ok.asByteArray()).startsWith((byte) 'G', (byte) 'I', (byte) 'F');
        ConsumerRecord<String, String> r = record(Topics.PAGE_VIEWS, id);
        assertThat(r.key()).isEqualTo("anon-9");
        JsonNode e = json(r);
        assertThat(e.get("page").get("url").textValue()).isEqualTo("https://shop.example/p/9");
        assertThat(e.get("page").get("title").textValue()).isEqualTo("Shoe & socks");
        assertThat(e.get("site").textValue()).isEqualTo("shop");

        String bad = UUID.randomUUID().toString();
        Response rejected = given().queryParam("writeKey", "wk_shop").queryParam("event_id", bad).queryParam("type", "click")
                .get("/i.gif");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.contentType()).isEqualTo("image/gif");
        assertThat(rejected.header("X-Clickstream-Status")).isEqualTo("rejected");
        JsonNode dlq = json(record(Topics.EVENTS_DLQ, bad));
        assertThat(dlq.get("reason").toString()).contains("session_id");
        assertThat(given().get("/q/metrics").asString()).contains("clickstream_gateway_pixel_invalid_total");

        Response unknownKey = given().queryParam("writeKey", "nope").queryParam("type", "click").get("/i");
        assertThat(unknownKey.statusCode()).isEqualTo(401);
        assertThat(unknownKey.contentType()).isEqualTo("image/gif");
    }

    @Test
    void snowplowTp2FromTheJsTracker() {
        given().contentType("application/json; charset=UTF-8").body(Payloads.read("snowplow-tp2.json"))
                .post("/com.snowplowanalytics.snowplow/tp2")
                .then().statusCode(200).body("accepted", equalTo(2)).body("ignored", equalTo(1))
                .body("results[2].reason", containsString("e=pp"));
        ConsumerRecord<String, String> pv = record(Topics.PAGE_VIEWS, "7f2c5a8e-5f3b-4a4e-9f0d-2f6e0d5b8c11");
        assertThat(pv.key()).isEqualTo("user-17");
        JsonNode e = json(pv);
        assertThat(e.get("site").textValue()).as("the write key from Snowplow's aid").isEqualTo("shop-by-app-id");
        assertThat(e.get("page").get("referrer").textValue()).isEqualTo("https://mail.example/");
        assertThat(e.get("session_id").textValue()).isEqualTo("8a2b3c4d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
        ConsumerRecord<String, String> cart = record(Topics.ADD_TO_CART, "b3a1c2d4-6e7f-4a8b-9c0d-1e2f3a4b5c6d");
        assertThat(cart.key()).isEqualTo("f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9");
        assertThat(json(cart).get("product").toString()).isEqualTo("{\"id\":\"sku-9\",\"category\":\"shoes\",\"price\":59.9,\"quantity\":2}");
    }

    @Test
    void snowplowGetIsAPixelWithSnowplowParameters() {
        String eid = UUID.randomUUID().toString();
        Response r = given().queryParam("e", "pv").queryParam("aid", "shop").queryParam("eid", eid)
                .queryParam("url", "https://shop.example/").queryParam("duid", "d-7").queryParam("vid", "1")
                .queryParam("dtm", String.valueOf(System.currentTimeMillis())).get("/i");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("image/gif");
        ConsumerRecord<String, String> pv = record(Topics.PAGE_VIEWS, eid);
        assertThat(pv.key()).isEqualTo("d-7");
        assertThat(json(pv).get("session_id").textValue()).isEqualTo("snowplow:d-7:1");
    }

    @Test
    void snowplowBadInput() {
        given().header("X-Write-Key", "wk_shop").contentType("application/json").body("{\"schema\":\"x\"}")
                .post("/com.snowplowanalytics.snowplow/tp2").then().statusCode(400).body("error", equalTo("malformed_body"));
        String eid = UUID.randomUUID().toString();
        given().header("X-Write-Key", "wk_shop").contentType("application/json")
                .body("{\"data\":[{\"e\":\"se\",\"se_ac\":\"add_to_cart\",\"se_va\":\"cheap\",\"eid\":\"" + eid + "\",\"duid\":\"d\"}]}")
                .post("/com.snowplowanalytics.snowplow/tp2").then().statusCode(400).body("rejected", equalTo(1));
        assertThat(json(record(Topics.EVENTS_DLQ, eid)).get("raw").textValue()).contains("\"se_va\":\"cheap\"");
    }

    /** Real SDKs send gzip without saying so, and JSON labelled form-urlencoded or text/plain. */
    @Test
    void bodiesAreDecodedByWhatTheyAre() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Payloads.read("segment-page.json").replace("022bb90c-bbac-11e4-8dfc-aa07a5b093db", "1a2b3c4d-bbac-11e4-8dfc-aa07a5b093db")
                    .getBytes(StandardCharsets.UTF_8));
        }
        given().header("Authorization", BASIC_SHOP).contentType("text/plain").body(gz.toByteArray()).post("/v1/page")
                .then().statusCode(200).body("accepted", equalTo(1));
        assertThat(record(Topics.PAGE_VIEWS, "1a2b3c4d-bbac-11e4-8dfc-aa07a5b093db").key()).isEqualTo("97980cfea0067");

        String id = Events.id();
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)))
                .header("X-Write-Key", "wk_shop").contentType("application/x-www-form-urlencoded")
                .body(Events.click(id, "anon-f")).post("/v1/events")
                .then().statusCode(200).body("accepted", equalTo(1));
        assertThat(record(Topics.CLICKS, id).key()).isEqualTo("anon-f");
    }
}
