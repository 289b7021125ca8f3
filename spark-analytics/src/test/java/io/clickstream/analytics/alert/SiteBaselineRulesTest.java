package io.clickstream.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SiteBaselineRulesTest {

    private static final long MIN = 60_000;

    /** Steady shop traffic, one minute at a time: 300 page views, 60 carts, 30 purchases of 50.00. */
    static List<SiteBaselineRules.SiteEvent> minute(long start, Random random, boolean checkoutBroken, String prefix) {
        List<SiteBaselineRules.SiteEvent> out = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < 300; i++) {
            out.add(new SiteBaselineRules.SiteEvent(start + random.nextInt(60_000), prefix + n++, "page_view", 0));
        }
        for (int i = 0; i < 60; i++) {
            out.add(new SiteBaselineRules.SiteEvent(start + random.nextInt(60_000), prefix + n++, "add_to_cart", 0));
        }
        if (!checkoutBroken) {
            for (int i = 0; i < 30; i++) {
                out.add(new SiteBaselineRules.SiteEvent(start + random.nextInt(60_000), prefix + n++, "purchase", 50.0));
            }
        }
        return out;
    }

    private static AlertConfig config(Map<String, String> overrides) {
        return AlertConfig.fromProperties(overrides);
    }

    @Test
    void steadyTrafficRaisesNothingAndBuildsABaseline() {
        SiteBaselineRules rules = new SiteBaselineRules(AlertConfig.defaults());
        SiteBaselineRules.State state = rules.newState();
        Random random = new Random(1);
        List<Alert> alerts = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            alerts.addAll(rules.add(state, "shop", minute(m * MIN, random, false, "m" + m + "-"), m));
        }
        assertThat(alerts).isEmpty();
        assertThat(state.history()).isGreaterThanOrEqualTo(100);
        assertThat(state.revenue.mean()).isBetween(1200.0, 1800.0);
    }

    @Test
    void checkoutOutageRaisesRevenueConversionAndCartAlertsOnceEach() {
        SiteBaselineRules rules = new SiteBaselineRules(AlertConfig.defaults());
        SiteBaselineRules.State state = rules.newState();
        Random random = new Random(2);
        List<Alert> alerts = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            alerts.addAll(rules.add(state, "shop", minute(m * MIN, random, false, "m" + m + "-"), m));
        }
        assertThat(alerts).isEmpty();
        for (int m = 10; m < 14; m++) {
            alerts.addAll(rules.add(state, "shop", minute(m * MIN, random, true, "m" + m + "-"), m));
        }
        assertThat(alerts).extracting(Alert::rule)
                .contains("revenue_drop", "conversion_drop", "cart_without_purchase");
        // Each rule is one episode (one id), updated as the outage goes on.
        assertThat(alerts.stream().map(Alert::id).distinct().count()).isEqualTo(3);
        Alert revenue = alerts.stream().filter(a -> a.rule().equals("revenue_drop")).reduce((a, b) -> b).orElseThrow();
        assertThat(revenue.observed()).isZero();
        assertThat(revenue.severity()).isEqualTo("critical");
        assertThat(revenue.entity()).isEqualTo("shop");
        assertThat(revenue.windowStartMillis()).isGreaterThanOrEqualTo(9 * MIN);
        // detected within a minute of event time after the outage began (50 s with this traffic)
        assertThat(revenue.firstSeenMillis() - 10 * MIN).isLessThanOrEqualTo(MIN);
    }

    @Test
    void aSmallDropWithinNoiseDoesNotFire() {
        SiteBaselineRules rules = new SiteBaselineRules(AlertConfig.defaults());
        SiteBaselineRules.State state = rules.newState();
        Random random = new Random(3);
        List<Alert> alerts = new ArrayList<>();
        for (int m = 0; m < 15; m++) {
            List<SiteBaselineRules.SiteEvent> events = minute(m * MIN, random, false, "m" + m + "-");
            if (m >= 10) {
                // a quieter spell: a third fewer purchases
                events.removeIf(e -> e.type().equals("purchase") && e.eventId().hashCode() % 3 == 0);
            }
            alerts.addAll(rules.add(state, "shop", events, m));
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void trafficStallFiresOnlyWithABaselineAndEndsWhenEventsReturn() {
        AlertConfig cfg = config(Map.of("alert.site.stall-after", "30s"));
        SiteBaselineRules rules = new SiteBaselineRules(cfg);
        SiteBaselineRules.State fresh = rules.newState();
        rules.add(fresh, "shop", minute(0, new Random(4), false, "f-"), 1_000);
        assertThat(rules.checkStall(fresh, "shop", 1_000_000)).as("no baseline yet").isEmpty();

        SiteBaselineRules.State state = rules.newState();
        Random random = new Random(5);
        long now = 0;
        for (int m = 0; m < 5; m++) {
            now = 1_000_000 + m * MIN;
            rules.add(state, "shop", minute(m * MIN, random, false, "m" + m + "-"), now);
        }
        assertThat(rules.checkStall(state, "shop", now + 10_000)).as("not silent long enough").isEmpty();
        List<Alert> stall = rules.checkStall(state, "shop", now + 31_000);
        assertThat(stall).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("traffic_stall");
            assertThat(a.observed()).isEqualTo(31.0);
            assertThat(a.threshold()).isEqualTo(30.0);
            assertThat(a.episodeStartMillis()).isEqualTo(state.lastEventTs);
        });
        List<Alert> later = rules.checkStall(state, "shop", now + 61_000);
        assertThat(later.get(0).id()).isEqualTo(stall.get(0).id());
        assertThat(later.get(0).severity()).isEqualTo("critical");
        List<Alert> back = rules.add(state, "shop", minute(6 * MIN, random, false, "b-"), now + 90_000);
        assertThat(back).extracting(Alert::id).contains(stall.get(0).id());
        assertThat(rules.checkStall(state, "shop", now + 100_000)).isEmpty();
    }

    @Test
    void lateEventsForFinalBucketsAreDropped() {
        SiteBaselineRules rules = new SiteBaselineRules(AlertConfig.defaults());
        SiteBaselineRules.State state = rules.newState();
        rules.add(state, "shop", minute(0, new Random(6), false, "a-"), 0);
        long next = state.nextBucket;
        rules.add(state, "shop", List.of(new SiteBaselineRules.SiteEvent(next - 1, "late", "purchase", 1_000_000)), 1);
        assertThat(state.open.values().stream().mapToDouble(c -> c.revenue).sum()).isLessThan(1_000_000);
    }

    @Test
    void aSiteSilentForYearsCostsOneEmptyWindowNotMillionsOfBuckets() {
        SiteBaselineRules rules = new SiteBaselineRules(AlertConfig.defaults());
        SiteBaselineRules.State state = rules.newState();
        Random random = new Random(8);
        for (int m = 0; m < 5; m++) {
            rules.add(state, "shop", minute(m * MIN, random, false, "m" + m + "-"), m);
        }
        int history = state.history();
        long tenYears = 10L * 365 * 24 * 60 * MIN;
        long started = System.nanoTime();
        List<Alert> alerts = rules.add(state, "shop", minute(tenYears, random, false, "late-"), 6);
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
        assertThat(state.history() - history).isLessThan(20);
        // the silence itself was a (full) revenue drop
        assertThat(alerts).extracting(Alert::rule).contains("revenue_drop");
    }
}
