package io.clickstream.analytics.kpi;

import java.util.Collection;
import java.util.Map;

/**
 * Where the panes live beyond the driver's memory: the KPI query's pane state (Elasticsearch in the
 * job, {@code sink.EsPaneStore}; a map in tests). Panes are kept per run: the id of the streaming
 * query, which stays the same across restarts from one checkpoint and changes with a fresh
 * checkpoint, so a fresh run never mixes in panes of an earlier one.
 *
 * <p>Each stored pane carries the micro-batch that last changed it: the KPI query merges a batch's
 * partial folds into a pane only if the stored pane is older than the batch, so a batch that Spark
 * replays after a crash (the same batch id, the same records) is not counted twice.
 */
public interface PaneStore {

    /** A pane and the micro-batch whose partial folds it includes last ({@code -1}: none). */
    record Stored(Pane pane, long batchId) {
    }

    /** The stored panes of {@code run} among {@code starts} (epoch ms), by start; absent ones are missing. */
    Map<Long, Stored> load(String run, Collection<Long> starts);

    /** Stores (overwrites) the panes; returns only when they are stored, throws otherwise. */
    void save(String run, Collection<Stored> panes);
}
