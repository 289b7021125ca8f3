package io.clickstream.load.schedule;

import static io.clickstream.load.dsl.InjectionProfile.constantUsersPerSec;
import static io.clickstream.load.dsl.InjectionProfile.injectOpen;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.load.anomaly.AnomalyConfig;
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
