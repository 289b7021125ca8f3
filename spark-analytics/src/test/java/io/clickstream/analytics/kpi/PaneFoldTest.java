package io.clickstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.session.SessionTally;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** The KPI arithmetic of one pane, on rows shaped like the de-duplication's (columns of {@code KpiAggregation.COLUMNS}). */
class PaneFoldTest {

    private static final int LG_K = 12;
    /** Column order: event_id, type, ts, user_key, order_id, revenue, page_path, page_url, order_items. */
    private static final PaneFold.Fields FIELDS = new PaneFold.Fields(1, 3, 4, 5, 6, 7, 8);
    private static final long T0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();

    @Test
    void foldsEachEventTypeIntoTheContractsKpis() {
        PaneFold fold = fold(events());
        Pane pane = fold.toPane(T0);

        assertThat(pane.startMillis()).isEqualTo(T0);
        assertThat(pane.pageViews()).isEqualTo(4);
        assertThat(pane.clicks()).isEqualTo(1);
        assertThat(pane.addToCart()).isEqualTo(1);
        assertThat(pane.purchases()).isEqualTo(2);
        assertThat(pane.orders()).as("the purchase without an order id is no order").isEqualTo(1);
        assertThat(pane.revenue()).isEqualByComparingTo("30.50");
        assertThat(Math.round(HllSketch.heapify(pane.visitors()).getEstimate()))
                .as("u1, u2, u3; null and empty user keys are no visitor").isEqualTo(3);
        assertThat(pane.pages()).as("path, else URL; a page view with neither has no page").containsExactly(
                new TopN.Entry("/home", 2, 0), new TopN.Entry("https://shop/cart", 1, 0));
        assertThat(pane.products()).as("units and price × quantity per product; no quantity: no units, no revenue")
                .containsExactly(new TopN.Entry("p-1", 3, 3000), new TopN.Entry("p-2", 0, 0));
    }

    @Test
    void mergedPartialFoldsEqualOneFoldOfAllEvents() {
        List<Row> events = events();
        PaneFold whole = fold(events);
        PaneFold merged = fold(events.subList(0, 4)).merge(fold(events.subList(4, events.size())));

        assertSamePane(merged.toPane(T0), whole.toPane(T0));
    }

    @Test
    void survivesItsByteFormat() {
        PaneFold fold = fold(events());
        assertSamePane(PaneFold.fromBytes(fold.toBytes()).toPane(T0), fold.toPane(T0));
        PaneFold sketched = fold(events());
        sketched.merge(fold(events()));
        assertSamePane(PaneFold.fromBytes(sketched.toBytes()).toPane(T0), sketched.toPane(T0));
        assertThat(new PaneFold(LG_K).toPane(T0).visitors()).as("no visitors: an empty sketch image").isEmpty();
    }

    @Test
    void visitorKeysReadFromBytesReachTheSketchThroughMergesAndBytes() {
        PaneFold u1u2 = fold(List.of(pageView("u1", "/a", T0), pageView("u2", "/a", T0 + 1)));
        PaneFold u3 = fold(List.of(pageView("u3", "/a", T0 + 2)));

        // Both partials as a task reads them: keys as bytes; the merged fold goes through bytes again.
        PaneFold merged = PaneFold.fromBytes(u1u2.toBytes()).merge(PaneFold.fromBytes(u3.toBytes()));
        Pane pane = PaneFold.fromBytes(merged.toBytes()).toPane(T0);

        assertThat(Math.round(HllSketch.heapify(pane.visitors()).getEstimate())).isEqualTo(3);
        assertThat(pane.pageViews()).isEqualTo(3);
    }

    @Test
    void aStoredPaneTakesMorePartialsAsIfItHadNeverBeenStored() {
        List<Row> events = events();
        Pane stored = fold(events.subList(0, 5)).toPane(T0);

        Pane continued = PaneFold.of(stored, LG_K).merge(fold(events.subList(5, events.size()))).toPane(T0);

        assertSamePane(continued, fold(events).toPane(T0));
        Pane empty = new PaneFold(LG_K).toPane(T0);
        assertThat(PaneFold.of(empty, LG_K).toPane(T0)).usingRecursiveComparison().isEqualTo(empty);
    }

    @Test
    void partialsMergePerPaneWhateverTheirNumberAndOrder() {
        List<Row> events = events();
        Row p1 = RowFactory.create(new Timestamp(T0 + 9_000), fold(events.subList(0, 3)).toBytes());
        Row p2 = RowFactory.create(new Timestamp(T0 + 12_000), fold(events.subList(3, 6)).toBytes());
        Row p3 = RowFactory.create(new Timestamp(T0 + 1_000), fold(events.subList(6, events.size())).toBytes());
        PaneFold firstPane = fold(events.subList(0, 3)).merge(fold(events.subList(6, events.size())));

        Map<Long, PaneFold> perPane = PanePartials.byPane(List.of(p1, p2, p3).iterator(), 10_000);
        List<Row> perTask = new ArrayList<>();
        new PanePartials.PerTask(10_000).call(List.of(p3, p2, p1).iterator()).forEachRemaining(perTask::add);
        Map<Long, PaneFold> afterTasks = PanePartials.byPane(perTask.iterator(), 10_000);

        assertThat(perPane).containsOnlyKeys(T0, T0 + 10_000);
        assertSamePane(perPane.get(T0).toPane(T0), firstPane.toPane(T0));
        assertSamePane(perPane.get(T0 + 10_000).toPane(T0 + 10_000), fold(events.subList(3, 6)).toPane(T0 + 10_000));
        assertThat(perTask).as("one row per pane, at the pane start").hasSize(2)
                .extracting(r -> r.getTimestamp(0).getTime()).containsExactlyInAnyOrder(T0, T0 + 10_000);
        assertSamePane(afterTasks.get(T0).toPane(T0), firstPane.toPane(T0));
    }

    @Test
    void partialsComeOnePerPaneWithTheLatestEventTimeOfThePane() {
        PanePartials partials = new PanePartials(10_000, LG_K, 2, FIELDS);
        List<Row> rows = partials.apply(List.of(
                pageView("u1", "/a", T0 + 9_000), pageView("u2", "/b", T0 + 1_000), pageView("u3", "/c", T0 + 10_000)));

        assertThat(rows).hasSize(2);
        Row first = rows.stream().filter(r -> r.getTimestamp(0).getTime() < T0 + 10_000).findFirst().orElseThrow();
        assertThat(first.getTimestamp(0)).isEqualTo(new Timestamp(T0 + 9_000));
        assertThat(PaneFold.fromBytes((byte[]) first.get(1)).toPane(T0).pageViews()).isEqualTo(2);
    }

    @Test
    void sessionSumsRideTheBytesAndMergesAndAFoldWithoutThemReadsAsNone() {
        SessionTally retraction = new SessionTally(-1, -1, 0, -1, -1, new long[] {-1, 0, 0});
        SessionTally addition = new SessionTally(1, 0, 30_000, 2, 1, new long[] {1, 1, 0});
        PaneFold events = fold(events());
        PaneFold merged = PaneFold.fromBytes(events.toBytes())
                .merge(PaneFold.fromBytes(PaneFold.ofSessions(retraction, LG_K).toBytes()))
                .merge(PaneFold.fromBytes(PaneFold.ofSessions(addition, LG_K).toBytes()));

        Pane pane = merged.toPane(T0);
        assertThat(pane.sessions()).isEqualTo(new SessionTally(0, -1, 30_000, 1, 0, new long[] {0, 1, 0}));
        assertThat(pane.pageViews()).isEqualTo(fold(events()).toPane(T0).pageViews());
        assertThat(PaneFold.fromBytes(events.toBytes()).toPane(T0).sessions().isEmpty()).isTrue();
        assertThat(PaneFold.of(pane, LG_K).toPane(T0).sessions()).isEqualTo(pane.sessions());
    }

    private static void assertSamePane(Pane actual, Pane expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("visitors").isEqualTo(expected);
        assertThat(HllSketch.heapify(actual.visitors()).getEstimate())
                .isEqualTo(HllSketch.heapify(expected.visitors()).getEstimate());
    }

    private static PaneFold fold(List<Row> events) {
        PaneFold fold = new PaneFold(LG_K);
        events.forEach(e -> fold.add(e, FIELDS));
        return fold;
    }

    private static List<Row> events() {
        List<Row> events = new ArrayList<>();
        events.add(pageView("u1", "/home", T0 + 1_000));
        events.add(pageView("u2", "/home", T0 + 2_000));
        events.add(event("page_view", "u1", null, null, null, "https://shop/cart", null));
        events.add(event("page_view", "u3", null, null, null, null, null));
        events.add(event("click", "", null, null, null, null, null));
        events.add(event("add_to_cart", null, null, null, null, null, null));
        events.add(event("purchase", "u2", "o-1", new BigDecimal("30.50"), null, null, List.of(
                item("p-1", "10.00", 3), item("p-2", "0.50", null))));
        events.add(event("purchase", "u2", null, null, null, null, null));
        return events;
    }

    private static Row pageView(String user, String path, long ts) {
        return RowFactory.create("e-" + ts, "page_view", new Timestamp(ts), user, null, null, path, null, null);
    }

    private static Row event(String type, String user, String orderId, BigDecimal revenue, String path, String url, List<Row> items) {
        Object seq = items == null ? null : CollectionConverters.asScala(items).toSeq();
        return RowFactory.create("e-" + type, type, new Timestamp(T0), user, orderId, revenue, path, url, seq);
    }

    private static Row item(String product, String price, Integer quantity) {
        return RowFactory.create(product, new BigDecimal(price), quantity);
    }
}
