package io.clickstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiDocumentsTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:01:03.120Z");

    @Test
    void kpiDocumentHasTheContractFieldsAndADeterministicId() throws Exception {
        WindowKpis w = new WindowKpis("60s/10s", START, START.plusSeconds(60), 1200, 310, 85, 21, 21,
                new BigDecimal("1834.50"), 402, List.of(), List.of());
        EsDocument doc = KpiDocuments.kpi(w, NOW);

        assertThat(doc.index()).isEqualTo("clickstream-kpis-v1");
        assertThat(doc.id()).isEqualTo("kpi|60s/10s|" + START.toEpochMilli());
        JsonNode json = EventJson.mapper().readTree(doc.json());
        assertThat(json.get("granularity").asText()).isEqualTo("60s/10s");
        assertThat(json.get("window_start").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.get("window_end").asText()).isEqualTo("2026-11-25T10:01:00Z");
        assertThat(json.get("page_views").asLong()).isEqualTo(1200);
        assertThat(json.get("orders").asLong()).isEqualTo(21);
        assertThat(json.get("revenue").decimalValue()).isEqualByComparingTo("1834.50");
        assertThat(json.get("avg_order_value").decimalValue()).isEqualByComparingTo("87.36");
        assertThat(json.get("unique_visitors").asLong()).isEqualTo(402);
        assertThat(json.get("ctr").asDouble()).isEqualTo(310.0 / 1200);
        assertThat(json.get("cart_rate").asDouble()).isEqualTo(85.0 / 1200);
        assertThat(json.get("conversion_rate").asDouble()).isEqualTo(21.0 / 1200);
        assertThat(json.get("updated_at").asText()).isEqualTo("2026-11-25T10:01:03.120Z");
    }

    @Test
    void ratiosAreZeroWithoutPageViewsAndAverageOrderValueWithoutOrders() throws Exception {
        WindowKpis w = new WindowKpis("1h", START, START.plusSeconds(3600), 0, 4, 1, 0, 0, BigDecimal.ZERO.setScale(2),
                3, List.of(), List.of());
        JsonNode json = EventJson.mapper().readTree(KpiDocuments.kpi(w, NOW).json());
        assertThat(json.get("ctr").asDouble()).isZero();
        assertThat(json.get("conversion_rate").asDouble()).isZero();
        assertThat(json.get("avg_order_value").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void rankingDocumentsPerDimensionAndRank() throws Exception {
        WindowKpis w = new WindowKpis("60s/10s", START, START.plusSeconds(60), 3, 0, 0, 1, 1, new BigDecimal("25.00"), 2,
                List.of(new TopN.Entry("/home", 2, 0), new TopN.Entry("/cart", 1, 0)),
                List.of(new TopN.Entry("p-1", 2, 2500)));
        List<EsDocument> docs = KpiDocuments.of(w, NOW);

        assertThat(docs).extracting(EsDocument::id).containsExactly(
                "kpi|60s/10s|" + START.toEpochMilli(),
                "top|60s/10s|" + START.toEpochMilli() + "|page|1",
                "top|60s/10s|" + START.toEpochMilli() + "|page|2",
                "top|60s/10s|" + START.toEpochMilli() + "|product|1");
        JsonNode product = EventJson.mapper().readTree(docs.get(3).json());
        assertThat(product.get("dimension").asText()).isEqualTo("product");
        assertThat(product.get("key").asText()).isEqualTo("p-1");
        assertThat(product.get("count").asLong()).isEqualTo(2);
        assertThat(product.get("revenue").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(product.get("rank").asInt()).isEqualTo(1);
        assertThat(product.get("window_end").asText()).isEqualTo("2026-11-25T10:01:00Z");
    }

    @Test
    void rankingIsCountThenRevenueThenKey() {
        var ranked = TopN.rank(java.util.Map.of("b", 2L, "a", 2L, "c", 5L, "d", 2L),
                java.util.Map.of("b", 100L, "a", 0L, "c", 0L, "d", 100L), 3);
        assertThat(ranked).extracting(TopN.Entry::key).containsExactly("c", "b", "d");
    }
}
