package io.clickstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {

    private static final long T0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
    private static final long SEC = 1000;
    private static final KpiWindow SLIDING = KpiWindow.sliding("60s/10s", Duration.ofSeconds(60), Duration.ofSeconds(10));
    private static final int LG_K = 12;
    private final WindowAssembler assembler = new WindowAssembler(List.of(SLIDING, KpiWindow.HOURLY), 10 * SEC, 2, LG_K);

    @Test
    void aPaneBelongsToSixSlidingWindowsAndOneHour() {
        List<WindowAssembler.WindowRef> windows = assembler.windowsContaining(T0 + 20 * SEC);
        assertThat(windows).containsExactly(
                new WindowAssembler.WindowRef(SLIDING, T0 + 20 * SEC),
                new WindowAssembler.WindowRef(SLIDING, T0 + 10 * SEC),
                new WindowAssembler.WindowRef(SLIDING, T0),
                new WindowAssembler.WindowRef(SLIDING, T0 - 10 * SEC),
                new WindowAssembler.WindowRef(SLIDING, T0 - 20 * SEC),
                new WindowAssembler.WindowRef(SLIDING, T0 - 30 * SEC),
                new WindowAssembler.WindowRef(KpiWindow.HOURLY, T0));
        assertThat(assembler.paneStarts(new WindowAssembler.WindowRef(SLIDING, T0 - 30 * SEC)))
                .containsExactly(T0 - 30 * SEC, T0 - 20 * SEC, T0 - 10 * SEC, T0, T0 + 10 * SEC, T0 + 20 * SEC);
        assertThat(assembler.paneStarts(new WindowAssembler.WindowRef(KpiWindow.HOURLY, T0))).hasSize(360);
    }

    @Test
    void aWindowIsTheSumOfItsPanes() {
        Map<Long, Pane> panes = new HashMap<>();
        panes.put(T0, pane(T0, 3, 1, "12.50", sketch("u1", "u2"), List.of(entry("/home", 2), entry("/cart", 1)),
                List.of(new TopN.Entry("p-1", 2, 2500))));
        panes.put(T0 + 50 * SEC, pane(T0 + 50 * SEC, 2, 0, "0.10", sketch("u2", "u3"), List.of(entry("/cart", 2)),
                List.of(new TopN.Entry("p-2", 1, 10))));
        panes.put(T0 + 60 * SEC, pane(T0 + 60 * SEC, 100, 0, "99.00", sketch("u9"), List.of(entry("/x", 100)), List.of()));

        WindowKpis w = assembler.assemble(new WindowAssembler.WindowRef(SLIDING, T0), panes::get);

        assertThat(w.granularity()).isEqualTo("60s/10s");
        assertThat(w.windowStart()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(w.windowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 60 * SEC));
        assertThat(w.pageViews()).isEqualTo(5);
        assertThat(w.purchases()).isEqualTo(1);
        assertThat(w.orders()).isEqualTo(1);
        assertThat(w.revenue()).isEqualByComparingTo("12.60");
        assertThat(w.uniqueVisitors()).as("u1, u2, u3: the sketches are united, not added").isEqualTo(3);
        // /cart 3 beats /home 2 once both panes are merged.
        assertThat(w.topPages()).containsExactly(entry("/cart", 3), entry("/home", 2));
        assertThat(w.topProducts()).containsExactly(new TopN.Entry("p-1", 2, 2500), new TopN.Entry("p-2", 1, 10));
        assertThat(assembler.assemble(new WindowAssembler.WindowRef(SLIDING, T0 + 120 * SEC), panes::get))
                .as("no pane, no window").isNull();
    }

    @Test
    void windowsMustBeWholePanes() {
        assertThatThrownBy(() -> new WindowAssembler(
                List.of(KpiWindow.sliding("45s/15s", Duration.ofSeconds(45), Duration.ofSeconds(15))), 10 * SEC, 10, LG_K))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000 ms panes");
    }

    @Test
    void hyperLogLogSizeFollowsTheRequestedError() {
        assertThat(KpiAggregation.lgConfigK(0.05)).isEqualTo(9);
        assertThat(KpiAggregation.lgConfigK(0.01)).isEqualTo(14);
        assertThat(KpiAggregation.lgConfigK(0.3)).isEqualTo(4);
    }

    private static TopN.Entry entry(String key, long count) {
        return new TopN.Entry(key, count, 0);
    }

    private static byte[] sketch(String... users) {
        HllSketch sketch = new HllSketch(LG_K);
        for (String u : users) {
            sketch.update(u);
        }
        return sketch.toCompactByteArray();
    }

    private static Pane pane(long start, long pageViews, long purchases, String revenue, byte[] visitors,
                             List<TopN.Entry> pages, List<TopN.Entry> products) {
        return new Pane(start, pageViews, 0, 0, purchases, purchases, new BigDecimal(revenue), visitors, pages, products);
    }
}
