package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
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

/** Write keys → site, a trusted proxy in front (X-Forwarded-For), and DNT / Sec-GPC handling. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(WriteKeysAndPrivacyIT.KeysBehindProxy.class)
class WriteKeysAndPrivacyIT {

    public static class KeysBehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "clickstream.sites.wk_shop", "shop",
                    "clickstream.sites.wk_blog", "blog",
                    "clickstream.client.trusted-proxy-hops", "1",
                    "clickstream.privacy.dnt", "anonymise",
                    "clickstream.privacy.gpc", "drop");
        }
    }

    private static JsonNode published(String id) {
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)));
        return records.stream().filter(r -> r.value().contains(id)).findFirst().map(r -> {
            try {
                return EventJson.readTree(r.value());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).orElseThrow(() -> new AssertionError("event " + id + " not in Kafka"));
    }

    @Test
    void missingOrUnknownWriteKeyIs401() {
        given().contentType("application/json").body(Events.click(Events.id(), "u")).post("/v1/events")
                .then().statusCode(401).body("error", equalTo("unknown_write_key"));
        given().contentType("application/json").header("X-Write-Key", "wk_nope").body(Events.click(Events.id(), "u"))
                .post("/v1/events").then().statusCode(401);
    }

    @Test
    void theWriteKeyNamesTheSiteAndTheTrustedProxysEntryIsTheClient() {
        String byHeader = Events.id(), byQuery = Events.id();
        given().contentType("application/json").header("X-Write-Key", "wk_shop")
                .header("X-Forwarded-For", "6.6.6.6, 203.0.113.77")
                .body(Events.click(byHeader, "u")).post("/v1/events").then().statusCode(200);
        given().contentType("application/json").queryParam("writeKey", "wk_blog")
                .body(Events.click(byQuery, "u")).post("/v1/events").then().statusCode(200);

        JsonNode shop = published(byHeader);
        assertThat(shop.get("site").textValue()).isEqualTo("shop");
        assertThat(shop.get("ip").textValue()).as("spoofed leftmost entry ignored").isEqualTo("203.0.113.0");
        JsonNode blog = published(byQuery);
        assertThat(blog.get("site").textValue()).isEqualTo("blog");
        assertThat(blog.get("ip").textValue()).as("no header: the peer").isEqualTo("127.0.0.0");
    }

    @Test
    void dntStoresNoAddressAndNoUserAgent() {
        String id = Events.id();
        String event = Events.click(id, "u").replace("}", ",\"context\":{\"user_agent\":\"Mozilla/5.0\",\"locale\":\"de-DE\"}}");
        given().contentType("application/json").header("X-Write-Key", "wk_shop").header("DNT", "1")
                .header("X-Forwarded-For", "203.0.113.77").body(event)
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));
        JsonNode stored = published(id);
        assertThat(stored.has("ip")).isFalse();
        assertThat(stored.get("context").has("user_agent")).isFalse();
        assertThat(stored.get("context").get("locale").textValue()).isEqualTo("de-DE");
    }

    @Test
    void gpcConfiguredToDropStoresNothing() {
        String dropped = Events.id(), marker = Events.id();
        given().contentType("application/json").header("X-Write-Key", "wk_shop").header("Sec-GPC", "1")
                .body(Events.click(dropped, "gpc-user")).post("/v1/events").then().statusCode(200)
                .body("dropped", equalTo(1)).body("results[0].status", equalTo("dropped"));
        given().contentType("application/json").header("X-Write-Key", "wk_shop")
                .body(Events.click(marker, "gpc-user")).post("/v1/events").then().statusCode(200);
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(marker)));
        assertThat(records).noneMatch(r -> r.value().contains(dropped));
    }
}
