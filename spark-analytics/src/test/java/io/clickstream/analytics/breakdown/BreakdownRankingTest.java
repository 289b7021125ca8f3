package io.clickstream.analytics.breakdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.dimensions.Dimension;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A window's breakdown ranking from its panes and its documents. */
class BreakdownRankingTest {

    private static final int LG_K = BreakdownTallyTest.LG_K;
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    private static List<String> referrer(String referrer) {
        return BreakdownTallyTest.values("shop", referrer, "(none)", "desktop");
    }

    @Test
    void ranksByPageViewsThenEventsThenKeyAndSumsTheRestAsOther() {
        BreakdownTally p1 = new BreakdownTally(500, LG_K);
        BreakdownTally p2 = new BreakdownTally(500, LG_K);
        // a: 3 views; b: 2 views + 1 click; c: 2 views; d: 1 view (u1, also in a); e: 1 purchase, 25.00
        for (int i = 0; i < 3; i++) {
            (i == 0 ? p1 : p2).add(referrer("a"), "page_view", "u" + i, false, 0);
        }
        p1.add(referrer("b"), "page_view", "u5", false, 0);
        p2.add(referrer("b"), "page_view", "u5", false, 0);
        p2.add(referrer("b"), "click", "u5", false, 0);
        p1.add(referrer("c"), "page_view", "u6", false, 0);
        p2.add(referrer("c"), "page_view", "u7", false, 0);
        p2.add(referrer("d"), "page_view", "u1", false, 0);
        p1.add(referrer("e"), "purchase", "u8", true, 2500);

        List<BreakdownRanking.Ranked> ranked = BreakdownRanking.rank(Dimension.REFERRER,
                List.of(p1.toPane(), p2.toPane()), 3, LG_K);

        assertThat(ranked).extracting(BreakdownRanking.Ranked::key).containsExactly("a", "b", "c", "other");
        assertThat(ranked).extracting(BreakdownRanking.Ranked::rank).containsExactly(1, 2, 3, 4);
        assertThat(ranked.get(0)).isEqualTo(new BreakdownRanking.Ranked(Dimension.REFERRER, "a", 1, 3, 0, 0, 0, 0, 0, 3));
        assertThat(ranked.get(1)).as("the same visitor in two panes counts once")
                .isEqualTo(new BreakdownRanking.Ranked(Dimension.REFERRER, "b", 2, 2, 1, 0, 0, 0, 0, 1));
        assertThat(ranked.get(3)).as("d and e, their visitors united")
                .isEqualTo(new BreakdownRanking.Ranked(Dimension.REFERRER, "other", 4, 1, 0, 0, 1, 1, 2500, 2));

        List<BreakdownRanking.Ranked> all = BreakdownRanking.rank(List.of(p1.toPane(), p2.toPane()), 3, LG_K);
        assertThat(all).filteredOn(r -> r.dimension() == Dimension.SITE).singleElement()
                .isEqualTo(new BreakdownRanking.Ranked(Dimension.SITE, "shop", 1, 8, 1, 0, 1, 1, 2500, 7));
    }

    @Test
    void aPanesOtherJoinsTheWindowsOtherAndNoValueIsLost() {
        BreakdownTally pane = new BreakdownTally(2, LG_K);
        for (String r : List.of("x", "x", "y", "z", "w")) {
            pane.add(referrer(r), "page_view", "u-" + r, false, 0);
        }
        List<BreakdownRanking.Ranked> ranked = BreakdownRanking.rank(Dimension.REFERRER, List.of(pane.toPane()), 10, LG_K);
        assertThat(ranked).as("the pane kept x and w (1 view each: key asc); y and z are its other")
                .extracting(BreakdownRanking.Ranked::key).containsExactly("x", "w", "other");
        assertThat(ranked.get(2).pageViews()).isEqualTo(2);
        assertThat(ranked.get(2).uniqueVisitors()).isEqualTo(2);
    }

    @Test
    void aBotFloodingTenThousandReferrersAcrossPanesWritesBoundedDocuments() {
        List<PaneBreakdowns> panes = new ArrayList<>();
        int n = 0;
        for (int p = 0; p < 6; p++) {
            BreakdownTally tally = new BreakdownTally(500, LG_K);
            tally.add(referrer("google.com"), "page_view", "human", false, 0);
            for (int i = 0; i < 10_000 / 6 + 1 && n < 10_000; i++, n++) {
                tally.add(referrer("spam-" + n + ".example"), "page_view", "bot", false, 0);
            }
            panes.add(tally.toPane());
        }
        List<BreakdownRanking.Ranked> ranked = BreakdownRanking.rank(panes, 10, LG_K);
        List<EsDocument> docs = BreakdownDocuments.of("60s/10s", START, START.plusSeconds(60), ranked, START);

        assertThat(ranked).filteredOn(r -> r.dimension() == Dimension.REFERRER).hasSize(11);
        assertThat(ranked.get(0).key()).as("site").isEqualTo("shop");
        assertThat(ranked).filteredOn(r -> r.dimension() == Dimension.REFERRER)
                .first().extracting(BreakdownRanking.Ranked::key).isEqualTo("google.com");
        assertThat(ranked.stream().filter(r -> r.dimension() == Dimension.REFERRER)
                .mapToLong(BreakdownRanking.Ranked::pageViews).sum()).as("nothing lost").isEqualTo(10_006);
        assertThat(docs.size()).as("at most top + other per dimension").isLessThanOrEqualTo(8 * 11);
    }

    @Test
    void documentsCarryTheContractsIdsAndFields() throws Exception {
        List<BreakdownRanking.Ranked> ranked = List.of(
                new BreakdownRanking.Ranked(Dimension.UTM_SOURCE, "newsletter", 1, 200, 50, 20, 5, 4, 10_001, 150),
                new BreakdownRanking.Ranked(Dimension.DEVICE, "phone", 1, 0, 3, 0, 0, 0, 0, 2));
        List<EsDocument> docs = BreakdownDocuments.of("1h", START, START.plusSeconds(3600), ranked, START);

        assertThat(docs).extracting(EsDocument::id).containsExactly(
                "breakdown|1h|" + START.toEpochMilli() + "|utm_source|1", "breakdown|1h|" + START.toEpochMilli() + "|device|1");
        JsonNode doc = EventJson.mapper().readTree(docs.get(0).json());
        assertThat(doc.get("granularity").asText()).isEqualTo("1h");
        assertThat(doc.get("window_start").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(doc.get("window_end").asText()).isEqualTo("2026-11-25T11:00:00Z");
        assertThat(doc.get("dimension").asText()).isEqualTo("utm_source");
        assertThat(doc.get("key").asText()).isEqualTo("newsletter");
        assertThat(doc.get("rank").asInt()).isEqualTo(1);
        assertThat(doc.get("page_views").asLong()).isEqualTo(200);
        assertThat(doc.get("clicks").asLong()).isEqualTo(50);
        assertThat(doc.get("add_to_cart").asLong()).isEqualTo(20);
        assertThat(doc.get("purchases").asLong()).isEqualTo(5);
        assertThat(doc.get("orders").asLong()).isEqualTo(4);
        assertThat(doc.get("revenue").decimalValue()).isEqualByComparingTo("100.01");
        assertThat(doc.get("avg_order_value").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(doc.get("unique_visitors").asLong()).isEqualTo(150);
        assertThat(doc.get("ctr").asDouble()).isEqualTo(0.25);
        assertThat(doc.get("cart_rate").asDouble()).isEqualTo(0.1);
        assertThat(doc.get("conversion_rate").asDouble()).isEqualTo(0.025);
        assertThat(doc.get("updated_at").asText()).isEqualTo("2026-11-25T10:00:00Z");
        JsonNode noViews = EventJson.mapper().readTree(docs.get(1).json());
        assertThat(noViews.get("ctr").asDouble()).as("0 without page views").isZero();
        assertThat(noViews.get("avg_order_value").decimalValue()).isEqualByComparingTo("0");
    }
}
