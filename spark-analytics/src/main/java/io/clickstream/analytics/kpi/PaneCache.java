package io.clickstream.analytics.kpi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The driver's copy of the recent panes of one run: every pane Spark emitted since the job started,
 * plus the ones a window needed and the {@link PaneStore} had (read once, including the fact that a
 * pane has no events). Panes older than the retention behind the newest one are dropped: no window
 * that can still change needs them.
 */
final class PaneCache {

    private final PaneStore store;
    private final String run;
    private final long retentionMillis;
    private final TreeMap<Long, Optional<Pane>> panes = new TreeMap<>();

    PaneCache(PaneStore store, String run, long retentionMillis) {
        this.store = store;
        this.run = run;
        this.retentionMillis = retentionMillis;
    }

    String run() {
        return run;
    }

    /** Stores the panes Spark emitted, then keeps them. */
    void update(Collection<Pane> updated) {
        store.save(run, updated);
        for (Pane p : updated) {
            panes.put(p.startMillis(), Optional.of(p));
        }
    }

    /** Makes sure every start in {@code starts} is known, reading the unknown ones from the store at once. */
    void load(Collection<Long> starts) {
        List<Long> unknown = new ArrayList<>();
        for (Long start : starts) {
            if (!panes.containsKey(start)) {
                unknown.add(start);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        Map<Long, Pane> stored = store.load(run, unknown);
        for (Long start : unknown) {
            panes.put(start, Optional.ofNullable(stored.get(start)));
        }
    }

    /** The pane at {@code start}, {@code null} if it has no events (call {@link #load} first). */
    Pane get(long start) {
        Optional<Pane> pane = panes.get(start);
        return pane == null ? null : pane.orElse(null);
    }

    /** Drops panes older than the retention behind the newest known pane. */
    void evict() {
        if (!panes.isEmpty()) {
            panes.headMap(panes.lastKey() - retentionMillis).clear();
        }
    }

    int size() {
        return panes.size();
    }
}
