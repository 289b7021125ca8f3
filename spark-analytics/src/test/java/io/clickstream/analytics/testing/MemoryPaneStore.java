package io.clickstream.analytics.testing;

import io.clickstream.analytics.kpi.PaneStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Panes in a map, per run, overwritten like Elasticsearch documents by id. */
public final class MemoryPaneStore implements PaneStore {

    private final Map<String, Map<Long, Stored>> runs = new ConcurrentHashMap<>();
    private int loads;
    private boolean failSaves;

    @Override
    public synchronized Map<Long, Stored> load(String run, Collection<Long> starts) {
        loads++;
        Map<Long, Stored> stored = runs.getOrDefault(run, Map.of());
        Map<Long, Stored> found = new HashMap<>();
        for (Long start : starts) {
            if (stored.containsKey(start)) {
                found.put(start, stored.get(start));
            }
        }
        return found;
    }

    @Override
    public synchronized void save(String run, Collection<Stored> panes) {
        if (failSaves) {
            throw new IllegalStateException("store unavailable (test)");
        }
        Map<Long, Stored> stored = runs.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
        panes.forEach(p -> stored.put(p.pane().startMillis(), p));
    }

    /** Makes every {@link #save} throw (or not), as an unreachable Elasticsearch would. */
    public synchronized void failSaves(boolean fail) {
        failSaves = fail;
    }

    /** How often {@link #load} was called. */
    public synchronized int loads() {
        return loads;
    }
}
