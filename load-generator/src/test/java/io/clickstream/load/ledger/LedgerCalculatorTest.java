package io.clickstream.load.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.EventType;
import io.clickstream.load.anomaly.InjectedAnomaly;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run checked by hand. Windows: 20 s sliding every 10 s, so each event lies in two windows.
 * <pre>
 *  #  event  kind        user ts        answer        counts?
 *  1  e1     page_view   a    10:00:05  accepted      yes
 *  2  e2     click       a    10:00:12  accepted      yes
 *  3  e2     click (resend)   10:00:12  duplicate     no (same id)
 *  4  e3     page_view   b    10:00:15  unacked       → uncertain
 *  5  e4     purchase    b    10:00:18  503, then duplicate → yes (first copy was stored)
 *  6  --     malformed   c    10:00:18  rejected      no
 *  7  e5     add_to_cart c    10:00:02  rejected      no (valid event refused: zero)
 *  8  e6     page_view   c    09:59:58  accepted (late, sent at 10:00:30) yes
 *  9  e7     purchase    a    10:00:25  accepted      yes, order o2 19.99
 * </pre>
 */
class LedgerCalculatorTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final WindowCalculator W = new WindowCalculator(Duration.ofSeconds(20), Duration.ofSeconds(10));

    private static Delivery d(String id, Kind kind, EventType type, String user, int secondsAfterTen, BigDecimal revenue,
                              String order, DeliveryStatus status) {
        return new Delivery(id, kind, type, T.plusSeconds(secondsAfterTen), user, revenue, order, status);
    }

    static List<Delivery> deliveries() {
        List<Delivery> list = new ArrayList<>();
        list.add(d("e1", Kind.NORMAL, EventType.PAGE_VIEW, "a", 5, null, null, DeliveryStatus.ACCEPTED));
        list.add(d("e2", Kind.NORMAL, EventType.CLICK, "a", 12, null, null, DeliveryStatus.ACCEPTED));
        list.add(d("e2", Kind.DUPLICATE_RESEND, EventType.CLICK, "a", 12, null, null, DeliveryStatus.DUPLICATE));
        list.add(d("e3", Kind.NORMAL, EventType.PAGE_VIEW, "b", 15, null, null, DeliveryStatus.UNACKNOWLEDGED));
        list.add(d("e4", Kind.NORMAL, EventType.PURCHASE, "b", 18, new BigDecimal("100.005"), "o1", DeliveryStatus.DUPLICATE));
        list.add(d(null, Kind.MALFORMED, null, "c", 18, null, null, DeliveryStatus.REJECTED));
        list.add(d("e5", Kind.NORMAL, EventType.ADD_TO_CART, "c", 2, null, null, DeliveryStatus.REJECTED));
        list.add(d("e6", Kind.LATE, EventType.PAGE_VIEW, "c", -2, null, null, DeliveryStatus.ACCEPTED));
        list.add(d("e7", Kind.NORMAL, EventType.PURCHASE, "a", 25, new BigDecimal("19.99"), "o2", DeliveryStatus.ACCEPTED));
        return list;
    }

    static Ledger ledger() {
        Ledger.RunInfo run = new Ledger.RunInfo(7, "hand", T, T.plusSeconds(30), "http", "http test", W.granularity(), 20, 10, false);
        return LedgerCalculator.compute(run, deliveries(), List.of(new InjectedAnomaly("click_burst", "a", T)), W);
    }

    @Test
    void slidingWindowsHoldTheHandCheckedCounts() {
        Map<String, WindowKpis> w = ledger().windows().stream()
                .collect(Collectors.toMap(k -> k.granularity() + " " + k.windowStart(), Function.identity()));
        // sliding windows 20s/10s touched: 09:59:40 (e6), 09:59:50 (e6, e1), 10:00:00 (e1 e2 e3? e4), 10:00:10, 10:00:20
        assertThat(w.keySet()).containsExactlyInAnyOrder("20s/10s 2026-11-25T09:59:40Z", "20s/10s 2026-11-25T09:59:50Z",
                "20s/10s 2026-11-25T10:00:00Z", "20s/10s 2026-11-25T10:00:10Z", "20s/10s 2026-11-25T10:00:20Z",
                "1h 2026-11-25T09:00:00Z", "1h 2026-11-25T10:00:00Z");

        WindowKpis w0940 = w.get("20s/10s 2026-11-25T09:59:40Z");    // [09:59:40, 10:00:00): e6
        assertKpis(w0940, 1, 0, 0, 0, 0, "0", 1);
        assertThat(w0940.unacknowledged()).isNull();

        WindowKpis w0950 = w.get("20s/10s 2026-11-25T09:59:50Z");    // [09:59:50, 10:00:10): e6, e1
        assertKpis(w0950, 2, 0, 0, 0, 0, "0", 2);

        WindowKpis w1000 = w.get("20s/10s 2026-11-25T10:00:00Z");    // [10:00:00, 10:00:20): e1 e2 e4 (+e3 unacked)
        assertKpis(w1000, 1, 1, 0, 1, 1, "100.005", 2);
        assertThat(w1000.windowEnd()).isEqualTo(Instant.parse("2026-11-25T10:00:20Z"));
        assertThat(w1000.unacknowledged()).isEqualTo(new Ledger.Unacknowledged(1, 0, 0, 0, 0, BigDecimal.ZERO, 2));

        WindowKpis w1010 = w.get("20s/10s 2026-11-25T10:00:10Z");    // [10:00:10, 10:00:30): e2 e4 e7 (+e3)
        assertKpis(w1010, 0, 1, 0, 2, 2, "119.995", 2);
        assertThat(w1010.unacknowledged().pageViews()).isEqualTo(1);

        WindowKpis w1020 = w.get("20s/10s 2026-11-25T10:00:20Z");    // [10:00:20, 10:00:40): e7
        assertKpis(w1020, 0, 0, 0, 1, 1, "19.99", 1);
        assertThat(w1020.documentId()).isEqualTo("kpi|20s/10s|" + Instant.parse("2026-11-25T10:00:20Z").toEpochMilli());

        assertKpis(w.get("1h 2026-11-25T09:00:00Z"), 1, 0, 0, 0, 0, "0", 1);   // e6 only
        WindowKpis h10 = w.get("1h 2026-11-25T10:00:00Z");
        assertKpis(h10, 1, 1, 0, 2, 2, "119.995", 2);
        assertThat(h10.windowEnd()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
    }

    @Test
    void totalsCountEachEventOnceAndNothingThatWasRefused() {
        Ledger.Totals t = ledger().totals();
        assertThat(t.sent()).isEqualTo(9);
        assertThat(t.acknowledged()).isEqualTo(5);      // e1 e2 e4 e6 e7
        assertThat(t.unacknowledged()).isEqualTo(1);    // e3
        assertThat(t.rejected()).isEqualTo(1);          // e5
        assertThat(t.malformed()).isEqualTo(1);
        assertThat(t.malformedAccepted()).isZero();
        assertThat(t.duplicateResends()).isEqualTo(1);
        assertThat(t.late()).isEqualTo(1);
        assertThat(t.pageViews()).isEqualTo(2);
        assertThat(t.clicks()).isEqualTo(1);
        assertThat(t.addToCart()).isZero();
        assertThat(t.purchases()).isEqualTo(2);
        assertThat(t.revenue()).isEqualByComparingTo("119.995");
        assertThat(t.uniqueVisitors()).isEqualTo(3);    // a, b, c
    }

    @Test
    void anomaliesRecordWhetherAnAlertIsExpected() {
        Ledger.AnomalyRecord a = ledger().anomalies().get(0);
        assertThat(a.rule()).isEqualTo("click_burst");
        assertThat(a.entity()).isEqualTo("a");
        assertThat(a.expectAlert()).isFalse();   // the entity's events are not bot events here
    }

    @Test
    void aLedgerSurvivesTheRoundTripThroughItsFile(@TempDir Path dir) throws Exception {
        Ledger ledger = ledger();
        Path file = dir.resolve("ledger.json");
        LedgerFiles.write(ledger, file);
        assertThat(Files.readString(file)).contains("\"window_start\" : \"2026-11-25T10:00:00Z\"", "\"unique_visitors\"",
                "\"page_views\"", "\"anomalies\"");
        assertThat(LedgerFiles.read(file)).isEqualTo(ledger);
    }

    private static void assertKpis(WindowKpis w, long pv, long clicks, long carts, long purchases, long orders,
                                   String revenue, long visitors) {
        assertThat(w.pageViews()).as("page_views " + w.windowStart()).isEqualTo(pv);
        assertThat(w.clicks()).as("clicks " + w.windowStart()).isEqualTo(clicks);
        assertThat(w.addToCart()).as("add_to_cart " + w.windowStart()).isEqualTo(carts);
        assertThat(w.purchases()).as("purchases " + w.windowStart()).isEqualTo(purchases);
        assertThat(w.orders()).as("orders " + w.windowStart()).isEqualTo(orders);
        assertThat(w.revenue()).as("revenue " + w.windowStart()).isEqualByComparingTo(revenue);
        assertThat(w.uniqueVisitors()).as("unique_visitors " + w.windowStart()).isEqualTo(visitors);
    }
}
