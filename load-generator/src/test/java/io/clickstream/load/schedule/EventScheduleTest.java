package io.clickstream.load.schedule;

import static io.clickstream.load.dsl.InjectionProfile.constantUsersPerSec;
import static io.clickstream.load.dsl.InjectionProfile.injectOpen;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.load.anomaly.AnomalyConfig;
import io.clickstream.load.anomaly.SiteAnomaly;
import io.clickstream.load.anomaly.Bots;
import io.clickstream.load.schedule.Simulation;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.scenario.ShopScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.250Z");
    private static final AnomalyConfig DIRTY = new AnomalyConfig(6, 3, 0.05, 0.05, 0.05, 0.05, Duration.ofSeconds(60));

    private static Simulation simulation(long seed) {
        return Simulation.of(ShopScenario.scenario(), injectOpen(constantUsersPerSec(20).during(Duration.ofSeconds(60))), seed)
                .withAnomalies(DIRTY);
    }

    private static List<ScheduledEvent> all(Simulation sim, Instant start) {
        List<ScheduledEvent> out = new ArrayList<>();
        new EventSchedule(sim, start).forEachRemaining(out::add);
        return out;
    }

    private static String stream(List<ScheduledEvent> events) {
        return events.stream().map(e -> e.sendAtNanos() + " " + e.json()).collect(Collectors.joining("\n"));
    }

    @Test
    void sameSeedAndStartGiveByteIdenticalStreams() {
        String a = stream(all(simulation(42), T0));
        String b = stream(all(simulation(42), T0));
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(new EventSchedule(simulation(42), T0).anomalies()).isEqualTo(new EventSchedule(simulation(42), T0).anomalies());
    }

    @Test
    void anotherRunIdWithTheSameSeedGivesDistinctEventsUserKeysAndOrdersYetEachIsReproducible() {
        List<ScheduledEvent> first = all(simulation(42).withRunId("aaaa0001"), T0);
        List<ScheduledEvent> second = all(simulation(42).withRunId("aaaa0002"), T0);
        assertThat(stream(all(simulation(42).withRunId("aaaa0001"), T0))).isEqualTo(stream(first));
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.Set<String> orders = new java.util.HashSet<>();
        first.stream().filter(e -> e.eventId() != null).forEach(e -> {
            ids.add(e.eventId());
            keys.add(e.partitionKey());
            if (e.orderId() != null) {
                orders.add(e.orderId());
            }
        });
        assertThat(orders).isNotEmpty();
        assertThat(second).filteredOn(e -> e.eventId() != null).allSatisfy(e -> {
            assertThat(ids).doesNotContain(e.eventId());
            assertThat(keys).doesNotContain(e.partitionKey());
            assertThat(e.orderId() == null || !orders.contains(e.orderId())).isTrue();
            assertThat(Simulation.ownedBy(e.partitionKey(), "aaaa0002")).as(e.partitionKey()).isTrue();
        });
        assertThat(new EventSchedule(simulation(42).withRunId("aaaa0002"), T0).anomalies())
                .allSatisfy(a -> assertThat(a.entity()).contains("-aaaa0002-"));
    }

    /** Steady traffic for 1000 s with one injection at 600 s; events by event-time offset. */
    private static List<ScheduledEvent> withInjection(SiteAnomaly.Kind kind) {
        Simulation sim = Simulation.of(ShopScenario.scenario(), injectOpen(constantUsersPerSec(10).during(Duration.ofSeconds(1000))), 3)
                .withSiteAnomalies(SiteAnomaly.sequence(List.of(kind), Duration.ofSeconds(90)));
        return all(sim, T0);
    }

    private static EventSchedule.SiteWindow placed(SiteAnomaly.Kind kind) {
        Simulation sim = Simulation.of(ShopScenario.scenario(), injectOpen(constantUsersPerSec(10).during(Duration.ofSeconds(1000))), 3)
                .withSiteAnomalies(SiteAnomaly.sequence(List.of(kind), Duration.ofSeconds(90)));
        return new EventSchedule(sim, T0).siteAnomalies().get(0);
    }

    private static boolean inside(ScheduledEvent e, EventSchedule.SiteWindow w) {
        long offset = Duration.between(T0, e.ts()).toNanos();
        return offset >= w.fromNanos() && offset < w.toNanos();
    }

    @Test
    void siteInjectionsStartInTheMiddleOfATenSecondBucketAfterTheWarmUp() {
        EventSchedule.SiteWindow w = placed(SiteAnomaly.Kind.REVENUE_DROP);
        Instant from = T0.plusNanos(w.fromNanos());
        assertThat(from.toEpochMilli() % 10_000).isEqualTo(5_000);
        assertThat(from).isAfterOrEqualTo(T0.plus(SiteAnomaly.BASELINE_WARM_UP));
        assertThat(Duration.ofNanos(w.toNanos() - w.fromNanos())).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void withSiteAnomaliesEveryUserVisitsTheFirstSite() {
        assertThat(withInjection(SiteAnomaly.Kind.REVENUE_DROP)).extracting(ScheduledEvent::site).containsOnly("shop");
    }

    @Test
    void aRevenueDropKeepsThePurchasesButNotTheirRevenue() {
        EventSchedule.SiteWindow w = placed(SiteAnomaly.Kind.REVENUE_DROP);
        List<ScheduledEvent> events = withInjection(SiteAnomaly.Kind.REVENUE_DROP);
        List<ScheduledEvent> during = events.stream().filter(e -> e.type() == EventType.PURCHASE && inside(e, w)).toList();
        List<ScheduledEvent> before = events.stream().filter(e -> e.type() == EventType.PURCHASE && !inside(e, w)).toList();
        assertThat(during).hasSizeGreaterThan(5);
        double meanDuring = during.stream().mapToDouble(e -> e.revenue().doubleValue()).average().orElseThrow();
        double meanElse = before.stream().mapToDouble(e -> e.revenue().doubleValue()).average().orElseThrow();
        assertThat(meanDuring).isLessThan(meanElse * 0.02);
        assertThat(during).allSatisfy(e -> assertThat(e.json()).contains("\"revenue\":" + e.revenue().toPlainString()));
    }

    @Test
    void aTrafficStallSendsNothingInItsIntervalByEitherClockAndACartWavePurchasesNothing() {
        EventSchedule.SiteWindow stall = placed(SiteAnomaly.Kind.TRAFFIC_STALL);
        assertThat(withInjection(SiteAnomaly.Kind.TRAFFIC_STALL)).noneMatch(e -> inside(e, stall)
                || e.sendAtNanos() >= stall.fromNanos() && e.sendAtNanos() < stall.toNanos());
        EventSchedule.SiteWindow carts = placed(SiteAnomaly.Kind.CART_WITHOUT_PURCHASE);
        List<ScheduledEvent> events = withInjection(SiteAnomaly.Kind.CART_WITHOUT_PURCHASE);
        assertThat(events).filteredOn(e -> inside(e, carts) && e.type() == EventType.PURCHASE).isEmpty();
        assertThat(events).filteredOn(e -> inside(e, carts) && e.type() == EventType.ADD_TO_CART).hasSizeGreaterThan(10);
    }

    @Test
    void aConversionDropQuadruplesThePageViewsWithWindowShoppersWhoNeverBuy() {
        EventSchedule.SiteWindow w = placed(SiteAnomaly.Kind.CONVERSION_DROP);
        List<ScheduledEvent> events = withInjection(SiteAnomaly.Kind.CONVERSION_DROP);
        long shop = events.stream().filter(e -> inside(e, w) && e.type() == EventType.PAGE_VIEW && e.kind() != ScheduledEvent.Kind.WINDOW_SHOPPER).count();
        long shoppers = events.stream().filter(e -> e.kind() == ScheduledEvent.Kind.WINDOW_SHOPPER).count();
        assertThat(shoppers).isEqualTo(SiteAnomaly.CONVERSION_DROP_EXTRA_VIEWS * shop);
        assertThat(events).filteredOn(e -> e.kind() == ScheduledEvent.Kind.WINDOW_SHOPPER)
                .allSatisfy(e -> assertThat(e.partitionKey()).startsWith("w-r0-"))
                .extracting(ScheduledEvent::partitionKey).doesNotHaveDuplicates();
    }

    @Test
    void usersAreSpreadOverTheSitesByRankAndEachUserStaysOnItsSite() {
        Simulation sim = simulation(42).withSites(Sites.parse("shop=k1,blog=k2,docs="));
        Map<String, Set<String>> usersBySite = new HashMap<>();
        Map<String, String> siteOfUser = new HashMap<>();
        for (ScheduledEvent e : all(sim, T0)) {
            if (e.kind() == Kind.MALFORMED || e.kind() == Kind.BOT) {
                continue;
            }
            assertThat(siteOfUser.putIfAbsent(e.partitionKey(), e.site())).isIn(null, e.site());
            usersBySite.computeIfAbsent(e.site(), k -> new HashSet<>()).add(e.partitionKey());
            assertThat(e.event().page().url()).startsWith("https://" + e.site() + ".example.com/");
        }
        double users = siteOfUser.size();
        assertThat(usersBySite.keySet()).containsExactlyInAnyOrder("shop", "blog", "docs");
        // shares 1 : 1/2 : 1/3 → 54.5 %, 27.3 %, 18.2 %
        assertThat(usersBySite.get("shop").size() / users).isBetween(0.48, 0.61);
        assertThat(usersBySite.get("blog").size() / users).isBetween(0.22, 0.33);
        assertThat(usersBySite.get("docs").size() / users).isBetween(0.13, 0.24);
        assertThat(Sites.parse("shop=k1,blog=k2,docs=").gatewayProperties())
                .containsExactly("clickstream.sites.k1=shop", "clickstream.sites.k2=blog");
    }

    @Test
    void anotherSeedGivesAnotherStream() {
        assertThat(stream(all(simulation(43), T0))).isNotEqualTo(stream(all(simulation(42), T0)));
    }

    @Test
    void eventsComeInSendOrderWithinTheRunAndWithUniqueIds() {
        List<ScheduledEvent> events = all(simulation(42), T0);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            ScheduledEvent e = events.get(i);
            if (i > 0) {
                assertThat(e.sendAtNanos()).isGreaterThanOrEqualTo(events.get(i - 1).sendAtNanos());
            }
            assertThat(e.sendAtNanos()).isBetween(0L, 60_000_000_000L);
            if (e.kind() != Kind.DUPLICATE_RESEND && e.eventId() != null) {
                assertThat(ids.add(e.eventId())).as("unique id %s", e.eventId()).isTrue();
            }
        }
    }

    @Test
    void dirtIsInjectedAsConfiguredAndBotsTripTheirRules() throws Exception {
        List<ScheduledEvent> events = all(simulation(42), T0);
        Map<Kind, Long> kinds = events.stream().collect(Collectors.groupingBy(ScheduledEvent::kind, Collectors.counting()));
        long shop = kinds.getOrDefault(Kind.NORMAL, 0L) + kinds.get(Kind.LATE) + kinds.get(Kind.OUT_OF_ORDER);
        assertThat(kinds.get(Kind.LATE) / (double) shop).isBetween(0.035, 0.065);
        assertThat(kinds.get(Kind.OUT_OF_ORDER) / (double) shop).isBetween(0.035, 0.065);
        assertThat(kinds.get(Kind.DUPLICATE_RESEND) / (double) shop).isBetween(0.03, 0.065);
        assertThat(kinds.get(Kind.MALFORMED) / (double) shop).isBetween(0.035, 0.065);

        EventValidator validator = new EventValidator();
        for (ScheduledEvent e : events) {
            boolean valid = validator.validate(EventJson.readTree(e.json())).isEmpty();
            assertThat(valid).as(e.json()).isEqualTo(e.kind() != Kind.MALFORMED);
            Instant sentAt = T0.plusNanos(e.sendAtNanos());
            if (e.kind() == Kind.LATE) {
                assertThat(java.time.Duration.between(e.ts(), sentAt)).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(61));
            }
        }

        var anomalies = new EventSchedule(simulation(42), T0).anomalies();
        assertThat(anomalies).filteredOn(a -> a.rule().equals(Bots.CLICK_BURST)).hasSize(6);
        assertThat(anomalies).filteredOn(a -> a.rule().equals(Bots.PAGE_VIEW_FLOOD)).hasSize(3);
        Map<String, List<ScheduledEvent>> byUser = events.stream().collect(Collectors.groupingBy(ScheduledEvent::partitionKey));
        for (var a : anomalies) {
            List<ScheduledEvent> bot = byUser.get(a.entity());
            EventType type = a.rule().equals(Bots.CLICK_BURST) ? EventType.CLICK : EventType.PAGE_VIEW;
            int needed = a.rule().equals(Bots.CLICK_BURST) ? 21 : 61;
            long window = a.rule().equals(Bots.CLICK_BURST) ? 10_000 : 60_000;
            assertThat(maxInWindow(bot, type, window)).as(a.toString()).isGreaterThanOrEqualTo(needed);
        }
        // and no shopper comes close, even with dirt moving timestamps around
        Set<String> bots = anomalies.stream().map(a -> a.entity()).collect(Collectors.toSet());
        byUser.forEach((user, evs) -> {
            if (!bots.contains(user)) {
                assertThat(maxInWindow(evs, EventType.CLICK, 10_000)).isLessThanOrEqualTo(10);
                assertThat(maxInWindow(evs, EventType.PAGE_VIEW, 60_000)).isLessThanOrEqualTo(12);
            }
        });
    }

    private static int maxInWindow(List<ScheduledEvent> events, EventType type, long windowMs) {
        List<Long> ts = events.stream().filter(e -> e.type() == type).map(e -> e.ts().toEpochMilli()).sorted().toList();
        int best = 0;
        for (int i = 0, j = 0; i < ts.size(); i++) {
            while (ts.get(i) - ts.get(j) >= windowMs) {
                j++;
            }
            best = Math.max(best, i - j + 1);
        }
        return best;
    }

    @Test
    void targetRateIsReachedInSteadyState() {
        double mean = ShopScenario.scenario().meanEventsPerUser(2000);
        Simulation sim = Simulation.of(ShopScenario.scenario(),
                injectOpen(io.clickstream.load.dsl.InjectionProfile.targetEventsPerSec(500, Duration.ofSeconds(120), mean)), 1);
        Map<Long, Integer> perSecond = new HashMap<>();
        new EventSchedule(sim, T0).forEachRemaining(e -> perSecond.merge(e.sendAtNanos() / 1_000_000_000L, 1, Integer::sum));
        double steady = perSecond.entrySet().stream().filter(e -> e.getKey() >= 60 && e.getKey() < 120)
                .mapToInt(Map.Entry::getValue).average().orElse(0);
        assertThat(steady).isBetween(450.0, 550.0);
    }
}
