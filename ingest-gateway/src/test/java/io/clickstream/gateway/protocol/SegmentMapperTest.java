package io.clickstream.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventValidator;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.protocol.segment.SegmentMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SegmentMapperTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-01T19:11:02Z");
    private final SegmentMapper mapper = new SegmentMapper(new SegmentMapper.Settings(true, TypeMapping.parse("t",
            List.of("Product Clicked=click", "Product Added=add_to_cart", "Order Completed=purchase"))));
    private final EventValidator validator = new EventValidator(ValidationLimits.defaults(), Clock.systemUTC());

    private ObjectNode mapValid(String payload, String impliedType) throws Exception {
        JsonNode message = EventJson.readTree(payload);
        Mapped mapped = mapper.map(message, impliedType, null, message.toString(), RECEIVED);
        assertThat(mapped).isInstanceOf(Mapped.Event.class);
        ObjectNode event = ((Mapped.Event) mapped).event();
        assertThat(validator.validate(event)).as("%s", event).isEmpty();
        return event;
    }

    @Test
    void orderCompletedIsAPurchaseWithSegmentsEcommerceProperties() throws Exception {
        ObjectNode e = mapValid(Payloads.read("segment-track-order-completed.json"), "track");
        assertThat(e.get("type").textValue()).isEqualTo("purchase");
        assertThat(e.get("event_id").textValue())
                .isEqualTo(UUID.nameUUIDFromBytes("segment:ajs-f8ca1e4de5024d9430b3928bd8ac6b96".getBytes()).toString());
        assertThat(e.get("ts").textValue()).isEqualTo("2026-12-01T19:11:01.152Z");
        assertThat(e.get("sent_at").textValue()).isEqualTo("2026-12-01T19:11:01.169Z");
        assertThat(e.get("user_id").textValue()).isEqualTo("019mr8mf4r");
        assertThat(e.get("anonymous_id").textValue()).isEqualTo("23adfd82-aa0f-45a7-a756-24f2a7a4c895");
        assertThat(e.get("session_id").textValue()).isEqualTo("segment:23adfd82-aa0f-45a7-a756-24f2a7a4c895");
        JsonNode order = e.get("order");
        assertThat(order.get("id").textValue()).isEqualTo("50314b8e9bcf000000000000");
        assertThat(order.get("revenue").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(order.get("currency").textValue()).isEqualTo("USD");
        assertThat(order.get("items")).hasSize(2);
        assertThat(order.get("items").get(1).toString()).isEqualTo("{\"product_id\":\"505bd76785ebb509fc183733\",\"price\":3,\"quantity\":2}");
        assertThat(e.get("page").get("url").textValue()).isEqualTo("https://shop.example/checkout/");
        assertThat(e.get("context").get("user_agent").textValue()).startsWith("Mozilla/5.0");
        assertThat(e.get("context").get("library").textValue()).isEqualTo("analytics.js/2.11.1");
    }

    @Test
    void productAddedIsAnAddToCart() throws Exception {
        ObjectNode e = mapValid(Payloads.read("segment-track-product-added.json"), "track");
        assertThat(e.get("type").textValue()).isEqualTo("add_to_cart");
        assertThat(e.get("event_id").textValue()).isEqualTo("0b2d1d2e-6f0c-4a0d-9a7b-1b1f9c0f3a11");
        assertThat(e.get("product").toString()).isEqualTo("{\"id\":\"507f1f77bcf86cd799439011\",\"category\":\"Games\",\"price\":18.99,\"quantity\":1}");
        assertThat(e.get("ts").textValue()).isEqualTo("2026-12-01T19:10:00Z");
        assertThat(e.has("sent_at")).isFalse();
    }

    @Test
    void pageIsAPageView() throws Exception {
        ObjectNode e = mapValid(Payloads.read("segment-page.json"), null);
        assertThat(e.get("type").textValue()).isEqualTo("page_view");
        assertThat(e.get("event_id").textValue()).isEqualTo("022bb90c-bbac-11e4-8dfc-aa07a5b093db");
        assertThat(e.get("page").toString()).isEqualTo("{\"url\":\"http://www.example.com\",\"title\":\"Welcome | Initech\"}");
        assertThat(e.get("sent_at").textValue()).isEqualTo("2026-12-01T22:28:55.111Z");
    }

    @Test
    void identifyAndUnmappedTrackNamesAreIgnoredWithAReason() throws Exception {
        JsonNode batch = EventJson.readTree(Payloads.read("segment-node-batch.json"));
        Mapped identify = mapper.map(batch.get("batch").get(1), null, null, "x", RECEIVED);
        Mapped signedUp = mapper.map(batch.get("batch").get(2), null, null, "x", RECEIVED);
        assertThat(identify).isEqualTo(new Mapped.Ignored("identify calls carry no clickstream event"));
        assertThat(((Mapped.Ignored) signedUp).reason()).contains("'Signed Up' is not mapped");
    }

    @Test
    void analyticsNodesMessageIdsAreMappedDeterministicallyAndTheBatchSentAtCorrectsSkew() throws Exception {
        JsonNode clicked = EventJson.readTree(Payloads.read("segment-node-batch.json")).get("batch").get(0);
        ObjectNode a = ((Mapped.Event) mapper.map(clicked, null, "2026-12-01T19:11:01.200Z", "x", RECEIVED)).event();
        ObjectNode b = ((Mapped.Event) mapper.map(clicked, null, "2026-12-01T19:11:09Z", "y", RECEIVED)).event();
        assertThat(a.get("event_id")).isEqualTo(b.get("event_id"));
        assertThat(a.get("type").textValue()).isEqualTo("click");
        assertThat(a.get("element").textValue()).isEqualTo("product:sku-9");
        assertThat(a.get("sent_at").textValue()).isEqualTo("2026-12-01T19:11:01.200Z");
        assertThat(validator.validate(a)).isEmpty();
    }

    @Test
    void aMessageWithoutIdentityMapsToAnEventTheValidatorRejects() throws Exception {
        JsonNode message = EventJson.readTree("{\"type\":\"track\",\"event\":\"Product Clicked\",\"properties\":{}}");
        ObjectNode e = ((Mapped.Event) mapper.map(message, null, null, message.toString(), RECEIVED)).event();
        assertThat(validator.validate(e)).extracting(v -> v.path()).contains("$.session_id");
    }

    @Test
    void typeMappingCanUnmapAndRefusesUnknownTypes() {
        TypeMapping mapping = TypeMapping.parse("k", List.of("A=click", "A=ignore", "B=purchase"));
        assertThat(mapping.typeOf("A")).isEmpty();
        assertThat(mapping.typeOf("B")).isPresent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TypeMapping.parse("k", List.of("A=checkout")))
                .hasMessageContaining("'checkout' is not a type");
    }

    @Test
    void timestampsInOtherZoneNotationsAreNormalised() {
        assertThat(Timestamps.iso("2026-12-01T19:11:01.152+0000")).isEqualTo("2026-12-01T19:11:01.152Z");
        assertThat(Timestamps.iso("2026-12-01T20:11:01+01:00")).isEqualTo("2026-12-01T19:11:01Z");
        assertThat(Timestamps.iso("yesterday")).isEqualTo("yesterday");
        assertThat(Timestamps.epochMillis("1764615061152")).isEqualTo("2025-12-01T18:51:01.152Z");
    }
}
