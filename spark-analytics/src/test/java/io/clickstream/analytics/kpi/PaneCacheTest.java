package io.clickstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.clickstream.analytics.testing.MemoryPaneStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The driver's panes: what the store has, each micro-batch's partials merged in once. */
class PaneCacheTest {

    private static final long T0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
    private static final long SEC = 1000;
    private static final int LG_K = 12;
    private static final PaneFold.Fields FIELDS = new PaneFold.Fields(0, 1, 2, 3, 4, 5, 6);

    @Test
    void aFreshCacheReadsMissingPanesOnceFromTheStoreOfItsRunOnly() {
        MemoryPaneStore store = new MemoryPaneStore();
        Pane old = views(1).toPane(T0);
        store.save("run-a", List.of(new PaneStore.Stored(old, 3)));
        store.save("run-b", List.of(new PaneStore.Stored(views(7).toPane(T0 + 10 * SEC), 3)));

        PaneCache restarted = new PaneCache(store, "run-a", 3_600_000, LG_K);
        restarted.load(List.of(T0, T0 + 10 * SEC));
        restarted.load(List.of(T0, T0 + 10 * SEC));

        assertThat(restarted.get(T0)).isSameAs(old);
        assertThat(restarted.get(T0 + 10 * SEC)).as("another run's pane is not this run's").isNull();
        assertThat(store.loads()).as("known panes, and known absences, are not read again").isEqualTo(1);
    }

    @Test
    void aBatchsPartialsJoinEachPaneOnceEvenWhenTheBatchIsReplayed() {
        MemoryPaneStore store = new MemoryPaneStore();
        PaneCache cache = new PaneCache(store, "run", 3_600_000, LG_K);
        cache.merge(7, Map.of(T0, views(2), T0 + 10 * SEC, views(3)));
        cache.merge(8, Map.of(T0, views(5)));
        assertThat(cache.get(T0).pageViews()).isEqualTo(7);

        // The job stopped after batch 8's panes were saved but before Spark committed it: Spark replays
        // batch 8 (same partials) into a fresh driver.
        PaneCache restarted = new PaneCache(store, "run", 3_600_000, LG_K);
        List<Pane> replayed = restarted.merge(8, Map.of(T0, views(5)));
        restarted.merge(9, Map.of(T0, views(1), T0 + 10 * SEC, views(1)));

        assertThat(replayed).extracting(Pane::pageViews).containsExactly(7L);
        assertThat(restarted.get(T0).pageViews()).isEqualTo(8);
        assertThat(restarted.get(T0 + 10 * SEC).pageViews()).isEqualTo(4);
        assertThat(store.load("run", List.of(T0)).get(T0)).extracting(PaneStore.Stored::batchId).isEqualTo(9L);
    }

    @Test
    void aReplayMergesIntoThePanesTheFailedAttemptDidNotSave() {
        MemoryPaneStore store = new MemoryPaneStore();
        store.save("run", List.of(new PaneStore.Stored(views(4).toPane(T0), 8),
                new PaneStore.Stored(views(1).toPane(T0 + 10 * SEC), 7)));

        // Batch 8 saved the first pane before the job died, not the second.
        new PaneCache(store, "run", 3_600_000, LG_K).merge(8, Map.of(T0, views(4), T0 + 10 * SEC, views(2)));

        assertThat(store.load("run", List.of(T0, T0 + 10 * SEC)).values())
                .extracting(s -> s.pane().pageViews(), PaneStore.Stored::batchId)
                .containsExactlyInAnyOrder(tuple(4L, 8L), tuple(3L, 8L));
    }

    @Test
    void aPaneEntersTheCacheOnlyOnceSaved() {
        MemoryPaneStore store = new MemoryPaneStore();
        PaneCache cache = new PaneCache(store, "run", 3_600_000, LG_K);
        cache.merge(1, Map.of(T0, views(2)));
        store.failSaves(true);

        assertThatThrownBy(() -> cache.merge(2, Map.of(T0, views(3)))).hasMessageContaining("store unavailable");
        assertThat(cache.get(T0).pageViews()).as("the cache still holds what the store holds").isEqualTo(2);
        store.failSaves(false);
        cache.merge(2, Map.of(T0, views(3)));
        assertThat(cache.get(T0).pageViews()).isEqualTo(5);
    }

    @Test
    void theCacheDropsPanesBeyondTheRetention() {
        PaneCache cache = new PaneCache(new MemoryPaneStore(), "run", 60 * SEC, LG_K);
        cache.merge(1, Map.of(T0, views(1), T0 + 70 * SEC, views(1)));
        cache.evict();
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(T0 + 70 * SEC)).isNotNull();
    }

    /** A partial fold of {@code n} page views. */
    private static PaneFold views(int n) {
        PaneFold fold = new PaneFold(LG_K);
        for (int i = 0; i < n; i++) {
            fold.add(RowFactory.create("page_view", null, null, null, null, null, null), FIELDS);
        }
        return fold;
    }
}
