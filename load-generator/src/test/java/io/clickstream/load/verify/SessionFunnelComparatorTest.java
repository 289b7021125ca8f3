package io.clickstream.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.ledger.Ledger.FunnelCount;
import io.clickstream.load.ledger.Ledger.SessionTotals;
import io.clickstream.load.ledger.Ledger.Unacknowledged;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.verify.Row.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** verify's comparison of the session fields and the funnel documents: exact ones pass, each mutation is caught. */
class SessionFunnelComparatorTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    /** 40 sessions ending here, 14 bounced, 1 000 s in all, 120 page views; funnel 38 → 9 → 4. */
    private static WindowKpis expected(boolean uncertain, Unacknowledged u) {
        return new WindowKpis("60s/10s", START, START.plusSeconds(60), 100, 30, 8, 3, 3, new BigDecimal("250.125"), 40, u,
                List.of(), List.of(), new SessionTotals(40, 14, 1_000_000, 120),
                List.of(new FunnelCount(1, "page_view", 38), new FunnelCount(2, "add_to_cart", 9),
                        new FunnelCount(3, "purchase", 4)), List.of(), uncertain);
    }

    /** As the job writes them for {@link #expected}. */
    private static final String KPI = "{\"granularity\":\"60s/10s\",\"window_start\":\"2026-11-25T10:00:00Z\","
            + "\"window_end\":\"2026-11-25T10:01:00Z\",\"page_views\":100,\"clicks\":30,\"add_to_cart\":8,"
            + "\"purchases\":3,\"orders\":3,\"revenue\":250.13,\"avg_order_value\":83.38,\"ctr\":0.3,\"cart_rate\":0.08,"
            + "\"conversion_rate\":0.03,\"unique_visitors\":41,\"sessions\":40,\"bounced_sessions\":14,\"bounce_rate\":0.35,"
            + "\"avg_session_duration_s\":25.0,\"pages_per_session\":3.0,\"open_sessions\":6,"
            + "\"updated_at\":\"2026-11-25T10:01:02Z\"}";

    private static String step(int step, String name, long sessions, long dropOff, double conversion, double stepConversion) {
        return "{\"granularity\":\"60s/10s\",\"window_start\":\"2026-11-25T10:00:00Z\",\"window_end\":\"2026-11-25T10:01:00Z\","
                + "\"funnel\":\"default\",\"step\":" + step + ",\"step_name\":\"" + name + "\",\"sessions\":" + sessions
                + ",\"drop_off\":" + dropOff + ",\"conversion_rate\":" + conversion + ",\"step_conversion_rate\":"
                + stepConversion + ",\"updated_at\":\"2026-11-25T10:01:02Z\"}";
    }

    private static Map<String, JsonNode> funnelDocs() throws Exception {
        WindowKpis w = expected(false, null);
        Map<String, JsonNode> docs = new HashMap<>();
        docs.put(w.funnelDocumentId(1), EventJson.readTree(step(1, "page_view", 38, 2, 1.0, 1.0)));
        docs.put(w.funnelDocumentId(2), EventJson.readTree(step(2, "add_to_cart", 9, 29, 9.0 / 38, 9.0 / 38)));
        docs.put(w.funnelDocumentId(3), EventJson.readTree(step(3, "purchase", 4, 5, 4.0 / 38, 4.0 / 9)));
        return docs;
    }

    private static Map<String, Status> byField(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.document() + " " + r.metric(), Row::status, (a, b) -> a));
    }

    @Test
    void exactSessionFieldsAndFunnelDocumentsPass() throws Exception {
        List<Row> kpi = KpiComparator.compare(expected(false, null), EventJson.readTree(KPI));
        assertThat(kpi).hasSize(20).allMatch(r -> r.status() == Status.OK, "every field OK");
        List<Row> funnel = KpiComparator.compareFunnel(expected(false, null), "default", funnelDocs());
        assertThat(funnel).hasSize(30).allMatch(r -> r.status() == Status.OK, "every field OK");
    }

    @Test
    void aMutatedSessionFieldIsCaught() throws Exception {
        WindowKpis w = expected(false, null);
        assertThat(byField(KpiComparator.compare(w, EventJson.readTree(KPI.replace("\"bounced_sessions\":14", "\"bounced_sessions\":15")))))
                .containsEntry(w.documentId() + " bounced_sessions", Status.MISMATCH);
        assertThat(byField(KpiComparator.compare(w, EventJson.readTree(KPI.replace("\"bounce_rate\":0.35", "\"bounce_rate\":0.36")))))
                .containsEntry(w.documentId() + " bounce_rate", Status.MISMATCH);
        assertThat(byField(KpiComparator.compare(w, EventJson.readTree(KPI.replace("25.0", "25.001")))))
                .containsEntry(w.documentId() + " avg_session_duration_s", Status.MISMATCH);
        assertThat(byField(KpiComparator.compare(w, EventJson.readTree(KPI.replace("\"open_sessions\":6", "\"open_sessions\":41")))))
                .as("more open sessions than sessions").containsEntry(w.documentId() + " open_sessions", Status.MISMATCH);
        assertThat(byField(KpiComparator.compare(w, EventJson.readTree(KPI.replace(",\"pages_per_session\":3.0", "")))))
                .containsEntry(w.documentId() + " pages_per_session", Status.MISMATCH);
    }

    @Test
    void aMutatedMissingOrExtraFunnelDocumentIsCaught() throws Exception {
        WindowKpis w = expected(false, null);
        Map<String, JsonNode> docs = funnelDocs();
        docs.put(w.funnelDocumentId(2), EventJson.readTree(step(2, "add_to_cart", 9, 28, 9.0 / 38, 9.0 / 38)));
        assertThat(byField(KpiComparator.compareFunnel(w, "default", docs)))
                .containsEntry(w.funnelDocumentId(2) + " drop_off", Status.MISMATCH)
                .containsEntry(w.funnelDocumentId(2) + " sessions", Status.OK);

        docs = funnelDocs();
        docs.remove(w.funnelDocumentId(3));
        docs.put(w.funnelDocumentId(4), EventJson.readTree(step(4, "purchase", 1, 3, 1.0 / 38, 0.25)));
        Map<String, Status> s = byField(KpiComparator.compareFunnel(w, "default", docs));
        assertThat(s).containsEntry(w.funnelDocumentId(3) + " document", Status.MISSING)
                .containsEntry(w.funnelDocumentId(4) + " document", Status.EXTRA);

        docs = funnelDocs();
        docs.put(w.funnelDocumentId(1), EventJson.readTree(step(1, "page_view", 38, 2, 1.0, 1.0).replace("default", "checkout")));
        assertThat(byField(KpiComparator.compareFunnel(w, "default", docs)))
                .containsEntry(w.funnelDocumentId(1) + " funnel", Status.MISMATCH);
    }

    @Test
    void differencesWhereUnacknowledgedEventsMayMoveSessionsAreUncertain() throws Exception {
        WindowKpis w = expected(true, null);
        assertThat(byField(KpiComparator.compare(w, EventJson.readTree(KPI.replace("\"sessions\":40", "\"sessions\":41")))))
                .containsEntry(w.documentId() + " sessions", Status.UNCERTAIN);
        Map<String, JsonNode> docs = funnelDocs();
        docs.put(w.funnelDocumentId(3), EventJson.readTree(step(3, "purchase", 5, 4, 5.0 / 38, 5.0 / 9)));
        assertThat(byField(KpiComparator.compareFunnel(w, "default", docs)))
                .containsEntry(w.funnelDocumentId(3) + " sessions", Status.UNCERTAIN);
    }
}
