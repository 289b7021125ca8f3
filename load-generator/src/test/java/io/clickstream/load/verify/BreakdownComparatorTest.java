package io.clickstream.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.ledger.Ledger.BreakdownEntry;
import io.clickstream.load.ledger.Ledger.SessionTotals;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.verify.Row.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** verify's comparison of breakdown documents: exact ones pass, each mutation is caught. */
class BreakdownComparatorTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<BreakdownEntry> ENTRIES = List.of(
            new BreakdownEntry("site", "shop", 1, 60, 20, 5, 2, 2, new BigDecimal("120.50"), 30),
            new BreakdownEntry("site", "blog", 2, 40, 10, 3, 1, 1, new BigDecimal("9.99"), 10),
            new BreakdownEntry("referrer", "direct", 1, 100, 30, 8, 3, 3, new BigDecimal("130.49"), 40));

    private static WindowKpis window(boolean uncertain) {
        return new WindowKpis("60s/10s", START, START.plusSeconds(60), 100, 30, 8, 3, 3, new BigDecimal("130.49"), 40, null,
                List.of(), List.of(), new SessionTotals(0, 0, 0, 0), List.of(), ENTRIES, uncertain);
    }

    /** As the job writes a breakdown document for {@code e}. */
    private static ObjectNode doc(BreakdownEntry e) {
        return EventJson.mapper().createObjectNode().put("granularity", "60s/10s")
                .put("window_start", START.toString()).put("window_end", START.plusSeconds(60).toString())
                .put("dimension", e.dimension()).put("key", e.key()).put("rank", e.rank())
                .put("page_views", e.pageViews()).put("clicks", e.clicks()).put("add_to_cart", e.addToCart())
                .put("purchases", e.purchases()).put("orders", e.orders()).put("revenue", e.revenue())
                .put("avg_order_value", e.orders() == 0 ? BigDecimal.ZERO
                        : e.revenue().divide(BigDecimal.valueOf(e.orders()), 2, RoundingMode.HALF_UP))
                .put("unique_visitors", e.uniqueVisitors() + 1)
                .put("ctr", (double) e.clicks() / e.pageViews()).put("cart_rate", (double) e.addToCart() / e.pageViews())
                .put("conversion_rate", (double) e.purchases() / e.pageViews()).put("updated_at", START.plusSeconds(61).toString());
    }

    private static Map<String, JsonNode> docs(WindowKpis w) {
        Map<String, JsonNode> docs = new HashMap<>();
        ENTRIES.forEach(e -> docs.put(w.breakdownDocumentId(e.dimension(), e.rank()), doc(e)));
        return docs;
    }

    private static Map<String, Status> byField(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.document() + " " + r.metric(), Row::status, (a, b) -> a));
    }

    @Test
    void exactDocumentsPassWithUniqueVisitorsWithinTheSketchBound() {
        WindowKpis w = window(false);
        List<Row> rows = BreakdownComparator.compare(w, docs(w));
        assertThat(rows).hasSize(3 * 17).allMatch(r -> r.status() == Status.OK, "every field OK");
        assertThat(BreakdownComparator.documentIds(w)).contains("breakdown|60s/10s|" + START.toEpochMilli() + "|site|3",
                "breakdown|60s/10s|" + START.toEpochMilli() + "|os|1");
    }

    @Test
    void aMutatedMissingOrExtraDocumentIsCaught() {
        WindowKpis w = window(false);
        String shop = w.breakdownDocumentId("site", 1);
        Map<String, JsonNode> docs = docs(w);
        ((ObjectNode) docs.get(shop)).put("purchases", 3);
        ((ObjectNode) docs.get(shop)).put("ctr", 0.34);
        ((ObjectNode) docs.get(shop)).put("unique_visitors", 40);
        Map<String, Status> s = byField(BreakdownComparator.compare(w, docs));
        assertThat(s).containsEntry(shop + " purchases", Status.MISMATCH).containsEntry(shop + " ctr", Status.MISMATCH)
                .containsEntry(shop + " unique_visitors", Status.MISMATCH).containsEntry(shop + " clicks", Status.OK);

        docs = docs(w);
        docs.put(w.breakdownDocumentId("site", 1), doc(ENTRIES.get(1)));       // ranks swapped
        docs.remove(w.breakdownDocumentId("referrer", 1));
        docs.put(w.breakdownDocumentId("site", 3), doc(new BreakdownEntry("site", "other", 3, 1, 0, 0, 0, 0, BigDecimal.ZERO, 1)));
        s = byField(BreakdownComparator.compare(w, docs));
        assertThat(s).containsEntry(shop + " key", Status.MISMATCH)
                .containsEntry(w.breakdownDocumentId("referrer", 1) + " document", Status.MISSING)
                .containsEntry(w.breakdownDocumentId("site", 3) + " document", Status.EXTRA);
    }

    @Test
    void differencesInAWindowWithUnacknowledgedEventsAreUncertain() {
        WindowKpis w = window(true);
        Map<String, JsonNode> docs = docs(w);
        ((ObjectNode) docs.get(w.breakdownDocumentId("site", 2))).put("page_views", 41);
        assertThat(byField(BreakdownComparator.compare(w, docs)))
                .containsEntry(w.breakdownDocumentId("site", 2) + " page_views", Status.UNCERTAIN);
    }

    @Test
    void theProgressLineCountsFailingFieldsByDocumentKind() {
        WindowKpis w = window(false);
        Map<String, JsonNode> docs = docs(w);
        docs.remove(w.breakdownDocumentId("site", 2));
        ((ObjectNode) docs.get(w.breakdownDocumentId("site", 1))).put("clicks", 0);
        List<Row> rows = new java.util.ArrayList<>(BreakdownComparator.compare(w, docs));
        rows.add(new Row(w.funnelDocumentId(1), "60s/10s", START, "sessions", "1", "2", Status.MISMATCH));
        assertThat(Verifier.failingByKind(rows)).isEqualTo("kpi 0, top 0, funnel 1, breakdown 2");
    }
}
