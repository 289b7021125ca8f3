package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.clickstream.event.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** CORS with write keys: each key's own allowlist, preflights, refusals with their reason, every beacon path. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(CorsPerWriteKeyIT.ShopAndBlog.class)
class CorsPerWriteKeyIT {

    public static class ShopAndBlog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "clickstream.sites.wk_shop", "shop",
                    "clickstream.sites.wk_blog", "blog",
                    "clickstream.cors.origins.wk_shop", "https://shop.example,https://*.shop.example",
                    "clickstream.cors.origins.wk_blog", "https://blog.example",
                    "clickstream.cors.max-age", "PT1H");
        }
    }

    @Test
    void aPreflightForAKeysOwnOriginIsAnswered() {
        given().header("Origin", "https://www.shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-write-key")
                .queryParam("writeKey", "wk_shop")
                .options("/v1/events")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://www.shop.example")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Headers", containsString("X-Write-Key"))
                .header("Access-Control-Max-Age", "3600");
    }

    @Test
    void aPreflightForAnotherKeysOriginOrAForeignHeaderIsRefusedWithoutCorsHeaders() {
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .queryParam("writeKey", "wk_blog").options("/v1/events")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue())
                .body("config_key", equalTo("clickstream.cors.origins.wk_blog"));
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-debug").options("/v1/events")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue())
                .body("message", containsString("'x-debug'"));
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "PUT")
                .options("/v1/events")
                .then().statusCode(403).body("message", containsString("PUT"));
    }

    @Test
    void aKeysOwnOriginSendsEventsAndReadsTheAnswer() {
        String id = Events.id();
        given().header("Origin", "https://shop.example").queryParam("writeKey", "wk_shop")
                .contentType("text/plain;charset=UTF-8").body("[" + Events.click(id, "anon-shop") + "]")
                .post("/v1/events")
                .then().statusCode(200).body("results[0].status", equalTo("accepted"))
                .header("Access-Control-Allow-Origin", "https://shop.example")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Vary", "Origin");
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)));
        assertThat(records).filteredOn(r -> r.value().contains(id)).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"site\":\"shop\""));
    }

    @Test
    void anotherKeysOriginIsRefusedWithItsReasonAndNothingIsStored() {
        String refused = Events.id(), marker = Events.id();
        given().header("Origin", "https://shop.example").header("X-Write-Key", "wk_blog")
                .contentType("application/json").body(Events.click(refused, "anon-shop"))
                .post("/v1/events")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue())
                .body("error", equalTo("origin_not_allowed"))
                .body("origin", equalTo("https://shop.example"))
                .body("config_key", equalTo("clickstream.cors.origins.wk_blog"))
                .body("message", containsString("clickstream.cors.origins.wk_blog"));
        given().header("X-Write-Key", "wk_blog").contentType("application/json").body(Events.click(marker, "anon-shop"))
                .post("/v1/events").then().statusCode(200);
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(marker)));
        assertThat(records).noneMatch(r -> r.value().contains(refused));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("clickstream_gateway_cors_refused_total{kind=\"request\"}"));
    }

    @Test
    void anAllowedOriginWithoutAKeyReadsTheGatewaysOwn401() {
        given().header("Origin", "https://blog.example").contentType("application/json")
                .body(Events.click(Events.id(), "anon")).post("/v1/events")
                .then().statusCode(401).body("error", equalTo("unknown_write_key"))
                .header("Access-Control-Allow-Origin", "https://blog.example");
    }

    @Test
    void theKeyMayComeAsSegmentsBasicAuthorization() {
        String basicShop = "Basic " + java.util.Base64.getEncoder().encodeToString("wk_shop:".getBytes());
        given().header("Origin", "https://blog.example").header("Authorization", basicShop)
                .contentType("application/json").body("{}").post("/v1/track")
                .then().statusCode(403).body("config_key", equalTo("clickstream.cors.origins.wk_shop"));
    }

    @Test
    void aRequestNamingTwoKeysIsJudgedByTheSameKeyAtTheFilterAndAtTheRoute() {
        // Basic names wk_blog, the header wk_shop: both the CORS filter and the route take Basic's key, so an
        // origin allowed for wk_shop only is refused, and blog's origin is stored under blog's site.
        String basicBlog = "Basic " + java.util.Base64.getEncoder().encodeToString("wk_blog:".getBytes());
        given().header("Origin", "https://shop.example").header("Authorization", basicBlog).header("X-Write-Key", "wk_shop")
                .contentType("application/json").body(Events.click(Events.id(), "anon")).post("/v1/events")
                .then().statusCode(403).body("config_key", equalTo("clickstream.cors.origins.wk_blog"));
        String stored = Events.id();
        given().header("Origin", "https://blog.example").header("Authorization", basicBlog).header("X-Write-Key", "wk_shop")
                .contentType("application/json").body(Events.click(stored, "anon")).post("/v1/events")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://blog.example");
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(stored)));
        assertThat(records).filteredOn(r -> r.value().contains(stored)).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"site\":\"blog\""));
    }

    @Test
    void everyBeaconPathIsCovered() {
        for (String path : List.of("/v1/events", "/v1/batch", "/i", "/i.gif", "/com.snowplowanalytics.snowplow/tp2")) {
            given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                    .options(path).then().statusCode(204).header("Access-Control-Allow-Origin", "https://shop.example");
            given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                    .options(path).then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        }
    }
}
