package io.clickstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.breakdown.BreakdownTally;
import io.clickstream.analytics.breakdown.PaneBreakdowns;
import io.clickstream.dimensions.Dimension;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** The breakdowns section of a pane: through the pane store's document and the fold's bytes; older panes read as empty. */
class PaneBreakdownsStorageTest {

    private static final int LG_K = 12;

    private static PaneBreakdowns breakdowns() {
        BreakdownTally tally = new BreakdownTally(500, LG_K);
        tally.add(List.of("shop", "google.com", "(none)", "(none)", "(none)", "desktop", "Chrome", "Windows NT"),
                "purchase", "u1", true, 1999);
        return tally.toPane();
    }

    private static Pane pane(PaneBreakdowns breakdowns) {
        return new Pane(1_764_064_800_000L, 0, 0, 0, 1, 1, new BigDecimal("19.99"), new byte[0], List.of(), List.of(),
                null, breakdowns);
    }

    @Test
    void aPanesBreakdownsSurviveItsDocument() {
        Pane pane = pane(breakdowns());
        Pane back = EsPaneStore.fromJson(EsPaneStore.toJson("run-1", new PaneStore.Stored(pane, 3))).pane();
        assertThat(back.breakdowns().toBytes()).isEqualTo(pane.breakdowns().toBytes());
        assertThat(back.breakdowns().entries(Dimension.REFERRER)).singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo("google.com"));
    }

    @Test
    void aPaneStoredWithoutBreakdownsReadsAsEmpty() {
        ObjectNode older = EsPaneStore.toJson("run-1", new PaneStore.Stored(pane(PaneBreakdowns.EMPTY), 3));
        assertThat(older.has("breakdowns")).isFalse();
        assertThat(EsPaneStore.fromJson(older).pane().breakdowns().isEmpty()).isTrue();
    }

    @Test
    void aFoldWithoutTheSectionHasNoBreakdownsAndOneWithItKeepsThem() {
        PaneFold without = new PaneFold(LG_K);
        byte[] bytes = without.toBytes();
        assertThat(PaneFold.fromBytes(bytes).toPane(0).breakdowns().isEmpty()).isTrue();

        PaneFold stored = PaneFold.of(pane(breakdowns()), LG_K);
        Pane back = PaneFold.fromBytes(stored.toBytes()).toPane(0);
        assertThat(back.breakdowns().entries(Dimension.SITE)).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("shop");
            assertThat(e.pageViews()).isZero();
        });
    }

    @Test
    void aValueLongerThan64KiBSurvivesTheByteForms() {
        // The gateway caps site at 128 characters; a record produced straight into Kafka is not capped.
        String site = "s".repeat(100_000);
        BreakdownTally tally = new BreakdownTally(500, LG_K);
        tally.add(List.of(site, "direct", "(none)", "(none)", "(none)", "(none)", "(none)", "(none)"), "page_view", "u1", false, 0);
        PaneBreakdowns pane = PaneBreakdowns.fromBytes(tally.toPane().toBytes());
        assertThat(pane.entries(Dimension.SITE)).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo(site));
        Pane back = PaneFold.fromBytes(PaneFold.of(pane(pane), LG_K).toBytes()).toPane(0);
        assertThat(back.breakdowns().entries(Dimension.SITE).get(0).key()).isEqualTo(site);
    }

    @Test
    void aPartialFoldTakesThePaneCapFromItsFields() {
        // Columns: type, user_key, order_id, revenue, page_path, page_url, order_items, dimensions; cap 3.
        PaneFold.Fields fields = new PaneFold.Fields(0, 1, 2, 3, 4, 5, 6, 7, 3);
        PaneFold partial = new PaneFold(LG_K);
        for (int i = 0; i < 100; i++) {
            List<String> values = List.of("shop", "spam-" + i + ".example", "(none)", "(none)", "(none)", "robot", "Curl", "Cloud");
            partial.add(RowFactory.create("page_view", "bot", null, null, "/", "https://shop.example/", null,
                    CollectionConverters.asScala(values).toSeq()), fields);
        }
        Pane pane = new PaneFold(LG_K).merge(PaneFold.fromBytes(partial.toBytes())).toPane(0);
        assertThat(pane.breakdowns().entries(Dimension.REFERRER)).hasSize(4)
                .anySatisfy(e -> {
                    assertThat(e.key()).isEqualTo("other");
                    assertThat(e.pageViews()).isEqualTo(97);
                });
        assertThat(pane.pageViews()).isEqualTo(100);
    }
}
