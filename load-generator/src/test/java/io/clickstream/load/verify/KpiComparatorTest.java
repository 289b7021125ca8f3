package io.clickstream.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.ledger.Ledger.RankEntry;
import io.clickstream.load.ledger.Ledger.Unacknowledged;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.verify.Row.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KpiComparatorTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    private static WindowKpis expected(Unacknowledged u) {
        return new WindowKpis("60s/10s", START, START.plusSeconds(60), 100, 30, 8, 3, 3, new BigDecimal("250.125"), 40, u);
    }

    private static JsonNode doc(String json) throws Exception {
        return EventJson.readTree(json);
    }

    private static Map<String, Status> statuses(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(Row::metric, Row::status));
    }

    /** As spark-analytics' KpiDocuments writes it for {@link #expected}. */
    private static final String EXACT = "{\"granularity\":\"60s/10s\",\"window_start\":\"2026-11-25T10:00:00Z\","
            + "\"window_end\":\"2026-11-25T10:01:00Z\",\"page_views\":100,\"clicks\":30,\"add_to_cart\":8,"
            + "\"purchases\":3,\"orders\":3,\"revenue\":250.13,\"avg_order_value\":83.38,\"ctr\":0.3,\"cart_rate\":0.08,"
            + "\"conversion_rate\":0.03,\"updated_at\":\"2026-11-25T10:01:02Z\",\"unique_visitors\":41}";

    @Test
    void exactCountsRevenueInCentsAndVisitorsWithinTheBoundPass() throws Exception {
        List<Row> rows = KpiComparator.compare(expected(null), doc(EXACT));
        assertThat(rows).hasSize(14).allMatch(r -> r.status() == Status.OK, "every field OK");
        assertThat(rows).filteredOn(r -> r.metric().equals("revenue")).first()
                .satisfies(r -> assertThat(r.expected()).isEqualTo("250.13"));
    }

    @Test
    void oneEventOffIsAMismatchNamingTheMetric() throws Exception {
        Map<String, Status> s = statuses(KpiComparator.compare(expected(null), doc(EXACT.replace("\"clicks\":30", "\"clicks\":31"))));
        assertThat(s.get("clicks")).isEqualTo(Status.MISMATCH);
        assertThat(s.get("page_views")).isEqualTo(Status.OK);
        Map<String, Status> r = statuses(KpiComparator.compare(expected(null), doc(EXACT.replace("250.13", "250.12"))));
        assertThat(r.get("revenue")).isEqualTo(Status.MISMATCH);
    }

    @Test
    void ratesAverageAndWindowBoundsAreComparedToo() throws Exception {
        Map<String, Status> s = statuses(KpiComparator.compare(expected(null), doc(EXACT.replace("\"ctr\":0.3", "\"ctr\":0.31")
                .replace("83.38", "83.37").replace("10:01:00Z", "10:01:10Z"))));
        assertThat(s.get("ctr")).isEqualTo(Status.MISMATCH);
        assertThat(s.get("avg_order_value")).isEqualTo(Status.MISMATCH);
        assertThat(s.get("window_end")).isEqualTo(Status.MISMATCH);
        assertThat(s.get("cart_rate")).isEqualTo(Status.OK);
        assertThat(statuses(KpiComparator.compare(expected(null), doc(EXACT.replace("\"ctr\":0.3", "\"ctr\":0.3000000000001"))))
                .get("ctr")).as("within the float tolerance").isEqualTo(Status.OK);
    }

    @Test
    void rankingsCompareKeysCountsRevenueAndRanksAndFlagExtraRanks() throws Exception {
        WindowKpis w = new WindowKpis("60s/10s", START, START.plusSeconds(60), 3, 0, 0, 1, 1, new BigDecimal("20.00"), 2, null,
                List.of(new RankEntry("/", 2, new BigDecimal("0.00")), new RankEntry("/cart", 1, new BigDecimal("0.00"))),
                List.of(new RankEntry("sku-1", 2, new BigDecimal("20.00"))));
        String window = "\"granularity\":\"60s/10s\",\"window_start\":\"2026-11-25T10:00:00Z\",\"window_end\":\"2026-11-25T10:01:00Z\"";
        Map<String, JsonNode> docs = new java.util.HashMap<>();
        docs.put(w.rankDocumentId("page", 1), doc("{" + window + ",\"dimension\":\"page\",\"key\":\"/\",\"count\":2,\"revenue\":0.00,\"rank\":1}"));
        docs.put(w.rankDocumentId("page", 2), doc("{" + window + ",\"dimension\":\"page\",\"key\":\"/cart\",\"count\":1,\"revenue\":0.00,\"rank\":2}"));
        assertThat(KpiComparator.compareRanking(w, "page", docs, 10)).allMatch(r -> r.status() == Status.OK);
        // a missing product rank, then an extra page rank
        assertThat(KpiComparator.compareRanking(w, "product", docs, 10)).singleElement().satisfies(r -> {
            assertThat(r.document()).isEqualTo("top|60s/10s|" + START.toEpochMilli() + "|product|1");
            assertThat(r.status()).isEqualTo(Status.MISSING);
        });
        docs.put(w.rankDocumentId("page", 3), doc("{" + window + ",\"dimension\":\"page\",\"key\":\"/x\",\"count\":1,\"revenue\":0.00,\"rank\":3}"));
        assertThat(KpiComparator.compareRanking(w, "page", docs, 10)).filteredOn(r -> r.status() != Status.OK)
                .singleElement().satisfies(r -> {
                    assertThat(r.document()).endsWith("|page|3");
                    assertThat(r.status()).isEqualTo(Status.EXTRA);
                });
    }

    @Test
    void uniqueVisitorsToleranceIsThreeStandardErrorsOrTwo() throws Exception {
        assertThat(KpiComparator.uniqueVisitorsTolerance(40)).isEqualTo(6.0);
        assertThat(KpiComparator.uniqueVisitorsTolerance(5)).isEqualTo(2.0);
        assertThat(statuses(KpiComparator.compare(expected(null), doc(EXACT.replace("41}", "46}")))).get("unique_visitors"))
                .isEqualTo(Status.OK);
        assertThat(statuses(KpiComparator.compare(expected(null), doc(EXACT.replace("41}", "47}")))).get("unique_visitors"))
                .isEqualTo(Status.MISMATCH);
        assertThat(statuses(KpiComparator.compare(expected(null), doc(EXACT.replace("41}", "34}")))).get("unique_visitors"))
                .isEqualTo(Status.OK);
    }

    @Test
    void unacknowledgedEventsMakeAWindowUncertainNotFailed() throws Exception {
        WindowKpis w = expected(new Unacknowledged(2, 0, 0, 1, 1, new BigDecimal("10.00"), 41));
        Map<String, Status> s = statuses(KpiComparator.compare(w, doc(EXACT
                .replace("\"page_views\":100", "\"page_views\":102").replace("\"purchases\":3", "\"purchases\":4")
                .replace("250.13", "260.13"))));
        assertThat(s.get("page_views")).isEqualTo(Status.UNCERTAIN);
        assertThat(s.get("purchases")).isEqualTo(Status.UNCERTAIN);
        assertThat(s.get("revenue")).isEqualTo(Status.UNCERTAIN);
        assertThat(s.get("clicks")).isEqualTo(Status.OK);
        // above acknowledged + unacknowledged is wrong
        assertThat(statuses(KpiComparator.compare(w, doc(EXACT.replace("\"page_views\":100", "\"page_views\":103"))))
                .get("page_views")).isEqualTo(Status.MISMATCH);
        // below the acknowledged count is wrong too
        assertThat(statuses(KpiComparator.compare(w, doc(EXACT.replace("\"page_views\":100", "\"page_views\":99"))))
                .get("page_views")).isEqualTo(Status.MISMATCH);
    }

    @Test
    void aMissingDocumentFails() {
        List<Row> rows = KpiComparator.compare(expected(null), null);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.MISSING);
            assertThat(r.status().fails()).isTrue();
        });
    }
}
