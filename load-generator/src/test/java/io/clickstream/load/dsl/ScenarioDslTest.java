package io.clickstream.load.dsl;

import static io.clickstream.load.dsl.Chain.chain;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.EventType;
import io.clickstream.event.Page;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioDslTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final EventFactory VIEW = s -> Events.pageView(s, new Page("https://x/", "/", null, null), null);
    private static final EventFactory CLICK = s -> Events.click(s, new Page("https://x/", "/", null, null), "#b");

    private static Session session(long index) {
        return new Session(index, Session.randomFor(7, index, 0), T0, 0, 3_600_000_000_000L, false, "t");
    }

    @Test
    void execEmitsAtVirtualTimeAndPauseAdvancesWithinBounds() {
        Scenario sc = Scenario.scenario("s", chain().exec(VIEW).pause(2, 2).exec(CLICK).pause(1, 3).exec(CLICK));
        for (int i = 0; i < 200; i++) {
            Session s = sc.play(session(i));
            assertThat(s.emitted()).extracting(e -> e.type())
                    .containsExactly(EventType.PAGE_VIEW, EventType.CLICK, EventType.CLICK);
            assertThat(s.emitted().get(0).ts()).isEqualTo(T0);
            assertThat(s.emitted().get(1).ts()).isEqualTo(T0.plusSeconds(2));
            long gap = s.emittedAt().get(2) - s.emittedAt().get(1);
            assertThat(gap).isBetween(1_000_000_000L, 3_000_000_000L);
        }
    }

    @Test
    void proceedWithIsAFunnelStep() {
        Scenario sc = Scenario.scenario("s", chain().exec(VIEW).proceedWith(0.25).exec(CLICK));
        int proceeded = 0;
        int n = 8000;
        for (int i = 0; i < n; i++) {
            if (sc.play(session(i)).emitted().size() == 2) {
                proceeded++;
            }
        }
        assertThat(proceeded / (double) n).isBetween(0.23, 0.27);
        assertThat(Scenario.scenario("s", chain().exec(VIEW).proceedWith(0).exec(CLICK)).play(session(1)).emitted()).hasSize(1);
        assertThat(Scenario.scenario("s", chain().exec(VIEW).proceedWith(1).exec(CLICK)).play(session(1)).emitted()).hasSize(2);
    }

    @Test
    void repeatAndChance() {
        Scenario fixed = Scenario.scenario("s", chain().repeat(5, chain().exec(CLICK).pause(1, 1)));
        assertThat(fixed.play(session(3)).emitted()).hasSize(5);
        Scenario ranged = Scenario.scenario("s", chain().repeat(2, 4, chain().exec(CLICK)));
        for (int i = 0; i < 100; i++) {
            assertThat(ranged.play(session(i)).emitted().size()).isBetween(2, 4);
        }
        Scenario never = Scenario.scenario("s", chain().chance(0, chain().exec(CLICK)).exec(VIEW));
        assertThat(never.play(session(1)).emitted()).extracting(e -> e.type()).containsExactly(EventType.PAGE_VIEW);
    }

    @Test
    void randomSwitchFollowsWeights() {
        Scenario sc = Scenario.scenario("s", chain().randomSwitch(java.util.List.of(3.0, 1.0),
                java.util.List.of(chain().exec(VIEW), chain().exec(CLICK))));
        int views = 0;
        for (int i = 0; i < 4000; i++) {
            if (sc.play(session(i)).emitted().get(0).type() == EventType.PAGE_VIEW) {
                views++;
            }
        }
        assertThat(views / 4000.0).isBetween(0.72, 0.78);
    }

    @Test
    void journeyIsCutOffAtTheHorizon() {
        Scenario sc = Scenario.scenario("s", chain().repeat(100, chain().exec(CLICK).pause(1, 1)));
        Session s = new Session(0, Session.randomFor(1, 0, 0), T0, 0, 10_000_000_000L, false, "t");
        assertThat(sc.play(s).emitted()).hasSize(11); // t = 0 … 10 s inclusive
    }

    @Test
    void meanEventsPerUserIsStable() {
        Scenario sc = Scenario.scenario("s", chain().exec(VIEW).proceedWith(0.5).exec(CLICK));
        assertThat(sc.meanEventsPerUser(4000)).isEqualTo(sc.meanEventsPerUser(4000)).isBetween(1.45, 1.55);
    }
}
