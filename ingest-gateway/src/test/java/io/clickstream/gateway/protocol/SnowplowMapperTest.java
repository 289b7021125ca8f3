package io.clickstream.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventValidator;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.protocol.snowplow.SnowplowMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnowplowMapperTest {

    private static final Instant RECEIVED = Instant.parse("2025-12-01T18:51:02Z");
    private final SnowplowMapper mapper = new SnowplowMapper(new SnowplowMapper.Settings(true,
            TypeMapping.parse("a", List.of("click=click", "add_to_cart=add_to_cart", "purchase=purchase")),
            TypeMapping.parse("s", List.of("com.snowplowanalytics.snowplow/link_click=click")), "EUR"));
    private final EventValidator validator = new EventValidator(ValidationLimits.defaults(), Clock.systemUTC());

    private static Map<String, String> params(JsonNode element) {
        Map<String, String> out = new LinkedHashMap<>();
        element.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    private ObjectNode valid(Mapped mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Event.class);
        ObjectNode event = ((Mapped.Event) mapped).event();
        assertThat(validator.validate(event)).as("%s", event).isEmpty();
        return event;
    }

    @Test
    void pageViewFromTheJsTrackersPayload() throws Exception {
        JsonNode data = EventJson.readTree(Payloads.read("snowplow-tp2.json")).get("data");
        ObjectNode e = valid(mapper.map(params(data.get(0)), RECEIVED));
        assertThat(e.get("type").textValue()).isEqualTo("page_view");
        assertThat(e.get("event_id").textValue()).isEqualTo("7f2c5a8e-5f3b-4a4e-9f0d-2f6e0d5b8c11");
        assertThat(e.get("ts").textValue()).isEqualTo("2025-12-01T18:51:01.152Z");
        assertThat(e.get("sent_at").textValue()).isEqualTo("2025-12-01T18:51:01.170Z");
        assertThat(e.get("user_id").textValue()).isEqualTo("user-17");
        assertThat(e.get("anonymous_id").textValue()).isEqualTo("f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9");
        assertThat(e.get("session_id").textValue()).isEqualTo("8a2b3c4d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
        assertThat(e.get("page").toString()).isEqualTo("{\"url\":\"https://shop.example/products/sku-9?ref=mail\","
                + "\"path\":\"/products/sku-9\",\"referrer\":\"https://mail.example/\",\"title\":\"Running shoe\"}");
        assertThat(e.get("context").get("locale").textValue()).isEqualTo("de-DE");
    }

    @Test
    void structuredAddToCart() throws Exception {
        JsonNode data = EventJson.readTree(Payloads.read("snowplow-tp2.json")).get("data");
        ObjectNode e = valid(mapper.map(params(data.get(1)), RECEIVED));
        assertThat(e.get("type").textValue()).isEqualTo("add_to_cart");
        assertThat(e.get("product").toString()).isEqualTo("{\"id\":\"sku-9\",\"category\":\"shoes\",\"price\":59.9,\"quantity\":2}");
        assertThat(e.has("user_id")).isFalse();
    }

    @Test
    void pagePingsAreIgnored() throws Exception {
        JsonNode data = EventJson.readTree(Payloads.read("snowplow-tp2.json")).get("data");
        assertThat(mapper.map(params(data.get(2)), RECEIVED)).isEqualTo(new Mapped.Ignored("event kind e=pp carries no clickstream event"));
    }

    @Test
    void linkClickAsBase64SelfDescribingEventIsAClick() {
        String ue = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\",\"data\":"
                + "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1\",\"data\":"
                + "{\"targetUrl\":\"https://shop.example/cart\",\"elementId\":\"cart-link\",\"elementClasses\":[\"nav\"]}}}";
        Map<String, String> p = new LinkedHashMap<>(Map.of("e", "ue", "eid", "not-a-uuid-1", "duid", "d-1", "vid", "2",
                "dtm", "1764615061152", "url", "https://shop.example/",
                "ue_px", Base64.getUrlEncoder().withoutPadding().encodeToString(ue.getBytes(StandardCharsets.UTF_8))));
        ObjectNode e = valid(mapper.map(p, RECEIVED));
        assertThat(e.get("type").textValue()).isEqualTo("click");
        assertThat(e.get("element").textValue()).isEqualTo("#cart-link");
        assertThat(e.get("session_id").textValue()).isEqualTo("snowplow:d-1:2");
        assertThat(e.get("event_id").textValue()).isEqualTo(ForeignIds.eventId("snowplow", "not-a-uuid-1"));
    }

    @Test
    void structuredPurchaseTakesTheDefaultCurrency() {
        Map<String, String> p = Map.of("e", "se", "se_ac", "purchase", "se_la", "o-1", "se_ca", "sku-9", "se_va", "59.9",
                "eid", "0d2c5a8e-5f3b-4a4e-9f0d-2f6e0d5b8c11", "uid", "u", "sid", "s", "dtm", "1764615061152");
        ObjectNode e = valid(mapper.map(p, RECEIVED));
        assertThat(e.get("order").toString()).isEqualTo("{\"id\":\"o-1\",\"revenue\":59.9,\"currency\":\"EUR\","
                + "\"items\":[{\"product_id\":\"sku-9\",\"price\":59.9,\"quantity\":1}]}");
    }

    @Test
    void aQueryWithAnEventKindIsSnowplowOtherwiseAPixel() {
        assertThat(SnowplowMapper.isSnowplow(Map.of("e", "pv"))).isTrue();
        assertThat(SnowplowMapper.isSnowplow(Map.of("type", "page_view"))).isFalse();
    }
}
