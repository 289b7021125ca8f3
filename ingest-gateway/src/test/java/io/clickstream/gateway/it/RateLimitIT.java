package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token buckets per client address (after the trusted proxy) and per write key: 429 with Retry-After. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(RateLimitIT.SmallBuckets.class)
class RateLimitIT {

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("clickstream.sites.wk_a", "a"),
                    Map.entry("clickstream.sites.wk_b", "b"),
                    Map.entry("clickstream.client.trusted-proxy-hops", "1"),
                    // one token an hour: nothing refills while the test runs, however slow the machine
                    Map.entry("clickstream.rate-limit.per-client-ip.rate", "1"),
                    Map.entry("clickstream.rate-limit.per-client-ip.period", "PT1H"),
                    Map.entry("clickstream.rate-limit.per-client-ip.burst", "2"),
                    Map.entry("clickstream.rate-limit.per-write-key.rate", "1"),
                    Map.entry("clickstream.rate-limit.per-write-key.period", "PT1H"),
                    Map.entry("clickstream.rate-limit.per-write-key.burst", "3"));
        }
    }

    private static Response post(String key, String client) {
        return given().contentType("application/json").header("X-Write-Key", key).header("X-Forwarded-For", client)
                .body(Events.click(Events.id(), "u")).post("/v1/events");
    }

    @Test
    void anEmptyBucketIs429WithRetryAfterAndCounted() {
        assertThat(post("wk_a", "198.51.100.1").statusCode()).isEqualTo(200);
        assertThat(post("wk_a", "198.51.100.1").statusCode()).isEqualTo(200);
        Response limited = post("wk_a", "198.51.100.1");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        assertThat(limited.jsonPath().getString("error")).isEqualTo("rate_limited");

        // another client of the same key: one token left in wk_a's bucket, then the key's limit
        assertThat(post("wk_a", "198.51.100.2").statusCode()).isEqualTo(200);
        Response byKey = post("wk_a", "198.51.100.3");
        assertThat(byKey.statusCode()).isEqualTo(429);
        assertThat(byKey.jsonPath().getString("message")).contains("write key");
        assertThat(post("wk_b", "198.51.100.4").statusCode()).isEqualTo(200);

        // the pixel answers the GIF with the 429 (a browser shows no error), Segment's clients retry on it
        Response pixel = given().header("X-Forwarded-For", "198.51.100.1").queryParam("writeKey", "wk_b")
                .queryParam("type", "click").get("/i");
        assertThat(pixel.statusCode()).isEqualTo(429);
        assertThat(pixel.contentType()).isEqualTo("image/gif");

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("clickstream_gateway_rate_limited_total{limit=\"client_ip\"}")
                .contains("clickstream_gateway_rate_limited_total{limit=\"write_key\"}");
    }
}
