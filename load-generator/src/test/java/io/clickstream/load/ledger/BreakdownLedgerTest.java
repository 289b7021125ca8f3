package io.clickstream.load.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.Order;
import io.clickstream.event.OrderItem;
import io.clickstream.event.Page;
import io.clickstream.load.ledger.Ledger.BreakdownEntry;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Breakdowns of a small run checked by hand, with {@code --breakdown-top 2} so that {@code other}
 * appears. Every event lies in the windows starting 10:00:00 and 10:00:10 (20 s / 10 s).
 * <pre>
 *  event  user type         site  page.url                                      referrer                     user agent
 *  e1     u1   page_view    shop  shop.example.com/?utm_source=Newsletter&amp;…     https://www.google.com/      Chrome/Windows
 *  e1     (resent, duplicate: counts once)
 *  e2     u1   click        shop  (same page)
 *  e3     u2   page_view    blog  blog.example.com/                             https://blog.example.com/x   (self: direct)
 *  e4     u3   page_view    docs  docs.example.com/                             none (direct)                none
 *  e5     u3   purchase     docs  docs.example.com/done, order o1 10.00         none
 *  e6     u4   add_to_cart  blog  blog.example.com/p                            none
 *  e7     u5   page_view    docs  rejected: counts zero
 * site:     blog (1 view, 2 events), docs (1, 2), shop (1, 2): a tie broken by key → blog, docs, other (= shop)
 * referrer: direct (2 views), google.com (1)
 * </pre>
 */
class BreakdownLedgerTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final WindowCalculator W = new WindowCalculator(Duration.ofSeconds(20), Duration.ofSeconds(10));
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    private static Delivery d(String id, Kind kind, EventType type, String user, String site, String url, String referrer,
                              String userAgent, Order order, DeliveryStatus status) {
        Instant ts = T.plusSeconds(12);
        ClickEvent e = new ClickEvent(id, type, ts, null, null, user, "s-" + user, new Page(url, null, referrer, null),
                type == EventType.CLICK ? "#b" : null, null, order, userAgent == null ? null
                : EventJson.mapper().createObjectNode().put("user_agent", userAgent), null, null, null, null);
        return new Delivery(id, kind, type, ts, user, order == null ? null : order.revenue(), order == null ? null : order.id(),
                status, null, List.of(), e, site);
    }

    static List<Delivery> deliveries() {
        DeliveryStatus ok = DeliveryStatus.ACCEPTED;
        String landing = "https://shop.example.com/?utm_source=Newsletter&utm_medium=email";
        Order order = new Order("o1", new BigDecimal("10.00"), "EUR", List.of(new OrderItem("sku-1", new BigDecimal("10.00"), 1)));
        List<Delivery> list = new ArrayList<>();
        list.add(d("e1", Kind.NORMAL, EventType.PAGE_VIEW, "u1", "shop", landing, "https://www.google.com/", CHROME, null, ok));
        list.add(d("e1", Kind.DUPLICATE_RESEND, EventType.PAGE_VIEW, "u1", "shop", landing, "https://www.google.com/", CHROME,
                null, DeliveryStatus.DUPLICATE));
        list.add(d("e2", Kind.NORMAL, EventType.CLICK, "u1", "shop", landing, "https://www.google.com/", CHROME, null, ok));
        list.add(d("e3", Kind.NORMAL, EventType.PAGE_VIEW, "u2", "blog", "https://blog.example.com/", "https://blog.example.com/x",
                CHROME, null, ok));
        list.add(d("e4", Kind.NORMAL, EventType.PAGE_VIEW, "u3", "docs", "https://docs.example.com/", null, null, null, ok));
        list.add(d("e5", Kind.NORMAL, EventType.PURCHASE, "u3", "docs", "https://docs.example.com/done", null, null, order, ok));
        list.add(d("e6", Kind.NORMAL, EventType.ADD_TO_CART, "u4", "blog", "https://blog.example.com/p", null, CHROME, null, ok));
        list.add(d("e7", Kind.NORMAL, EventType.PAGE_VIEW, "u5", "docs", "https://docs.example.com/", null, null, null,
                DeliveryStatus.REJECTED));
        return list;
    }

    private static List<BreakdownEntry> of(WindowKpis w, String dimension) {
        return w.breakdowns().stream().filter(e -> e.dimension().equals(dimension)).toList();
    }

    @Test
    void topValuesRankByPageViewsThenEventsThenKeyAndTheRestSumAsOther() {
        Ledger.RunInfo run = new Ledger.RunInfo(7, "hand", T, T.plusSeconds(30), "http", "http test", W.granularity(), 20,
                10, false).withAnalytics(1800, FunnelDefinition.DEFAULT_SPEC, "default", 2);
        Ledger ledger = LedgerCalculator.compute(run, deliveries(), List.of(), W);
        for (WindowKpis w : ledger.windows()) {
            assertThat(of(w, "site")).as(w.documentId()).containsExactly(
                    new BreakdownEntry("site", "blog", 1, 1, 0, 1, 0, 0, BigDecimal.ZERO, 2),
                    new BreakdownEntry("site", "docs", 2, 1, 0, 0, 1, 1, new BigDecimal("10.00"), 1),
                    new BreakdownEntry("site", "other", 3, 1, 1, 0, 0, 0, BigDecimal.ZERO, 1));
            assertThat(of(w, "referrer")).containsExactly(
                    new BreakdownEntry("referrer", "direct", 1, 2, 0, 1, 1, 1, new BigDecimal("10.00"), 3),
                    new BreakdownEntry("referrer", "google.com", 2, 1, 1, 0, 0, 0, BigDecimal.ZERO, 1));
            assertThat(of(w, "utm_source")).extracting(BreakdownEntry::key, BreakdownEntry::pageViews)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("(none)", 2L),
                            org.assertj.core.groups.Tuple.tuple("newsletter", 1L));
            assertThat(of(w, "utm_campaign")).extracting(BreakdownEntry::key).containsExactly("(none)");
            assertThat(of(w, "device")).extracting(BreakdownEntry::key).containsExactly("desktop", "(none)");
            assertThat(of(w, "browser")).extracting(BreakdownEntry::key).containsExactly("Chrome", "(none)");
            for (String dimension : List.of("site", "referrer", "utm_source", "utm_medium", "utm_campaign", "device",
                    "browser", "os")) {
                assertThat(of(w, dimension).stream().mapToLong(e -> e.pageViews() + e.clicks() + e.addToCart() + e.purchases())
                        .sum()).as("every event once in " + dimension).isEqualTo(6);
            }
        }
        assertThat(ledger.windows()).extracting(WindowKpis::documentId)
                .containsExactly("kpi|20s/10s|" + T.toEpochMilli(), "kpi|20s/10s|" + T.plusSeconds(10).toEpochMilli(),
                        "kpi|1h|" + T.toEpochMilli());
    }
}
