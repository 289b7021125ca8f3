package io.clickstream.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingCountRuleTest {

    private static final AlertConfig.UserRule BURST = new AlertConfig.UserRule("click_burst", "click", 20, Duration.ofSeconds(10));
    private final SlidingCountRule rule = new SlidingCountRule(BURST, 30_000, 2.0, 5);

    private static List<SlidingCountRule.TimedEvent> clicks(long start, int n, long spacingMillis, String prefix) {
        List<SlidingCountRule.TimedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SlidingCountRule.TimedEvent(start + i * spacingMillis, prefix + i));
        }
        return out;
    }

    @Test
    void twentyClicksInTenSecondsIsNotABurstButTwentyOneIs() {
        SlidingCountRule.State state = new SlidingCountRule.State();
        assertThat(rule.add(state, clicks(0, 20, 400, "a"))).isEmpty();

        List<SlidingCountRule.Episode> episodes = rule.add(state, clicks(8_000, 1, 0, "b"));
        assertThat(episodes).hasSize(1);
        SlidingCountRule.Episode ep = episodes.get(0);
        assertThat(ep.startMillis()).isEqualTo(8_000);
        assertThat(ep.maxObserved()).isEqualTo(21);
        assertThat(ep.sampleEventIds()).containsExactly("a0", "a1", "a2", "a3", "a4");
        Alert doc = rule.document("u1", ep, 99);
        assertThat(doc.id()).isEqualTo("alert|click_burst|u1|8000");
        assertThat(doc.severity()).isEqualTo("warning");
        assertThat(doc.threshold()).isEqualTo(20);
    }

    @Test
    void aStateReadBackFromItsBytesContinuesTheSameEpisode() {
        SlidingCountRule.State direct = new SlidingCountRule.State();
        SlidingCountRule.State stored = new SlidingCountRule.State();
        List<List<SlidingCountRule.TimedEvent>> batches = List.of(clicks(0, 15, 300, "f"), clicks(4_500, 10, 300, "g"),
                clicks(7_500, 5, 300, "h"), clicks(60_000, 25, 100, "i"));
        long watermark = 0;
        for (List<SlidingCountRule.TimedEvent> batch : batches) {
            List<SlidingCountRule.Episode> expected = rule.add(direct, batch);
            rule.evict(direct, watermark);
            stored = SlidingCountRule.decode(rule.encode(stored));
            List<SlidingCountRule.Episode> actual = rule.add(stored, batch);
            rule.evict(stored, watermark);
            byte[] bytes = rule.encode(stored);
            assertThat(SlidingCountRule.cleanupAtOf(bytes)).isEqualTo(rule.cleanupAt(stored));
            stored = SlidingCountRule.decode(bytes);
            assertThat(actual).extracting(e -> rule.document("u", e, 1)).isEqualTo(
                    expected.stream().map(e -> rule.document("u", e, 1)).toList());
            watermark = batch.get(batch.size() - 1).ts() - 5_000;
        }
        assertThat(stored.buffered()).isEqualTo(direct.buffered());
        assertThat(rule.encode(stored)).isEqualTo(rule.encode(direct));
    }

    @Test
    void windowIsHalfOpenSoClicksExactlyTenSecondsApartDoNotShareIt() {
        SlidingCountRule.State state = new SlidingCountRule.State();
        // 21 clicks, 500 ms apart: the first and the last are exactly 10 s apart.
        assertThat(rule.add(state, clicks(0, 21, 500, "c"))).isEmpty();
        assertThat(rule.add(state, clicks(9_999, 1, 0, "d"))).hasSize(1);
    }

    @Test
    void resentEventIdsAreCountedOnce() {
        SlidingCountRule.State state = new SlidingCountRule.State();
        List<SlidingCountRule.TimedEvent> twenty = clicks(0, 20, 100, "e");
        List<SlidingCountRule.TimedEvent> twice = new ArrayList<>(twenty);
        twice.addAll(twenty);
        assertThat(rule.add(state, twice)).isEmpty();
        assertThat(rule.add(state, twenty)).isEmpty();
        assertThat(state.buffered()).isEqualTo(20);
    }

    @Test
    void aBurstThatGoesOnIsOneGrowingEpisodeWhateverTheBatching() {
        List<SlidingCountRule.TimedEvent> bot = clicks(1_000, 300, 100, "bot"); // 10 clicks/s for 30 s
        List<Long> starts = new ArrayList<>();
        SlidingCountRule.Episode last = null;
        // Same events cut into batches of different sizes, shuffled inside each batch.
        for (int batchSize : new int[] {1, 7, 50, 300}) {
            SlidingCountRule.State state = new SlidingCountRule.State();
            List<SlidingCountRule.Episode> seen = new ArrayList<>();
            for (int i = 0; i < bot.size(); i += batchSize) {
                List<SlidingCountRule.TimedEvent> batch = new ArrayList<>(bot.subList(i, Math.min(bot.size(), i + batchSize)));
                Collections.shuffle(batch, new Random(i));
                seen.addAll(rule.add(state, batch));
                rule.evict(state, bot.get(Math.min(bot.size(), i + batchSize) - 1).ts() - 5_000);
            }
            assertThat(seen.stream().map(SlidingCountRule.Episode::startMillis).distinct()).hasSize(1);
            starts.add(seen.get(0).startMillis());
            last = seen.get(seen.size() - 1);
            // 10 clicks/s: 100 clicks in any 10 s window, five times the threshold.
            assertThat(last.maxObserved()).isEqualTo(100);
            assertThat(seen.get(seen.size() - 1).windowEndMillis()).isEqualTo(bot.get(bot.size() - 1).ts());
        }
        assertThat(starts).containsOnly(1_000 + 20 * 100L);
        assertThat(rule.document("bot", last, 0).severity()).isEqualTo("critical");
    }

    @Test
    void aBurstAfterAQuietGapIsANewEpisodeAndStateEmptiesAfterTheWatermarkPasses() {
        SlidingCountRule.State state = new SlidingCountRule.State();
        List<SlidingCountRule.Episode> first = rule.add(state, clicks(0, 25, 100, "x"));
        rule.evict(state, 20_000);
        // 25 s after the last exceedance: within the 30 s quiet gap, same episode.
        List<SlidingCountRule.Episode> second = rule.add(state, clicks(27_000, 25, 100, "y"));
        assertThat(second.get(0).startMillis()).isEqualTo(first.get(0).startMillis());
        rule.evict(state, 40_000);
        // 60 s later: a new episode with a new id.
        List<SlidingCountRule.Episode> third = rule.add(state, clicks(100_000, 25, 100, "z"));
        assertThat(third.get(0).startMillis()).isEqualTo(102_000);

        long cleanup = rule.cleanupAt(state);
        rule.evict(state, cleanup);
        assertThat(state.isEmpty()).isTrue();
        assertThat(rule.cleanupAt(state)).isEqualTo(-1);
    }

    @Test
    void eventsOlderThanTheEvictedHorizonAreIgnored() {
        SlidingCountRule.State state = new SlidingCountRule.State();
        rule.add(state, clicks(50_000, 1, 0, "new"));
        rule.evict(state, 45_000);
        assertThat(rule.add(state, clicks(0, 30, 10, "old"))).isEmpty();
        assertThat(state.buffered()).isEqualTo(1);
    }

    @Test
    void normalBrowsingNeverExceedsTheDefaults() {
        // A human: a page view, then up to 3 clicks, think times of at least 1 s, for ten minutes.
        Random random = new Random(7);
        SlidingCountRule.State state = new SlidingCountRule.State();
        List<SlidingCountRule.TimedEvent> clicks = new ArrayList<>();
        long t = 0;
        int n = 0;
        while (t < 600_000) {
            int k = random.nextInt(4);
            for (int i = 0; i < k; i++) {
                t += 1_000 + random.nextInt(4_000);
                clicks.add(new SlidingCountRule.TimedEvent(t, "h" + n++));
            }
            t += 1_000 + random.nextInt(10_000);
        }
        assertThat(rule.add(state, clicks)).isEmpty();
    }
}
