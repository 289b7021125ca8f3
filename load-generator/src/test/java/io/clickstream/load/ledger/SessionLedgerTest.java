package io.clickstream.load.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import io.clickstream.event.Page;
import io.clickstream.load.ledger.Ledger.FunnelCount;
import io.clickstream.load.ledger.Ledger.SessionTotals;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sessions and the funnel of a small run, checked by hand. Windows 20 s sliding every 10 s, session
 * gap 30 s, funnel page_view → add_to_cart → purchase; times are seconds after 10:00:00.
 * <pre>
 *  session  events (arrival order)                 end   duration  pages  bounced  funnel
 *  A a/s1   purchase 25, pv 5, cart 12, cart 12 dup 25   20 s      1      no       3
 *  B b/s2   pv 8, cart 3 (the cart is earlier)      8     5 s       1      no       1 (no page view before the cart)
 *  C c/s3   pv 15                                   15    0         1      yes      1
 *  D d/s4   click 16                                16    0         0      no       0 (one event, not a page view)
 *  E e/s5   pv -5, pv 30 (35 s apart: split)        -5    0         1      yes      1
 *                                                   30    0         1      yes      1
 *  F f/s6   pv 0, click 30 (30 s apart: one)        30    30 s      1      no       1
 *  H h/s7   pv 41; click 55 unacknowledged          41    0         1      yes      1   (its windows uncertain)
 * </pre>
 */
class SessionLedgerTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final WindowCalculator W = new WindowCalculator(Duration.ofSeconds(20), Duration.ofSeconds(10));

    static Delivery d(String id, EventType type, String user, String session, int seconds, DeliveryStatus status) {
        return d(id, Kind.NORMAL, type, user, session, seconds, status, "/");
    }

    static Delivery d(String id, Kind kind, EventType type, String user, String session, int seconds,
                      DeliveryStatus status, String path) {
        Instant ts = T.plusSeconds(seconds);
        ClickEvent e = new ClickEvent(id, type, ts, null, null, user, session,
                new Page("https://shop.example.com" + path, path, null, null), type == EventType.CLICK ? "#b" : null,
                null, null, null, null, null, null, null);
        return new Delivery(id, kind, type, ts, user, null, null, status, type == EventType.PAGE_VIEW ? path : null,
                List.of(), e, "shop");
    }

    static List<Delivery> deliveries() {
        DeliveryStatus ok = DeliveryStatus.ACCEPTED;
        List<Delivery> list = new ArrayList<>();
        list.add(d("a3", EventType.PURCHASE, "a", "s1", 25, ok));
        list.add(d("a1", EventType.PAGE_VIEW, "a", "s1", 5, ok));
        list.add(d("a2", EventType.ADD_TO_CART, "a", "s1", 12, ok));
        list.add(d("a2", Kind.DUPLICATE_RESEND, EventType.ADD_TO_CART, "a", "s1", 12, DeliveryStatus.DUPLICATE, "/"));
        list.add(d("b1", EventType.PAGE_VIEW, "b", "s2", 8, ok));
        list.add(d("b2", EventType.ADD_TO_CART, "b", "s2", 3, ok));
        list.add(d("c1", EventType.PAGE_VIEW, "c", "s3", 15, ok));
        list.add(d("d1", EventType.CLICK, "d", "s4", 16, ok));
        list.add(d("e1", EventType.PAGE_VIEW, "e", "s5", -5, ok));
        list.add(d("e2", EventType.PAGE_VIEW, "e", "s5", 30, ok));
        list.add(d("f1", EventType.PAGE_VIEW, "f", "s6", 0, ok));
        list.add(d("f2", EventType.CLICK, "f", "s6", 30, ok));
        list.add(d("h1", EventType.PAGE_VIEW, "h", "s7", 41, ok));
        list.add(d("h2", EventType.CLICK, "h", "s7", 55, DeliveryStatus.UNACKNOWLEDGED));
        return list;
    }

    static Ledger ledger() {
        Ledger.RunInfo run = new Ledger.RunInfo(7, "hand", T, T.plusSeconds(60), "http", "http test", W.granularity(), 20,
                10, false).withAnalytics(30, FunnelDefinition.DEFAULT_SPEC, "default", 10);
        return LedgerCalculator.compute(run, deliveries(), List.of(), W);
    }

    private static Map<String, WindowKpis> byId(Ledger ledger) {
        return ledger.windows().stream().collect(Collectors.toMap(WindowKpis::documentId, Function.identity()));
    }

    private static String id(String granularity, int seconds) {
        return "kpi|" + granularity + "|" + T.plusSeconds(seconds).toEpochMilli();
    }

    private static List<Long> funnel(WindowKpis w) {
        return w.funnel().stream().map(FunnelCount::sessions).toList();
    }

    @Test
    void sessionsCountInTheWindowsOfTheirEnd() {
        Map<String, WindowKpis> w = byId(ledger());
        assertThat(w.get(id("20s/10s", -10)).sessions()).isEqualTo(new SessionTotals(2, 1, 5_000, 2));     // E1, B
        assertThat(w.get(id("20s/10s", 0)).sessions()).isEqualTo(new SessionTotals(3, 1, 5_000, 2));       // B, C, D
        assertThat(w.get(id("20s/10s", 10)).sessions()).isEqualTo(new SessionTotals(3, 1, 20_000, 2));     // C, D, A
        assertThat(w.get(id("20s/10s", 20)).sessions()).isEqualTo(new SessionTotals(3, 1, 50_000, 3));    // A, E2, F
        assertThat(w.get(id("20s/10s", 30)).sessions()).isEqualTo(new SessionTotals(3, 2, 30_000, 3));    // E2, F, H
        assertThat(w.get(id("20s/10s", 40)).sessions()).isEqualTo(new SessionTotals(1, 1, 0, 1));         // H
        assertThat(w.get(id("20s/10s", 50)).sessions()).isEqualTo(new SessionTotals(0, 0, 0, 0));         // only h2
        assertThat(w.get(id("1h", 0)).sessions()).isEqualTo(new SessionTotals(7, 3, 55_000, 6));
        assertThat(w.get(id("1h", -3600)).sessions()).isEqualTo(new SessionTotals(1, 1, 0, 1));           // E1
    }

    @Test
    void theFunnelCountsStepsReachedInEventTimeOrder() {
        Map<String, WindowKpis> w = byId(ledger());
        assertThat(funnel(w.get(id("20s/10s", 0)))).containsExactly(2L, 0L, 0L);     // B's cart came before its view
        assertThat(funnel(w.get(id("20s/10s", 10)))).containsExactly(2L, 1L, 1L);    // A, delivered out of order
        assertThat(funnel(w.get(id("20s/10s", 20)))).containsExactly(3L, 1L, 1L);
        assertThat(w.get(id("20s/10s", 20)).funnel().get(1)).isEqualTo(new FunnelCount(2, "add_to_cart", 1));
        assertThat(funnel(w.get(id("1h", 0)))).containsExactly(6L, 1L, 1L);
    }

    @Test
    void sessionsOfAUserWithUnacknowledgedEventsMakeTheirWindowsUncertain() {
        Map<String, WindowKpis> w = byId(ledger());
        assertThat(w.get(id("20s/10s", 30)).unacknowledged()).isNull();
        assertThat(w.get(id("20s/10s", 30)).sessionFieldsUncertain()).isTrue();      // H ends here, h2 was not acknowledged
        assertThat(w.get(id("20s/10s", 20)).sessionFieldsUncertain()).isFalse();
        assertThat(w.get(id("20s/10s", 50)).sessionFieldsUncertain()).isTrue();      // h2 itself
    }

    @Test
    void theDefaultGapKeepsAVisitWithAPauseInOneSession() {
        Ledger.RunInfo run = new Ledger.RunInfo(7, "hand", T, T.plusSeconds(60), "http", "http test", W.granularity(), 20,
                10, false);
        Ledger ledger = LedgerCalculator.compute(run, deliveries(), List.of(), W);
        assertThat(ledger.run().sessionGapSeconds()).isEqualTo(1800);
        assertThat(byId(ledger).get(id("1h", -3600)).sessions()).as("E is one session ending at 30 s")
                .isEqualTo(new SessionTotals(0, 0, 0, 0));
        assertThat(byId(ledger).get(id("1h", 0)).sessions()).isEqualTo(new SessionTotals(7, 2, 90_000, 7));
    }

    @Test
    void funnelStepsMatchTypesAndFiltersInOrderWithEqualTimesAllowed() {
        FunnelDefinition f = FunnelDefinition.parse("page_view[page.path=/products/*],add_to_cart,purchase");
        assertThat(f.steps()).extracting(FunnelDefinition.Step::name)
                .containsExactly("page_view[page.path=/products/*]", "add_to_cart", "purchase");
        Delivery home = d("1", Kind.NORMAL, EventType.PAGE_VIEW, "u", "s", 0, DeliveryStatus.ACCEPTED, "/");
        Delivery cartSameMillis = d("2", Kind.NORMAL, EventType.ADD_TO_CART, "u", "s", 5, DeliveryStatus.ACCEPTED, "/p");
        Delivery product = d("3", Kind.NORMAL, EventType.PAGE_VIEW, "u", "s", 5, DeliveryStatus.ACCEPTED, "/products/sku-1");
        Delivery purchase = d("4", Kind.NORMAL, EventType.PURCHASE, "u", "s", 9, DeliveryStatus.ACCEPTED, "/done");
        assertThat(f.reached(List.of(home, cartSameMillis, product, purchase))).isEqualTo(3);
        assertThat(f.reached(List.of(home, purchase))).isZero();
        assertThat(FunnelDefinition.defaults().reached(List.of(cartSameMillis, purchase))).isZero();
        assertThatThrownBy(() -> FunnelDefinition.parse("page_view,checkout"))
                .hasMessageContaining("unknown event type 'checkout'");
        assertThatThrownBy(() -> FunnelDefinition.parse("click[page.title=x]"))
                .hasMessageContaining("unknown filter field 'page.title'");
    }
}
