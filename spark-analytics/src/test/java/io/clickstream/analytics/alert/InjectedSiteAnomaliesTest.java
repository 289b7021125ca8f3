package io.clickstream.analytics.alert;

import static io.clickstream.load.dsl.InjectionProfile.constantUsersPerSec;
import static io.clickstream.load.dsl.InjectionProfile.injectOpen;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.load.anomaly.AnomalyConfig;
import io.clickstream.load.anomaly.SiteAnomaly;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.scenario.ShopScenario;
import io.clickstream.load.schedule.EventSchedule;
import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.schedule.Simulation;
import io.clickstream.load.verify.AlertCheck;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The load generator's site-level injections played through the real site rules
 * ({@link SiteBaselineRules}, default {@link AlertConfig}) the way {@link SiteRulesProcessor} runs
 * them: 5 s micro-batches in processing time (= send time here), resends dropped by event id, the
 * stall timer 60 s after the last event. The alerts they raise are judged by the load generator's
 * own {@code verify} logic ({@link AlertCheck}) against what the ledger expects: every expected rule
 * fires exactly once per injection and nothing else fires in the judged range.
 */
class InjectedSiteAnomaliesTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:03.250Z");
    private static final long BATCH_MILLIS = 5_000;

    @Test
    void everyInjectionFiresItsRulesOnceAndNothingElseFires() {
        List<SiteAnomaly> injections = SiteAnomaly.sequence(List.of(SiteAnomaly.Kind.REVENUE_DROP,
                SiteAnomaly.Kind.CONVERSION_DROP, SiteAnomaly.Kind.TRAFFIC_STALL, SiteAnomaly.Kind.CART_WITHOUT_PURCHASE),
                SiteAnomaly.DEFAULT_DURATION);
        Duration length = SiteAnomaly.requiredRunLength(injections);
        // 500 events/s of shop traffic (5 events and 0.09 purchases per user: ~530 purchases per 60 s
        // window) with the default dirt (resends, late and out-of-order events), no bots
        Simulation sim = new Simulation(ShopScenario.scenario(), injectOpen(constantUsersPerSec(100).during(length)), 7,
                "site0001", new AnomalyConfig(0, 0, 0.01, 0.01, 0.02, 0.005, Duration.ofSeconds(60)), injections, length);
        EventSchedule schedule = new EventSchedule(sim, START);

        Map<String, Alert> alerts = play(schedule, length);

        List<Ledger.SiteAnomalyRecord> expected = schedule.siteAnomalies().stream()
                .map(w -> new Ledger.SiteAnomalyRecord(w.kind().cliName(), START.plusNanos(w.fromNanos()),
                        START.plusNanos(w.toNanos()), w.kind().expectedRules()))
                .toList();
        Ledger.RunInfo run = new Ledger.RunInfo(7, "site0001", "shop", START, START.plus(length), START, "test", "test",
                "60s/10s", 60, 10, 10, START.plus(SiteAnomaly.JUDGED_FROM), START.plus(length), false);
        Ledger ledger = new Ledger(Ledger.FORMAT, run, new Ledger.Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                BigDecimal.ZERO, 0), List.of(), List.of(), expected);
        List<AlertCheck.AlertDoc> docs = alerts.values().stream()
                .map(a -> new AlertCheck.AlertDoc(a.id(), a.rule(), a.entity(), Instant.ofEpochMilli(a.windowStartMillis()),
                        Instant.ofEpochMilli(a.windowEndMillis())))
                .toList();
        AlertCheck check = AlertCheck.check(ledger, docs);

        assertThat(check.expected()).isEqualTo(1 + 1 + 2 + 3);
        assertThat(check.missed()).as("missed; alerts raised: %s", docs).isEmpty();
        assertThat(check.unexpected()).as("unexpected; alerts raised: %s", docs).isEmpty();
        assertThat(check.duplicates()).as("duplicates; alerts raised: %s", docs).isEmpty();
        assertThat(check.recall()).isEqualTo(1.0);
        assertThat(check.precision()).isEqualTo(1.0);
    }

    /** Feeds the schedule to the site rules in 5 s micro-batches; returns the latest document per alert id. */
    private static Map<String, Alert> play(EventSchedule schedule, Duration length) {
        SiteBaselineRules rules = new SiteBaselineRules(AlertConfig.defaults());
        SiteBaselineRules.State state = rules.newState();
        long stallAfter = AlertConfig.defaults().site().stallAfter().toMillis();
        Map<String, Alert> alerts = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        List<SiteBaselineRules.SiteEvent> batch = new ArrayList<>();
        long batchEnd = START.toEpochMilli() + BATCH_MILLIS;
        long timer = Long.MAX_VALUE;
        long end = START.plus(length).toEpochMilli() + 3 * stallAfter;
        while (batchEnd <= end) {
            while (schedule.hasNext() && START.toEpochMilli() + schedule.peek().sendAtNanos() / 1_000_000 < batchEnd) {
                ScheduledEvent e = schedule.next();
                if (e.type() != null && seen.add(e.eventId())) {
                    batch.add(new SiteBaselineRules.SiteEvent(e.ts().toEpochMilli(), e.eventId(), e.type().wireName(),
                            e.revenue() == null ? 0.0 : e.revenue().doubleValue()));
                }
            }
            if (!batch.isEmpty()) {
                rules.add(state, "default", batch, batchEnd).forEach(a -> alerts.put(a.id(), a));
                batch.clear();
                timer = batchEnd + stallAfter;
            } else if (batchEnd >= timer) {
                rules.checkStall(state, "default", batchEnd).forEach(a -> alerts.put(a.id(), a));
                timer = batchEnd + stallAfter;
            }
            batchEnd += BATCH_MILLIS;
        }
        return alerts;
    }
}
