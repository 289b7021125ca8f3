package io.clickstream.load.ledger;

import io.clickstream.dimensions.Dimensions;
import io.clickstream.event.EventType;
import io.clickstream.load.anomaly.Bots;
import io.clickstream.load.anomaly.InjectedAnomaly;
import io.clickstream.event.OrderItem;
import io.clickstream.load.ledger.Ledger.AnomalyRecord;
import io.clickstream.load.ledger.Ledger.RankEntry;
import io.clickstream.load.ledger.Ledger.SiteAnomalyRecord;
import io.clickstream.load.ledger.Ledger.Totals;
import io.clickstream.load.ledger.Ledger.Unacknowledged;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the deliveries of a run into its ledger. Pure: same deliveries, same ledger.
 *
 * <p>Rules (docs/architecture.md, "The ledger"): an event counts once per {@code event_id}
 * if any copy was acknowledged ({@code accepted}, or {@code duplicate} which means an earlier copy
 * was); malformed events count zero; an event never acknowledged but not refused either is
 * "unacknowledged" and widens its windows' expected range instead of counting. Events count in
 * the windows of their event time {@code ts}, whatever their send time.
 */
public final class LedgerCalculator {

    /** Defaults of the analytics rules; a bot is expected to raise an alert above these. */
    public static final int CLICK_BURST_THRESHOLD = 20;
    public static final int PAGE_VIEW_FLOOD_THRESHOLD = 60;

    private LedgerCalculator() {
    }

    /** Accumulates one window, split into acknowledged and unacknowledged parts. */
    private static final class Acc {
        final long[] counts = new long[EventType.values().length];
        final Set<String> orders = new HashSet<>();
        BigDecimal revenue = BigDecimal.ZERO;
        final Set<String> visitors = new HashSet<>();
        final long[] unackCounts = new long[EventType.values().length];
        final Set<String> unackOrders = new HashSet<>();
        BigDecimal unackRevenue = BigDecimal.ZERO;
        final Set<String> unackVisitors = new HashSet<>();
        /** Top pages and products tallies of acknowledged events: key → {count, revenue in cents}. */
        final Map<String, long[]> pages = new HashMap<>();
        final Map<String, long[]> products = new HashMap<>();
        boolean anyUnack;
        /** Sessions ending here: count, bounced, Σ duration ms, Σ page views; sessions reaching each funnel step. */
        long sessions;
        long bounced;
        long durationMillis;
        long sessionPageViews;
        long[] funnel;
        boolean sessionsUncertain;
        List<Ledger.BreakdownEntry> breakdowns = List.of();

        void addSession(SessionCalculator.SessionSummary s, int steps, boolean uncertain) {
            sessions++;
            bounced += s.bounced() ? 1 : 0;
            durationMillis += s.durationMillis();
            sessionPageViews += s.pageViews();
            if (funnel == null) {
                funnel = new long[steps];
            }
            for (int k = 0; k < s.reachedSteps(); k++) {
                funnel[k]++;
            }
            sessionsUncertain |= uncertain;
        }

        void add(Delivery d, boolean acked) {
            if (acked) {
                counts[d.type().ordinal()]++;
                visitors.add(d.partitionKey());
                if (d.type() == EventType.PURCHASE) {
                    if (d.orderId() != null) {
                        orders.add(d.orderId());
                    }
                    revenue = revenue.add(d.revenue() == null ? BigDecimal.ZERO : d.revenue());
                    for (OrderItem item : d.items()) {
                        if (item.productId() == null) {
                            continue;
                        }
                        long quantity = item.quantity() == null ? 0 : item.quantity();
                        long cents = item.quantity() == null || item.price() == null ? 0
                                : item.price().movePointRight(2).longValueExact() * quantity;
                        tally(products, item.productId(), quantity, cents);
                    }
                }
                if (d.type() == EventType.PAGE_VIEW && d.pageKey() != null) {
                    tally(pages, d.pageKey(), 1, 0);
                }
            } else {
                anyUnack = true;
                unackCounts[d.type().ordinal()]++;
                unackVisitors.add(d.partitionKey());
                if (d.type() == EventType.PURCHASE) {
                    if (d.orderId() != null) {
                        unackOrders.add(d.orderId());
                    }
                    unackRevenue = unackRevenue.add(d.revenue() == null ? BigDecimal.ZERO : d.revenue());
                }
            }
        }

        WindowKpis toKpis(String granularity, long start, long sizeMs, int topN, FunnelDefinition funnelSteps) {
            Unacknowledged unack = null;
            if (anyUnack) {
                Set<String> union = new HashSet<>(visitors);
                union.addAll(unackVisitors);
                Set<String> newOrders = new HashSet<>(unackOrders);
                newOrders.removeAll(orders);
                unack = new Unacknowledged(unackCounts[0], unackCounts[1], unackCounts[2], unackCounts[3],
                        newOrders.size(), unackRevenue, union.size());
            }
            List<Ledger.FunnelCount> funnelCounts = new ArrayList<>();
            for (int k = 0; k < funnelSteps.steps().size(); k++) {
                funnelCounts.add(new Ledger.FunnelCount(k + 1, funnelSteps.steps().get(k).name(),
                        funnel == null ? 0 : funnel[k]));
            }
            return new WindowKpis(granularity, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + sizeMs),
                    counts[0], counts[1], counts[2], counts[3], orders.size(), revenue, visitors.size(), unack,
                    rank(pages, topN), rank(products, topN),
                    new Ledger.SessionTotals(sessions, bounced, durationMillis, sessionPageViews), funnelCounts,
                    breakdowns, sessionsUncertain);
        }
    }

    private static void tally(Map<String, long[]> tally, String key, long count, long cents) {
        long[] v = tally.computeIfAbsent(key, k -> new long[2]);
        v[0] += count;
        v[1] += cents;
    }

    /**
     * The first {@code n} entries by count desc, revenue desc, key asc: the order analytics ranks in
     * (spark-analytics README, "Top pages and products"), so ties are broken the same way.
     */
    static List<RankEntry> rank(Map<String, long[]> tally, int n) {
        return tally.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[0]).reversed()
                        .thenComparing(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[1]).reversed())
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .map(e -> new RankEntry(e.getKey(), e.getValue()[0], BigDecimal.valueOf(e.getValue()[1], 2)))
                .toList();
    }

    public static Ledger compute(Ledger.RunInfo run, List<Delivery> deliveries, List<InjectedAnomaly> anomalies,
                                 WindowCalculator windows) {
        return compute(run, deliveries, anomalies, List.of(), windows);
    }

    public static Ledger compute(Ledger.RunInfo run, List<Delivery> deliveries, List<InjectedAnomaly> anomalies,
                                 List<SiteAnomalyRecord> siteAnomalies, WindowCalculator windows) {
        int topN = run.topN();
        // One entry per event_id: the first copy describes the event, the best answer decides.
        Map<String, Delivery> firstCopy = new LinkedHashMap<>();
        Map<String, DeliveryStatus> best = new HashMap<>();
        long sent = 0;
        long duplicateResends = 0;
        long late = 0;
        long outOfOrder = 0;
        long malformed = 0;
        long malformedAccepted = 0;
        for (Delivery d : deliveries) {
            sent++;
            switch (d.kind()) {
                case MALFORMED -> {
                    malformed++;
                    if (d.status().acknowledged()) {
                        malformedAccepted++;
                    }
                    continue;
                }
                case DUPLICATE_RESEND -> duplicateResends++;
                case LATE -> late++;
                case OUT_OF_ORDER -> outOfOrder++;
                default -> {
                }
            }
            firstCopy.putIfAbsent(d.eventId(), d);
            best.merge(d.eventId(), d.status(), LedgerCalculator::better);
        }

        TreeMap<Long, Acc> sliding = new TreeMap<>();
        TreeMap<Long, Acc> hourly = new TreeMap<>();
        Acc total = new Acc();
        long acknowledged = 0;
        long rejected = 0;
        long unacknowledged = 0;
        Map<String, long[]> perEntity = new HashMap<>();   // user key → {events, acknowledged clicks/views}
        List<Delivery> ackedEvents = new ArrayList<>();
        Set<String> usersWithUnacked = new HashSet<>();
        Set<String> botKeys = new HashSet<>();
        anomalies.forEach(a -> botKeys.add(a.entity()));
        for (Map.Entry<String, Delivery> entry : firstCopy.entrySet()) {
            Delivery d = entry.getValue();
            DeliveryStatus status = best.get(entry.getKey());
            if (status == DeliveryStatus.REJECTED) {
                rejected++;
                continue;
            }
            boolean acked = status.acknowledged();
            if (acked) {
                acknowledged++;
                ackedEvents.add(d);
            } else {
                unacknowledged++;
                usersWithUnacked.add(d.partitionKey());
            }
            total.add(d, acked);
            for (long start : windows.windowStarts(d.ts())) {
                sliding.computeIfAbsent(start, k -> new Acc()).add(d, acked);
            }
            hourly.computeIfAbsent(WindowCalculator.hourStart(d.ts()), k -> new Acc()).add(d, acked);
            if (d.kind() == Kind.BOT && botKeys.contains(d.partitionKey())) {
                long[] c = perEntity.computeIfAbsent(d.partitionKey() + "|" + d.type(), k -> new long[2]);
                c[0]++;
                if (acked) {
                    c[1]++;
                }
            }
        }

        // A session counts in the windows of its end; one of a user with unacknowledged events may end
        // elsewhere or be another session in analytics, so its windows' session fields are uncertain.
        FunnelDefinition funnel = FunnelDefinition.parse(run.funnel());
        SessionCalculator sessionCalculator = new SessionCalculator(Duration.ofSeconds(run.sessionGapSeconds()), funnel);
        int steps = funnel.steps().size();
        for (SessionCalculator.SessionSummary session : sessionCalculator.sessions(ackedEvents)) {
            boolean uncertain = usersWithUnacked.contains(session.userKey());
            for (long start : windows.windowStarts(session.end())) {
                sliding.get(start).addSession(session, steps, uncertain);
            }
            hourly.get(WindowCalculator.hourStart(session.end())).addSession(session, steps, uncertain);
        }

        breakdowns(ackedEvents, sliding, hourly, windows, new BreakdownCalculator(run.breakdownTop()));

        List<WindowKpis> out = new ArrayList<>();
        String granularity = windows.granularity();
        // Only windows holding at least one acknowledged event are documents analytics writes for sure.
        sliding.forEach((start, acc) -> out.add(acc.toKpis(granularity, start, windows.size().toMillis(), topN, funnel)));
        hourly.forEach((start, acc) -> out.add(acc.toKpis(WindowCalculator.HOURLY_GRANULARITY, start,
                WindowCalculator.HOUR.toMillis(), topN, funnel)));

        List<AnomalyRecord> anomalyRecords = new ArrayList<>();
        for (InjectedAnomaly a : anomalies) {
            boolean clicks = Bots.CLICK_BURST.equals(a.rule());
            EventType type = clicks ? EventType.CLICK : EventType.PAGE_VIEW;
            long[] c = perEntity.getOrDefault(a.entity() + "|" + type, new long[2]);
            long threshold = clicks ? CLICK_BURST_THRESHOLD : PAGE_VIEW_FLOOD_THRESHOLD;
            anomalyRecords.add(new AnomalyRecord(a.rule(), a.entity(), a.start(), c[0], c[1], c[1] > threshold));
        }

        WindowKpis t = total.toKpis("total", 0, 0, 0, funnel);
        Totals totals = new Totals(sent, acknowledged, duplicateResends, late, outOfOrder, malformed, malformedAccepted,
                rejected, unacknowledged, t.pageViews(), t.clicks(), t.addToCart(), t.purchases(), t.orders(),
                t.revenue(), t.uniqueVisitors());
        return new Ledger(Ledger.FORMAT, run, totals, out, anomalyRecords, siteAnomalies);
    }

    /**
     * Sets each window's expected breakdown documents. Events are grouped by slide-long pane once (with
     * their dimension values derived once, a few hundred distinct tuples in all); each window then
     * tallies the events of its panes and drops the tally, so memory stays that of the events.
     */
    private static void breakdowns(List<Delivery> events, TreeMap<Long, Acc> sliding, TreeMap<Long, Acc> hourly,
                                   WindowCalculator windows, BreakdownCalculator calculator) {
        Map<Dimensions, Dimensions> distinct = new HashMap<>();
        Map<Long, List<Integer>> byPane = new HashMap<>();
        Map<Long, List<Integer>> byHour = new HashMap<>();
        List<Dimensions> values = new ArrayList<>(events.size());
        long slide = windows.slide().toMillis();
        for (int i = 0; i < events.size(); i++) {
            Delivery d = events.get(i);
            values.add(distinct.computeIfAbsent(BreakdownCalculator.dimensionsOf(d), v -> v));
            byPane.computeIfAbsent(Math.floorDiv(d.ts().toEpochMilli(), slide) * slide, k -> new ArrayList<>()).add(i);
            byHour.computeIfAbsent(WindowCalculator.hourStart(d.ts()), k -> new ArrayList<>()).add(i);
        }
        long size = windows.size().toMillis();
        sliding.forEach((start, acc) -> {
            List<Integer> indices = new ArrayList<>();
            for (long pane = start; pane < start + size; pane += slide) {
                indices.addAll(byPane.getOrDefault(pane, List.of()));
            }
            acc.breakdowns = calculator.entries(indices.stream().map(events::get).toList(),
                    indices.stream().map(values::get).toList());
        });
        hourly.forEach((start, acc) -> {
            List<Integer> indices = byHour.getOrDefault(start, List.of());
            acc.breakdowns = calculator.entries(indices.stream().map(events::get).toList(),
                    indices.stream().map(values::get).toList());
        });
    }

    /** Acknowledged beats unacknowledged beats rejected: one acknowledged copy is proof enough. */
    static DeliveryStatus better(DeliveryStatus a, DeliveryStatus b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(DeliveryStatus s) {
        return switch (s) {
            case ACCEPTED, DUPLICATE -> 3;
            case UNACKNOWLEDGED -> 2;
            case REJECTED -> 1;
        };
    }
}
