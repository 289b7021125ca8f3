package io.clickstream.load.schedule;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.Order;
import io.clickstream.event.OrderItem;
import io.clickstream.load.anomaly.AnomalyConfig;
import io.clickstream.load.anomaly.Bots;
import io.clickstream.load.anomaly.InjectedAnomaly;
import io.clickstream.load.anomaly.Malformed;
import io.clickstream.load.anomaly.SiteAnomaly;
import io.clickstream.load.dsl.Events;
import io.clickstream.load.dsl.Scenario;
import io.clickstream.load.dsl.Session;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The events of a simulation in send order, generated lazily: a user's whole journey is played in
 * virtual time when its arrival comes up, and its events wait in a priority queue ordered by
 * (send time, arrival ordinal, sequence). Memory is bounded by the users active at once.
 *
 * <p>Every random decision comes from generators derived from the run seed: the user's own
 * (stream 0: journey and dirt), stream 1 for bot placement, so a fixed seed and start instant give
 * byte-identical output.
 */
public final class EventSchedule implements Iterator<ScheduledEvent> {

    private static final long STREAM_USER = 0;
    private static final long STREAM_BOT_PLACEMENT = 1;
    private static final long STREAM_CLICK_BOT = 2;
    private static final long STREAM_FLOOD_BOT = 3;
    private static final long STREAM_WINDOW_SHOPPER = 4;
    private static final long STREAM_SITE = 5;
    private static final long BUCKET_NANOS = 10_000_000_000L;

    private record Arrival(long offsetNanos, int kind, long index) {
    }

    private static final int SHOP = 0;
    private static final int CLICK_BOT = 1;
    private static final int FLOOD_BOT = 2;

    private final Simulation simulation;
    private final Instant start;
    private final long horizonNanos;
    private final Arrival[] arrivals;
    private final List<InjectedAnomaly> anomalies = new ArrayList<>();
    /** The site-level injections as [from, to) offsets, each starting in the middle of a 10 s event-time bucket. */
    private final List<SiteWindow> siteWindows = new ArrayList<>();

    /** A site-level injection placed in the run: offsets from the run start, nanoseconds. */
    public record SiteWindow(SiteAnomaly.Kind kind, long fromNanos, long toNanos) {
        boolean contains(long offsetNanos) {
            return offsetNanos >= fromNanos && offsetNanos < toNanos;
        }
    }

    private final PriorityQueue<ScheduledEvent> pending = new PriorityQueue<>();
    private int nextArrival;
    /** Window shoppers made so far: their user index (expansion order is deterministic). */
    private long windowShoppers;
    private long scheduled;

    public EventSchedule(Simulation simulation, Instant start) {
        this.simulation = simulation;
        this.start = start;
        this.horizonNanos = simulation.maxDuration().toNanos();
        long[] users = simulation.profile().arrivals();
        List<Arrival> all = new ArrayList<>(users.length + 16);
        for (int i = 0; i < users.length; i++) {
            if (users[i] <= horizonNanos) {
                all.add(new Arrival(users[i], SHOP, i));
            }
        }
        placeSiteAnomalies();
        placeBots(all);
        all.sort(Comparator.comparingLong(Arrival::offsetNanos).thenComparingInt(Arrival::kind)
                .thenComparingLong(Arrival::index));
        this.arrivals = all.toArray(new Arrival[0]);
    }

    /**
     * Moves each site-level injection to start (and end) in the middle of a 10 s event-time bucket: a
     * window the injection half-covers then holds k + ½ of its six buckets, never exactly half, which
     * keeps every rule clearly on one side of its 50 % line.
     */
    private void placeSiteAnomalies() {
        long startMillis = start.toEpochMilli();
        for (SiteAnomaly a : simulation.siteAnomalies()) {
            long at = a.at().toNanos();
            long eventMillis = startMillis + at / 1_000_000;
            long shiftMillis = Math.floorMod(5_000 - eventMillis, 10_000);
            long from = at + shiftMillis * 1_000_000 - Math.floorMod(at, 1_000_000);
            long to = from + a.duration().toNanos() - Math.floorMod(a.duration().toNanos(), BUCKET_NANOS);
            if (to > horizonNanos) {
                throw new IllegalArgumentException("the " + a.kind().cliName() + " injection at " + a.at().toSeconds()
                        + " s does not fit into the run: make --duration at least "
                        + (to / 1_000_000_000L + SiteAnomaly.RECOVERY.toSeconds()) + "s");
            }
            siteWindows.add(new SiteWindow(a.kind(), from, to));
        }
    }

    /** The site-level injections as placed in this run. */
    public List<SiteWindow> siteAnomalies() {
        return List.copyOf(siteWindows);
    }

    private boolean inside(SiteAnomaly.Kind kind, long offsetNanos) {
        for (SiteWindow w : siteWindows) {
            if (w.kind() == kind && w.contains(offsetNanos)) {
                return true;
            }
        }
        return false;
    }

    private long offsetOf(Instant ts) {
        return java.time.Duration.between(start, ts).toNanos();
    }

    /** Bots are spread uniformly over the run, each placed so that its whole burst fits in the run. */
    private void placeBots(List<Arrival> all) {
        AnomalyConfig config = simulation.anomalies();
        SplittableRandom random = Session.randomFor(simulation.generatorSeed(), 0, STREAM_BOT_PLACEMENT);
        double minutes = horizonNanos / 60e9;
        placeBots(all, random, CLICK_BOT, (long) Math.floor(config.clickBotsPerMin() * minutes + 1e-9), Bots.CLICK_BURST);
        placeBots(all, random, FLOOD_BOT, (long) Math.floor(config.floodBotsPerMin() * minutes + 1e-9), Bots.PAGE_VIEW_FLOOD);
    }

    private void placeBots(List<Arrival> all, SplittableRandom random, int kind, long count, String rule) {
        long latest = horizonNanos - Bots.span(rule).toNanos();
        if (latest < 0) {
            return;
        }
        for (long i = 0; i < count; i++) {
            long offset = (long) (random.nextDouble() * latest);
            all.add(new Arrival(offset, kind, i));
            Session bot = botSession(kind, i, offset);
            anomalies.add(new InjectedAnomaly(rule, bot.userKey(), bot.now().truncatedTo(ChronoUnit.MILLIS)));
        }
    }

    private Session botSession(int kind, long index, long offset) {
        long stream = kind == CLICK_BOT ? STREAM_CLICK_BOT : STREAM_FLOOD_BOT;
        String prefix = (kind == CLICK_BOT ? "bot-click-" : "bot-flood-") + simulation.runId();
        Session bot = new Session(index, Session.randomFor(simulation.generatorSeed(), index, stream), start, offset,
                horizonNanos, true, prefix);
        bot.site(simulation.sites().first().name());
        return bot;
    }

    /** The bots this schedule injects (known up front). */
    public List<InjectedAnomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    public Simulation simulation() {
        return simulation;
    }

    public Instant start() {
        return start;
    }

    public long horizonNanos() {
        return horizonNanos;
    }

    /** Events handed out so far. */
    public long scheduled() {
        return scheduled;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !pending.isEmpty();
    }

    /** The next event without taking it, or null at the end. */
    public ScheduledEvent peek() {
        fill();
        return pending.peek();
    }

    @Override
    public ScheduledEvent next() {
        fill();
        ScheduledEvent e = pending.poll();
        if (e == null) {
            throw new NoSuchElementException();
        }
        scheduled++;
        return e;
    }

    /** Plays every journey that starts before the earliest pending event (none can jump ahead of it). */
    private void fill() {
        while (nextArrival < arrivals.length
                && (pending.isEmpty() || arrivals[nextArrival].offsetNanos() <= pending.peek().sendAtNanos())) {
            expand(nextArrival, arrivals[nextArrival]);
            nextArrival++;
        }
    }

    private void expand(long ordinal, Arrival a) {
        if (a.kind() == SHOP) {
            Scenario scenario = simulation.scenario();
            SplittableRandom random = Session.randomFor(simulation.generatorSeed(), a.index(), STREAM_USER);
            boolean loggedIn = random.nextDouble() < scenario.loggedInShare();
            Session s = new Session(a.index(), random, start, a.offsetNanos(), horizonNanos, loggedIn, "u-" + simulation.runId());
            s.site(simulation.effectiveSites().pick(Session.randomFor(simulation.generatorSeed(), a.index(), STREAM_SITE)).name());
            scenario.play(s);
            addShopEvents(ordinal, s);
        } else {
            Session s = botSession(a.kind(), a.index(), a.offsetNanos());
            (a.kind() == CLICK_BOT ? Bots.clickBot() : Bots.pageViewFlood()).play(s);
            for (int i = 0; i < s.emitted().size(); i++) {
                long sendAt = s.emittedAt().get(i);
                if (!inside(SiteAnomaly.Kind.TRAFFIC_STALL, sendAt)) {
                    pending.add(toScheduled(sendAt, ordinal, i, Kind.BOT, s.emitted().get(i), s.site()));
                }
            }
        }
    }

    /** Adds a shop user's events, with this user's share of dirt drawn from its own generator. */
    private void addShopEvents(long ordinal, Session s) {
        AnomalyConfig dirt = simulation.anomalies();
        int seq = 0;
        List<ClickEvent> events = s.emitted();
        for (int i = 0; i < events.size(); i++) {
            long sendAt = s.emittedAt().get(i);
            ClickEvent e = events.get(i);
            Kind kind = Kind.NORMAL;
            double r = s.random().nextDouble();
            if (r < dirt.lateRate()) {
                long back = (long) s.uniform(20e9, dirt.maxLateness().toNanos());
                e = Events.withTs(e, e.ts().minusNanos(back).truncatedTo(ChronoUnit.MILLIS));
                kind = Kind.LATE;
            } else if (r < dirt.lateRate() + dirt.outOfOrderRate()) {
                long back = (long) s.uniform(1e9, 8e9);
                e = Events.withTs(e, e.ts().minusNanos(back).truncatedTo(ChronoUnit.MILLIS));
                kind = Kind.OUT_OF_ORDER;
            }
            long tsOffset = offsetOf(e.ts());
            if (inside(SiteAnomaly.Kind.TRAFFIC_STALL, sendAt) || inside(SiteAnomaly.Kind.TRAFFIC_STALL, tsOffset)
                    || (e.type() == EventType.PURCHASE && inside(SiteAnomaly.Kind.CART_WITHOUT_PURCHASE, tsOffset))) {
                continue;
            }
            if (e.type() == EventType.PURCHASE && inside(SiteAnomaly.Kind.REVENUE_DROP, tsOffset)) {
                e = Events.withOrder(e, cheapened(e.order()));
            }
            if (e.type() == EventType.PAGE_VIEW && inside(SiteAnomaly.Kind.CONVERSION_DROP, tsOffset)) {
                addWindowShoppers(ordinal, seq, sendAt, e, s.site());
            }
            ScheduledEvent scheduledEvent = toScheduled(sendAt, ordinal, seq++, kind, e, s.site());
            pending.add(scheduledEvent);
            if (s.chance(dirt.duplicateRate())) {
                long resendAt = sendAt + (long) s.uniform(0.2e9, 2e9);
                if (resendAt <= horizonNanos) {
                    pending.add(scheduledEvent.resend(resendAt, seq++));
                }
            }
            if (s.chance(dirt.malformedRate())) {
                pending.add(new ScheduledEvent(sendAt, ordinal, seq++, Kind.MALFORMED, null, null, e.ts(),
                        s.userKey(), null, null, Malformed.create(s), null, List.of(), null, s.site()));
            }
        }
    }

    /** The same order at {@link SiteAnomaly#REVENUE_DROP_FACTOR} of its prices (at least one cent per unit). */
    private static Order cheapened(Order order) {
        List<OrderItem> items = new ArrayList<>();
        BigDecimal revenue = BigDecimal.ZERO;
        for (OrderItem item : order.items()) {
            BigDecimal price = item.price().multiply(BigDecimal.valueOf(SiteAnomaly.REVENUE_DROP_FACTOR))
                    .setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
            items.add(new OrderItem(item.productId(), price, item.quantity()));
            revenue = revenue.add(price.multiply(BigDecimal.valueOf(item.quantity())));
        }
        return new Order(order.id(), revenue, order.currency(), items);
    }

    /** Window shoppers of a conversion drop: one-off visitors who view the same page at the same time. */
    private void addWindowShoppers(long ordinal, int seq, long sendAt, ClickEvent view, String site) {
        for (int k = 0; k < SiteAnomaly.CONVERSION_DROP_EXTRA_VIEWS; k++) {
            long index = windowShoppers++;
            SplittableRandom random = Session.randomFor(simulation.generatorSeed(), index, STREAM_WINDOW_SHOPPER);
            Session shopper = new Session(index, random, start, offsetOf(view.ts()), horizonNanos, true,
                    "w-" + simulation.runId());
            shopper.site(site);
            ClickEvent e = Events.pageView(shopper, view.page(), view.context());
            pending.add(toScheduled(sendAt, ordinal, 1_000_000 + seq * 8 + k, Kind.WINDOW_SHOPPER, e, site));
        }
    }

    private static ScheduledEvent toScheduled(long sendAt, long ordinal, int seq, Kind kind, ClickEvent e, String site) {
        BigDecimal revenue = e.order() == null ? null : e.order().revenue();
        String orderId = e.order() == null ? null : e.order().id();
        String pageKey = e.type() != EventType.PAGE_VIEW || e.page() == null ? null
                : e.page().path() != null ? e.page().path() : e.page().url();
        List<OrderItem> items = e.order() == null || e.order().items() == null ? List.of() : e.order().items();
        return new ScheduledEvent(sendAt, ordinal, seq, kind, e.eventId(), e.type(), e.ts(), e.partitionKey(), revenue,
                orderId, EventJson.write(e), pageKey, items, e, site);
    }
}
