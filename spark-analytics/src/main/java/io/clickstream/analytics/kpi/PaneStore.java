package io.clickstream.analytics.kpi;

import java.util.Collection;
import java.util.Map;

/**
 * Where panes outlive the driver's memory, so that a restarted job can still assemble windows whose
 * older panes Spark has already evicted from its state (Elasticsearch in the job,
 * {@code sink.EsPaneStore}; a map in tests). Panes are kept per run: the id of the streaming query,
 * which stays the same across restarts from one checkpoint and changes with a fresh checkpoint, so
 * a fresh run never mixes in panes of an earlier one.
 */
public interface PaneStore {

    /** The stored panes of {@code run} among {@code starts} (epoch ms), by start; absent ones are missing. */
    Map<Long, Pane> load(String run, Collection<Long> starts);

    /** Stores (overwrites) the panes; returns only when they are stored, throws otherwise. */
    void save(String run, Collection<Pane> panes);
}
