package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.clickstream.event.Topics;
import io.clickstream.gateway.sdk.TrackerScript;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The tracker script's caching headers (ETag, 304, Cache-Control, gzip) and size as served, the demo
 * shop's static files, and CORS when no write keys are configured: loopback origins only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TrackerAndDefaultCorsIT {

    private static final RestAssuredConfig RAW_BYTES = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void theTrackerIsServedCacheableWithAnEtagAndRevalidatesTo304() {
        TrackerScript built = TrackerScript.load();
        Response plain = given().config(RAW_BYTES).header("Accept-Encoding", "identity").get("/sdk/clickstream.js");
        plain.then().statusCode(200)
                .header("Content-Type", "text/javascript; charset=utf-8")
                .header("Cache-Control", "public, max-age=300")
                .header("ETag", built.etag())
                .header("Vary", "Accept-Encoding")
                .header("Content-Encoding", nullValue());
        assertThat(plain.asByteArray()).isEqualTo(built.plain());

        given().config(RAW_BYTES).header("If-None-Match", built.etag()).header("Accept-Encoding", "identity")
                .get("/sdk/clickstream.js")
                .then().statusCode(304).header("ETag", built.etag()).header("Cache-Control", "public, max-age=300")
                .header("Content-Type", nullValue());
        given().config(RAW_BYTES).header("If-None-Match", "\"an-older-build\"").header("Accept-Encoding", "identity")
                .get("/sdk/clickstream.js").then().statusCode(200).header("ETag", built.etag());
        given().config(RAW_BYTES).header("Accept-Encoding", "identity").head("/sdk/clickstream.js").then().statusCode(200)
                .header("Content-Length", String.valueOf(built.plain().length));
        given().post("/sdk/clickstream.js").then().statusCode(405).header("Allow", "GET, HEAD");
    }

    @Test
    void browsersGetTheTrackerGzippedWithinTheBudget() {
        TrackerScript built = TrackerScript.load();
        Response gzipped = given().config(RAW_BYTES).header("Accept-Encoding", "gzip, deflate, br")
                .get("/sdk/clickstream.js");
        gzipped.then().statusCode(200).header("Content-Encoding", "gzip").header("ETag", built.gzipEtag());
        assertThat(gzipped.asByteArray()).isEqualTo(built.gzipped());
        assertThat(gzipped.asByteArray().length).as("bytes on the wire").isLessThanOrEqualTo(TrackerScript.GZIP_BUDGET_BYTES);
        given().config(RAW_BYTES).header("Accept-Encoding", "gzip").header("If-None-Match", built.gzipEtag())
                .get("/sdk/clickstream.js").then().statusCode(304);
    }

    @Test
    void theDemoShopIsServedByTheGateway() {
        given().get("/demo/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Clickstream demo shop")).body(containsString("shop.js"));
        given().redirects().follow(false).get("/demo").then().statusCode(301).header("Location", "/demo/");
        given().get("/demo/shop.js").then().statusCode(200).body(containsString("/sdk/clickstream.js"));
        given().get("/demo/thanks.html").then().statusCode(200).body(containsString("sendBeacon"));
    }

    @Test
    void withoutWriteKeysALoopbackPagesPreflightIsAnsweredAndCached() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/v1/events")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    }

    @Test
    void withoutWriteKeysALoopbackPagesEventsAreTakenAndTheAnswerIsReadable() {
        String id = Events.id();
        given().header("Origin", "http://127.0.0.1:9999").contentType("text/plain;charset=UTF-8")
                .body("[" + Events.click(id, "anon-cors") + "]").post("/v1/events")
                .then().statusCode(200).body("accepted", equalTo(1))
                .header("Access-Control-Allow-Origin", "http://127.0.0.1:9999")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Expose-Headers", "Retry-After")
                .header("Vary", "Origin");
    }

    @Test
    void withoutWriteKeysAnotherOriginGetsNoCorsHeadersAndA403NamingTheSetting() {
        String refused = Events.id(), marker = Events.id();
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .options("/v1/events")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue())
                .body("error", equalTo("origin_not_allowed"))
                .body("config_key", equalTo("clickstream.cors.default-origins"));
        given().header("Origin", "https://shop.example").contentType("text/plain")
                .body("[" + Events.click(refused, "anon-cors") + "]").post("/v1/events")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue())
                .body("error", equalTo("origin_not_allowed"))
                .body("origin", equalTo("https://shop.example"))
                .body("config_key", equalTo("clickstream.cors.default-origins"))
                .body("message", containsString("https://shop.example"));
        given().contentType("application/json").body(Events.click(marker, "anon-cors")).post("/v1/events")
                .then().statusCode(200);
        List<ConsumerRecord<String, String>> records = TopicReader.read(List.of(Topics.CLICKS), Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(r -> r.value().contains(marker)));
        assertThat(records).anyMatch(r -> r.value().contains(marker)).noneMatch(r -> r.value().contains(refused));
    }
}
