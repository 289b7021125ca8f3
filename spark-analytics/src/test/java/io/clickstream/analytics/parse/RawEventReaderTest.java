package io.clickstream.analytics.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawEventReaderTest {

    private static RawEvent read(String json) throws RawEventReader.Malformed {
        return RawEventReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryFieldTheAnalyticsUseAndSkipsTheRest() throws Exception {
        RawEvent e = read("""
                {"event_id":"e1","type":"purchase","ts":"2026-11-25T10:00:01Z","user_id":"u1",
                 "anonymous_id":"a1","session_id":"s1","site":"shop","received_at":"2026-11-25T10:00:02Z",
                 "context":{"ua":"x","nested":[{"deep":[1,2,{"a":null}]}]},"ip":"10.0.0.0",
                 "page":{"url":"https://s/x","path":"/x","title":"T"},"element":"#b",
                 "product":{"id":"p1","category":"books","price":12.5,"quantity":2,"extra":true},
                 "order":{"id":"o1","revenue":37.49,"currency":"EUR","coupon":null,
                          "items":[{"product_id":"p1","price":"12.50","quantity":2},null]}}
                """);
        assertThat(e.eventId()).isEqualTo("e1");
        assertThat(e.type()).isEqualTo("purchase");
        assertThat(e.ts()).isEqualTo("2026-11-25T10:00:01Z");
        assertThat(e.userId()).isEqualTo("u1");
        assertThat(e.anonymousId()).isEqualTo("a1");
        assertThat(e.sessionId()).isEqualTo("s1");
        assertThat(e.site()).isEqualTo("shop");
        assertThat(e.receivedAt()).isEqualTo("2026-11-25T10:00:02Z");
        assertThat(e.pageUrl()).isEqualTo("https://s/x");
        assertThat(e.pagePath()).isEqualTo("/x");
        assertThat(e.element()).isEqualTo("#b");
        assertThat(e.productId()).isEqualTo("p1");
        assertThat(e.productCategory()).isEqualTo("books");
        assertThat(e.productPrice()).isEqualByComparingTo("12.50").hasToString("12.50");
        assertThat(e.productQuantity()).isEqualTo(2);
        assertThat(e.orderId()).isEqualTo("o1");
        assertThat(e.revenue()).hasToString("37.49");
        assertThat(e.currency()).isEqualTo("EUR");
        assertThat(e.items()).hasSize(2);
        assertThat(e.items().get(0)).isEqualTo(new RawEvent.Item("p1", new java.math.BigDecimal("12.50"), 2));
        assertThat(e.items().get(1)).isNull();
    }

    @Test
    void absentAndNullFieldsAreNullAndScalarsAreReadAsText() throws Exception {
        RawEvent e = read("{\"event_id\":123,\"type\":\"click\",\"ts\":null,\"user_id\":true,\"page\":null,\"order\":{}}");
        assertThat(e.eventId()).isEqualTo("123");
        assertThat(e.userId()).isEqualTo("true");
        assertThat(e.ts()).isNull();
        assertThat(e.pageUrl()).isNull();
        assertThat(e.orderId()).isNull();
        assertThat(e.items()).isNull();
        assertThat(e.sessionId()).isNull();
    }

    @Test
    void moneyIsRoundedHalfUpToCentsAndDuplicateKeysKeepTheLast() throws Exception {
        RawEvent e = read("{\"product\":{\"price\":1.005,\"quantity\":1},\"product\":{\"price\":2.345}}");
        assertThat(e.productPrice()).hasToString("2.35");
        assertThat(e.productQuantity()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "{not json", "[]", "[{\"event_id\":\"e\"}]", "\"text\"", "42", "null",
            "{\"event_id\":\"e\"} trailing", "{\"event_id\":\"e\"}{}", "{\"event_id\":\"e\"",
            "{\"event_id\":{\"a\":1}}", "{\"ts\":[\"2026-11-25T10:00:01Z\"]}",
            "{\"page\":\"/home\"}", "{\"product\":[1]}", "{\"order\":5}",
            "{\"product\":{\"price\":\"cheap\"}}", "{\"product\":{\"price\":true}}",
            "{\"product\":{\"price\":1e30}}", "{\"product\":{\"quantity\":1.5}}",
            "{\"product\":{\"quantity\":\"2\"}}", "{\"product\":{\"quantity\":3000000000}}",
            "{\"order\":{\"items\":{\"product_id\":\"p\"}}}", "{\"order\":{\"items\":[1]}}",
            "{\"order\":{\"items\":[{\"price\":[]}]}}"})
    void malformedValuesAreRefused(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(RawEventReader.Malformed.class);
    }

    @Test
    void invalidUtf8AndExtremeNestingAreMalformedNotErrors() {
        byte[] invalidUtf8 = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> RawEventReader.read(invalidUtf8)).isInstanceOf(RawEventReader.Malformed.class);
        String deep = "{\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThatThrownBy(() -> read(deep)).isInstanceOf(RawEventReader.Malformed.class);
    }

    @Test
    void rulesReportEveryBrokenRuleInOrder() throws Exception {
        RawEvent e = read("{\"type\":\"purchase\",\"ts\":\"1999-12-31T23:59:59Z\",\"user_id\":\"\",\"anonymous_id\":\"\","
                + "\"product\":{\"price\":-1,\"quantity\":0},\"order\":{\"revenue\":-2,\"items\":[]}}");
        Instant ts = Instant.parse("1999-12-31T23:59:59Z");
        assertThat(ContractRules.broken(e, "purchases", ts)).containsExactly(
                "event_id: required",
                "ts: not an ISO-8601 instant after " + ContractRules.EARLIEST,
                "user_id/anonymous_id: at least one required",
                "session_id: required",
                "product.price: must be >= 0",
                "product.quantity: must be >= 1",
                "order.id: required for purchase",
                "order.currency: required for purchase",
                "order.items: at least one item required for purchase",
                "order.revenue: must be >= 0");
    }

    @Test
    void rulesPerTypeAndItems() throws Exception {
        RawEvent cart = read("{\"event_id\":\"e\",\"type\":\"add_to_cart\",\"ts\":\"t\",\"anonymous_id\":\"a\",\"session_id\":\"s\","
                + "\"order\":{\"items\":[{\"product_id\":\"p\",\"price\":1,\"quantity\":1},{\"product_id\":\"\",\"price\":1,\"quantity\":1}]}}");
        Instant ts = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(ContractRules.userKey(cart)).isEqualTo("a");
        assertThat(ContractRules.broken(cart, "add_to_cart", ts)).containsExactly(
                "product.id: required for add_to_cart",
                "product.price: required for add_to_cart",
                "product.quantity: required for add_to_cart",
                "order.items: each item needs product_id, price >= 0, quantity >= 1");
        RawEvent view = read("{\"event_id\":\"e\",\"type\":\"page_view\",\"ts\":\"t\",\"user_id\":\"u\",\"session_id\":\"s\"}");
        assertThat(ContractRules.broken(view, "clicks", ts)).containsExactly(
                "type: does not belong on this topic", "page.url: required for page_view");
        RawEvent click = read("{\"event_id\":\"e\",\"type\":\"click\",\"ts\":\"t\",\"user_id\":\"u\",\"session_id\":\"s\"}");
        assertThat(ContractRules.broken(click, "clicks", null)).containsExactly(
                "ts: not an ISO-8601 instant after " + ContractRules.EARLIEST, "element: required for click");
        RawEvent unknown = read("{\"event_id\":\"e\",\"type\":\"\",\"user_id\":\"u\",\"session_id\":\"s\"}");
        assertThat(ContractRules.broken(unknown, "clicks", null)).containsExactly(
                "type: required", "type: must be one of page_view, click, add_to_cart, purchase", "ts: required");
        RawEvent valid = read("{\"event_id\":\"e\",\"type\":\"click\",\"ts\":\"t\",\"user_id\":\"u\",\"session_id\":\"s\",\"element\":\"#x\"}");
        assertThat(ContractRules.broken(valid, "clicks", ts)).isEqualTo(List.of());
    }
}
