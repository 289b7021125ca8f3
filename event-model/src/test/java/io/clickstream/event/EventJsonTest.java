package io.clickstream.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    static final String PURCHASE = """
            {"event_id":"3b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e14","type":"purchase","ts":"2026-11-25T10:00:03.120Z",\
            "sent_at":"2026-11-25T10:00:03.500Z","user_id":"u-7","anonymous_id":"anon-1","session_id":"s-1",\
            "page":{"url":"https://shop.example/checkout","path":"/checkout","referrer":"https://shop.example/cart","title":"Checkout"},\
            "order":{"id":"o-1001","revenue":34.90,"currency":"EUR","items":[\
            {"product_id":"sku-42","price":12.50,"quantity":2},{"product_id":"sku-7","price":9.90,"quantity":1}]},\
            "context":{"user_agent":"Mozilla/5.0","locale":"de-DE","screen":{"w":1440,"h":900}},\
            "received_at":"2026-11-25T10:00:04.001Z","ip":"203.0.113.0","site":"shop-eu","ts_corrected":false}""";

    @Test
    void aFullPurchaseEventBindsToTheRecordAndWritesBackToTheSameJson() throws Exception {
        JsonNode tree = EventJson.readTree(PURCHASE);
        assertThat(Events.VALIDATOR.validateEnriched(tree)).isEmpty();

        ClickEvent event = EventJson.toEvent(tree);
        ClickEvent expected = new ClickEvent("3b3f8c9e-6a52-4a1f-9d0e-2c7b1f0a9e14", EventType.PURCHASE,
                Instant.parse("2026-11-25T10:00:03.120Z"), Instant.parse("2026-11-25T10:00:03.500Z"), "u-7", "anon-1", "s-1",
                new Page("https://shop.example/checkout", "/checkout", "https://shop.example/cart", "Checkout"),
                null, null,
                new Order("o-1001", new BigDecimal("34.90"), "EUR", List.of(
                        new OrderItem("sku-42", new BigDecimal("12.50"), 2), new OrderItem("sku-7", new BigDecimal("9.90"), 1))),
                tree.get("context"),
                Instant.parse("2026-11-25T10:00:04.001Z"), "203.0.113.0", "shop-eu", false);
        assertThat(event).isEqualTo(expected);

        String written = EventJson.write(event);
        assertThat(written).isEqualTo(PURCHASE); // same fields, same order, same number text
        assertThat(EventJson.readTree(written)).isEqualTo(tree);
        assertThat(EventJson.toEvent(EventJson.readTree(written))).isEqualTo(event);
        assertThat(EventJson.toTree(event)).isEqualTo(tree);
    }

    @Test
    void instantsAreWrittenAsIsoStringsInUtc() throws Exception {
        ClickEvent event = EventJson.toEvent(EventJson.readTree(PURCHASE.replace("2026-11-25T10:00:03.120Z", "2026-11-25T11:00:03.120+01:00")));
        assertThat(event.ts()).isEqualTo(Instant.parse("2026-11-25T10:00:03.120Z"));
        JsonNode written = EventJson.toTree(event);
        assertThat(written.get("ts").isTextual()).isTrue();
        assertThat(written.get("ts").asText()).isEqualTo("2026-11-25T10:00:03.120Z");
        assertThat(EventJson.write(Instant.parse("2026-11-25T10:00:00Z"))).isEqualTo("\"2026-11-25T10:00:00Z\"");
        assertThat(EventJson.write(Instant.parse("2026-11-25T10:00:00.000000001Z"))).isEqualTo("\"2026-11-25T10:00:00.000000001Z\"");
    }

    @Test
    void pricesStayExactDecimals() throws Exception {
        String json = PURCHASE.replace("\"price\":12.50", "\"price\":0.10").replace("\"price\":9.90", "\"price\":1234567.890123456789012345");
        ClickEvent event = EventJson.toEvent(EventJson.readTree(json));
        BigDecimal first = event.order().items().get(0).price();
        BigDecimal second = event.order().items().get(1).price();
        assertThat(first).isEqualTo(new BigDecimal("0.10")); // equals() checks the scale too
        assertThat(second).isEqualTo(new BigDecimal("1234567.890123456789012345"));
        // Arithmetic on them is exact, which double would not be: 0.10 * 3 is 0.30, not 0.30000000000000004.
        assertThat(first.multiply(BigDecimal.valueOf(3))).isEqualTo(new BigDecimal("0.30"));
        assertThat(EventJson.write(event)).contains("\"price\":0.10", "\"price\":1234567.890123456789012345", "\"revenue\":34.90");
    }

    @Test
    void treesKeepTheScaleTheClientSent() throws Exception {
        JsonNode tree = EventJson.readTree("{\"a\":100.0,\"b\":19.90,\"c\":1e2}");
        assertThat(EventJson.write(tree)).isEqualTo("{\"a\":100.0,\"b\":19.90,\"c\":1E+2}");
        assertThat(tree.get("b").decimalValue()).isEqualTo(new BigDecimal("19.90"));
    }

    @Test
    void absentFieldsAreOmittedNotWrittenAsNull() {
        ClickEvent click = EventJson.toEvent(Events.click());
        String json = EventJson.write(click);
        assertThat(json).doesNotContain("null", "received_at", "anonymous_id", "product");
        assertThat(EventJson.write(new Product("p", null, BigDecimal.ONE, 1))).isEqualTo("{\"id\":\"p\",\"price\":1,\"quantity\":1}");
    }

    @Test
    void aThousandDeepDocumentIsRejectedByTheParser() {
        String deep = "{\"context\":".repeat(1000) + "{}" + "}".repeat(1000);
        assertThatThrownBy(() -> EventJson.readTree(deep))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("Document nesting depth")
                .hasMessageContaining(String.valueOf(EventJson.MAX_NESTING_DEPTH));
        String deepArray = "[".repeat(1000) + "]".repeat(1000);
        assertThatThrownBy(() -> EventJson.readTree(deepArray)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void nestingUpToTheBoundIsAccepted() throws Exception {
        int depth = EventJson.MAX_NESTING_DEPTH;
        assertThat(EventJson.readTree("[".repeat(depth) + "]".repeat(depth))).isNotNull();
        assertThatThrownBy(() -> EventJson.readTree("[".repeat(depth + 1) + "]".repeat(depth + 1)))
                .isInstanceOf(StreamConstraintsException.class);
        // A realistic event with a nested context is far inside the bound.
        assertThat(Events.VALIDATOR.validate(Events.with(Events.pageView(), "context.screen", "{\"a\":{\"b\":{\"c\":{\"d\":[1,[2]]}}}}")))
                .isEmpty();
    }

    @Test
    void oneDocumentMeansOneJsonValue() throws Exception {
        assertThatThrownBy(() -> EventJson.readTree("{\"type\":\"click\"} {\"type\":\"click\"}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> EventJson.readTree("{\"type\":\"click\"")).isInstanceOf(JsonProcessingException.class);
        assertThat(EventJson.readTree("  {\"type\":\"click\"}\n").get("type").asText()).isEqualTo("click");
        assertThat(EventJson.readTree("").isMissingNode()).isTrue();
        assertThat(Events.VALIDATOR.validate(EventJson.readTree(""))).extracting(Violation::message)
                .containsExactly("an event must be a JSON object, found nothing");
    }

    @Test
    void hugeNumbersAreRejectedByTheParser() {
        assertThatThrownBy(() -> EventJson.readTree("{\"price\":1" + "0".repeat(100) + "}"))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void unknownFieldsAreIgnoredWhenBindingBecauseTheValidatorReportsThem() throws Exception {
        JsonNode tree = EventJson.readTree(Events.click().put("colour", "blue").toString());
        assertThat(EventJson.toEvent(tree).element()).isEqualTo("#buy-now");
        assertThat(Events.VALIDATOR.validate(tree)).extracting(Violation::path).containsExactly("$.colour");
    }

    @Test
    void bindingErrorsNameTheProblem() {
        assertThatThrownBy(() -> EventJson.toEvent(Events.withText(Events.click(), "ts", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("event does not bind to the contract: ");
    }
}
