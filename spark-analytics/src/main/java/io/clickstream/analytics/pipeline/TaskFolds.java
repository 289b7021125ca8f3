package io.clickstream.analytics.pipeline;

import io.clickstream.analytics.alert.SiteBaselineRules;
import io.clickstream.analytics.kpi.PaneFold;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * What the stateful operator's buckets fold together within one Spark task: the pane folds (pane
 * start → {@link PaneFold}: events, and session sums) and the site sums (site and site bucket →
 * {@link SiteBaselineRules.BucketSum}). {@link OnePassProcessor} adds to them bucket after bucket;
 * {@link OnePass.PerTask}, which runs in the same task right after the operator, takes them
 * ({@link #takeThisTask}) once the operator's output is exhausted and writes them as rows.
 *
 * <p>Why not rows from each bucket: a micro-batch spreads over up to {@value OnePass#BUCKETS}
 * buckets, so a live batch of 10k events gave ~1,000 small partial folds per pane, each serialised
 * by the operator, read back and merged per task; the profile of a live run put that near a tenth of
 * the executors' time. Folding straight into one fold per pane and task does each event's work once.
 *
 * <p>The folds are keyed by the task attempt and dropped when the attempt ends; a retried attempt
 * starts from nothing, as its rows would. An attempt that succeeds without its folds taken fails
 * instead of losing them: the operator's output must reach {@link OnePass.PerTask} in the same task.
 */
final class TaskFolds {

    private static final Map<Long, TaskFolds> BY_ATTEMPT = new ConcurrentHashMap<>();

    private final Map<Long, PaneFold> panes = new HashMap<>();
    private final Map<String, SiteBaselineRules.BucketSum> sites = new LinkedHashMap<>();
    private boolean taken;

    /** The folds of the task running on this thread, created on first use. */
    static TaskFolds ofThisTask() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            throw new IllegalStateException("the one-pass operator's folds exist only inside a Spark task");
        }
        return BY_ATTEMPT.computeIfAbsent(task.taskAttemptId(), attempt -> {
            TaskFolds folds = new TaskFolds();
            task.addTaskCompletionListener((TaskCompletionListener) ended -> {
                BY_ATTEMPT.remove(attempt);
                if (!folds.taken && !ended.isFailed() && !folds.isEmpty()) {
                    throw new IllegalStateException("task attempt " + attempt + " folded pane partials that no "
                            + "OnePass.PerTask took: the one-pass operator's output must be merged per task");
                }
            });
            return folds;
        });
    }

    /** This task's folds, taken out (empty when the operator folded nothing in it). */
    static TaskFolds takeThisTask() {
        TaskContext task = TaskContext.get();
        TaskFolds folds = task == null ? null : BY_ATTEMPT.remove(task.taskAttemptId());
        if (folds == null) {
            return new TaskFolds();
        }
        folds.taken = true;
        return folds;
    }

    /** Pane start (epoch ms) → fold. */
    Map<Long, PaneFold> panes() {
        return panes;
    }

    /** Site and bucket start → sum. */
    Map<String, SiteBaselineRules.BucketSum> sites() {
        return sites;
    }

    private boolean isEmpty() {
        return panes.isEmpty() && sites.isEmpty();
    }
}
