package io.clickstream.analytics.kpi;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Panes in a map, per run, overwritten like Elasticsearch documents by id: for a run whose panes need not outlive the JVM (the warm-up, tests). */
public class InMemoryPaneStore implements PaneStore {

    private final Map<String, Map<Long, Stored>> runs = new ConcurrentHashMap<>();

    @Override
    public synchronized Map<Long, Stored> load(String run, Collection<Long> starts) {
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
        Map<Long, Stored> stored = runs.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
        panes.forEach(p -> stored.put(p.pane().startMillis(), p));
    }
}
