package io.clickstream.analytics.testing;

import io.clickstream.analytics.kpi.InMemoryPaneStore;
import java.util.Collection;
import java.util.Map;

/** The in-memory pane store, counting loads and able to fail its saves as an unreachable Elasticsearch would. */
public final class MemoryPaneStore extends InMemoryPaneStore {

    private int loads;
    private boolean failSaves;

    @Override
    public synchronized Map<Long, Stored> load(String run, Collection<Long> starts) {
        loads++;
        return super.load(run, starts);
    }

    @Override
    public synchronized void save(String run, Collection<Stored> panes) {
        if (failSaves) {
            throw new IllegalStateException("store unavailable (test)");
        }
        super.save(run, panes);
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
