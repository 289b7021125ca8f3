package io.clickstream.analytics.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Sessions of one user key and session id, by hand: splitting by the gap, merging by a late event,
 * bounces, the funnel in event-time order, and retractions: whatever the arrival order and batching,
 * the sums reported per pane add up to those of the final sessions.
 */
class SessionSegmentsTest {

    private static final long GAP = 60_000;
    private static final long PANE = 10_000;
    private static final int STEPS = 3;
    private static final int VIEW = 1;
    private static final int CART = 2;
    private static final int BUY = 4;

    @Test
    void eventsFurtherApartThanTheGapSplitAndALateEventBetweenThemMerges() {
        SessionSegments s = SessionSegments.empty();
        Map<Long, SessionTally> first = add(s, view(1_000), view(110_000));
        assertThat(s.sessions()).extracting(a -> a[0]).containsExactly(1_000L, 110_000L);
        assertThat(first).containsOnlyKeys(0L, 110_000L);
        assertThat(first.get(0L)).isEqualTo(new SessionTally(1, 1, 0, 1, 1, new long[] {1, 0, 0}));

        Map<Long, SessionTally> merged = add(s, view(55_000));
        assertThat(s.sessions()).hasSize(1);
        assertThat(s.sessions().get(0)).containsExactly(1_000L, 110_000L, 3L, 3L);
        // both bounced sessions retracted, the merged one (109 s, 3 pages, not bounced) added at the later end
        assertThat(merged.get(0L)).isEqualTo(new SessionTally(-1, -1, 0, -1, -1, new long[] {-1, 0, 0}));
        assertThat(merged.get(110_000L)).isEqualTo(new SessionTally(0, -1, 109_000, 2, 0, new long[] {0, 0, 0}));
    }

    @Test
    void aSessionIsBouncedOnlyWhenItIsOnePageView() {
        SessionSegments click = SessionSegments.empty();
        assertThat(add(click, new SessionSegments.Event(5_000, false, 0)).get(0L).bounced()).isZero();
        SessionSegments view = SessionSegments.empty();
        assertThat(add(view, view(5_000)).get(0L).bounced()).isEqualTo(1);
        Map<Long, SessionTally> grown = add(view, new SessionSegments.Event(6_000, false, 0));
        assertThat(grown.get(0L)).isEqualTo(new SessionTally(0, -1, 1_000, 0, 0, new long[0]));
    }

    @Test
    void theFunnelCountsStepsInEventTimeOrder() {
        SessionSegments s = SessionSegments.empty();
        // a cart before the first view does not count; a purchase after it without a cart neither
        assertThat(total(add(s, cart(1_000), view(2_000), buy(3_000))).reached(1)).isEqualTo(1);
        assertThat(reachedOf(s)).isEqualTo(1);
        // a late cart between the view and the purchase completes the funnel
        add(s, cart(2_500));
        assertThat(reachedOf(s)).isEqualTo(3);
        // equal times count as in order
        SessionSegments same = SessionSegments.empty();
        add(same, buy(7_000), cart(7_000), view(7_000));
        assertThat(reachedOf(same)).isEqualTo(3);
    }

    @Test
    void aFilteredStepMatchesOnlyMatchingEvents() {
        Funnel funnel = Funnel.parse("checkout", "page_view[page.path=/product/*],add_to_cart,purchase");
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("type", "string").add("page_path", "string");
        Funnel.Matcher matcher = funnel.bind(schema);
        assertThat(matcher.mask(org.apache.spark.sql.RowFactory.create("page_view", "/product/p-1"))).isEqualTo(1);
        assertThat(matcher.mask(org.apache.spark.sql.RowFactory.create("page_view", "/home"))).isZero();
        assertThat(matcher.mask(org.apache.spark.sql.RowFactory.create("page_view", null))).isZero();
        assertThat(matcher.mask(org.apache.spark.sql.RowFactory.create("purchase", null))).isEqualTo(4);
    }

    @Test
    void closingKeepsTheSessionCountedButNoLongerOpenAndDropsItsState() {
        SessionSegments s = SessionSegments.empty();
        add(s, view(1_000), view(200_000));
        Map<Long, SessionTally> closed = new TreeMap<>();
        assertThat(s.closeExpired(61_000, GAP, PANE, pane -> closed.computeIfAbsent(pane, p -> new SessionTally()))).isTrue();
        assertThat(closed).isEmpty();
        assertThat(s.closeExpired(61_001, GAP, PANE, pane -> closed.computeIfAbsent(pane, p -> new SessionTally()))).isTrue();
        assertThat(closed).containsOnlyKeys(0L);
        assertThat(closed.get(0L)).isEqualTo(new SessionTally(0, 0, 0, 0, -1, new long[0]));
        assertThat(s.sessions()).hasSize(1);
        assertThat(SessionSegments.earliestEndOf(s.encode())).isEqualTo(200_000L);
    }

    /**
     * Any arrival order and any batching of the same events: the reported sums add up to those of the
     * sessions computed from all events at once, and the bytes round-trip between batches.
     */
    @Test
    void retractionsMakeTheSumsIndependentOfArrivalOrderAndBatching() {
        Random random = new Random(20);
        for (int round = 0; round < 300; round++) {
            List<SessionSegments.Event> events = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(4);
                long ts = random.nextInt(300) * 1_000L;
                events.add(new SessionSegments.Event(ts, kind == 0, kind == 0 ? VIEW : kind == 1 ? CART : kind == 2 ? BUY : 0));
            }
            Map<Long, SessionTally> expected = add(SessionSegments.empty(), events.stream()
                    .sorted((a, b) -> Long.compare(a.ts(), b.ts())).toArray(SessionSegments.Event[]::new));

            List<SessionSegments.Event> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            Map<Long, SessionTally> sums = new TreeMap<>();
            byte[] stored = null;
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(3));
                SessionSegments s = stored == null ? SessionSegments.empty() : SessionSegments.decode(stored);
                s.add(shuffled.subList(from, to), GAP, PANE, STEPS, pane -> sums.computeIfAbsent(pane, p -> new SessionTally()));
                stored = s.encode();
                from = to;
            }
            sums.values().removeIf(SessionTally::isEmpty);
            assertThat(sums).as("events %s", events).isEqualTo(new TreeMap<>(expected));
        }
    }

    private static SessionSegments.Event view(long ts) {
        return new SessionSegments.Event(ts, true, VIEW);
    }

    private static SessionSegments.Event cart(long ts) {
        return new SessionSegments.Event(ts, false, CART);
    }

    private static SessionSegments.Event buy(long ts) {
        return new SessionSegments.Event(ts, false, BUY);
    }

    private static Map<Long, SessionTally> add(SessionSegments s, SessionSegments.Event... events) {
        Map<Long, SessionTally> out = new TreeMap<>();
        s.add(List.of(events), GAP, PANE, STEPS, pane -> out.computeIfAbsent(pane, p -> new SessionTally()));
        out.values().removeIf(SessionTally::isEmpty);
        return out;
    }

    private static SessionTally total(Map<Long, SessionTally> tallies) {
        SessionTally sum = new SessionTally();
        tallies.values().forEach(sum::add);
        return sum;
    }

    /** The steps the (single) session is counted as reaching. */
    private static int reachedOf(SessionSegments s) {
        assertThat(s.sessions()).hasSize(1);
        return s.countedReached(0);
    }
}
