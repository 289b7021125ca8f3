package io.clickstream.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventValidator;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.protocol.pixel.PixelMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PixelMapperTest {

    private final EventValidator validator = new EventValidator(ValidationLimits.defaults(), Clock.systemUTC());

    @Test
    void flattenedNamesBecomeNestedFieldsAndAmountsNumbers() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("event_id", "3f0e8a52-6f7b-4d3c-9a1e-2b4c6d8e0f12");
        q.put("type", "add_to_cart");
        q.put("ts", Instant.now().toString());
        q.put("anonymous_id", "a-1");
        q.put("session_id", "s-1");
        q.put("product.id", "sku-1");
        q.put("product.price", "19.90");
        q.put("product.quantity", "2");
        q.put("page.url", "https://shop.example/p/1");
        q.put("writeKey", "k");
        q.put("_", "1733086261152");
        ObjectNode e = PixelMapper.map(q);
        assertThat(validator.validate(e)).isEmpty();
        assertThat(e.get("product").toString()).isEqualTo("{\"id\":\"sku-1\",\"price\":19.90,\"quantity\":2}");
        assertThat(e.has("writeKey")).isFalse();
        assertThat(e.has("_")).isFalse();
    }

    @Test
    void unknownNamesStaySoTheValidatorNamesThem() {
        ObjectNode e = PixelMapper.map(Map.of("type", "click", "colour", "red"));
        assertThat(validator.validate(e)).extracting(v -> v.rule()).contains("additional_property");
    }
}
