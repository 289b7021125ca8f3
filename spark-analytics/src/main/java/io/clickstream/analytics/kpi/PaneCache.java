package io.clickstream.analytics.kpi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The driver's copy of the recent panes of one run, and the one place where a micro-batch's partial
 * folds join them ({@link #merge}): every pane merged since the job started, plus the ones a window
 * needed and the {@link PaneStore} had (read once, including the fact that a pane has no events).
 * Panes older than the retention behind the newest one are dropped: no window that can still change
 * needs them.
 *
 * <p>The copy only ever holds what the store holds: a merged pane enters it once it is saved.
 */
final class PaneCache {

    private final PaneStore store;
    private final String run;
    private final long retentionMillis;
    private final int lgConfigK;
    private final TreeMap<Long, Optional<PaneStore.Stored>> panes = new TreeMap<>();

    PaneCache(PaneStore store, String run, long retentionMillis, int lgConfigK) {
        this.store = store;
        this.run = run;
        this.retentionMillis = retentionMillis;
        this.lgConfigK = lgConfigK;
    }

    String run() {
        return run;
    }

    /**
     * Adds micro-batch {@code batchId}'s partial folds (by pane start) to their panes and saves the
     * panes that changed. A pane whose stored batch is {@code batchId} or later already holds them: a
     * replay of a batch that was written before the job stopped leaves it as it is. Returns the panes
     * of {@code partials}, as they now are.
     */
    List<Pane> merge(long batchId, Map<Long, PaneFold> partials) {
        load(partials.keySet());
        List<PaneStore.Stored> changed = new ArrayList<>(partials.size());
        List<Pane> result = new ArrayList<>(partials.size());
        partials.forEach((start, partial) -> {
            Optional<PaneStore.Stored> stored = panes.get(start);
            if (stored.isPresent() && stored.get().batchId() >= batchId) {
                result.add(stored.get().pane());
                return;
            }
            PaneFold fold = stored.map(s -> PaneFold.of(s.pane(), lgConfigK)).orElseGet(() -> new PaneFold(lgConfigK));
            PaneStore.Stored merged = new PaneStore.Stored(fold.merge(partial).toPane(start), batchId);
            changed.add(merged);
            result.add(merged.pane());
        });
        store.save(run, changed);
        for (PaneStore.Stored pane : changed) {
            panes.put(pane.pane().startMillis(), Optional.of(pane));
        }
        return result;
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
        Map<Long, PaneStore.Stored> stored = store.load(run, unknown);
        for (Long start : unknown) {
            panes.put(start, Optional.ofNullable(stored.get(start)));
        }
    }

    /** The pane at {@code start}, {@code null} if it has no events (call {@link #load} first). */
    Pane get(long start) {
        Optional<PaneStore.Stored> pane = panes.get(start);
        return pane == null ? null : pane.map(PaneStore.Stored::pane).orElse(null);
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
