package io.clickstream.analytics.testing;

import io.clickstream.analytics.kpi.Pane;
import io.clickstream.analytics.kpi.PaneStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Panes in a map, per run, overwritten like Elasticsearch documents by id. */
public final class MemoryPaneStore implements PaneStore {

    private final Map<String, Map<Long, Pane>> runs = new ConcurrentHashMap<>();
    private int loads;

    @Override
    public synchronized Map<Long, Pane> load(String run, Collection<Long> starts) {
        loads++;
        Map<Long, Pane> stored = runs.getOrDefault(run, Map.of());
        Map<Long, Pane> found = new HashMap<>();
        for (Long start : starts) {
            if (stored.containsKey(start)) {
                found.put(start, stored.get(start));
            }
        }
        return found;
    }

    @Override
    public synchronized void save(String run, Collection<Pane> panes) {
        Map<Long, Pane> stored = runs.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
        panes.forEach(p -> stored.put(p.startMillis(), p));
    }

    /** How often {@link #load} was called. */
    public synchronized int loads() {
        return loads;
    }
}
