package io.clickstream.analytics.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site-level rules ({@link SiteBaselineRules}) run on the driver of the one-pass job, fed the
 * per-site bucket sums ({@link SiteBaselineRules.BucketSum}) of each micro-batch. Sites are a
 * handful of keys, so their state is a small map kept in memory and saved after every micro-batch
 * under the batch's id ({@link SiteStateStore}); a batch starts from the state saved by the batch
 * before it, so a replayed batch (after a crash, or a restart from the checkpoint) computes the same
 * alerts again instead of counting its events twice.
 *
 * <p>{@code traffic_stall} needs processing time to pass without any event, when no micro-batch
 * runs: {@link #checkStalls} is called on a timer between batches. Thread-safe.
 */
public final class SiteRulesOnDriver {

    private final SiteBaselineRules rules;
    private final SiteStateStore store;
    private final int sampleSize;
    private final long stallAfterMillis;
    private Map<String, SiteBaselineRules.State> states;
    private long lastBatch = Long.MIN_VALUE;
    private final Map<String, Long> nextStallCheck = new HashMap<>();

    public SiteRulesOnDriver(AlertConfig config, SiteStateStore store) {
        this.rules = new SiteBaselineRules(config);
        this.store = store;
        this.sampleSize = config.sampleSize();
        this.stallAfterMillis = config.site().stallAfter().toMillis();
    }

    /** The bucket sums of one micro-batch (any order, partial sums of one site and bucket allowed) → alerts. */
    public synchronized List<Alert> onBatch(long batchId, Collection<SiteBaselineRules.BucketSum> sums, long nowMillis)
            throws Exception {
        if (states == null || lastBatch != batchId - 1) {
            // First batch of this driver, or a replay: start from what the previous batch left.
            states = store.loadBefore(batchId);
        }
        Map<String, Map<Long, SiteBaselineRules.BucketSum>> bySite = new LinkedHashMap<>();
        for (SiteBaselineRules.BucketSum sum : sums) {
            bySite.computeIfAbsent(sum.site(), s -> new HashMap<>())
                    .merge(sum.start(), sum, (a, b) -> a.merge(b, sampleSize));
        }
        List<Alert> out = new ArrayList<>();
        for (Map.Entry<String, Map<Long, SiteBaselineRules.BucketSum>> site : bySite.entrySet()) {
            SiteBaselineRules.State state = states.computeIfAbsent(site.getKey(), s -> rules.newState());
            out.addAll(rules.addBuckets(state, site.getKey(), site.getValue().values(), nowMillis));
            nextStallCheck.put(site.getKey(), nowMillis + stallAfterMillis);
        }
        if (!bySite.isEmpty()) {
            store.save(batchId, states);
        }
        lastBatch = batchId;
        return out;
    }

    /**
     * {@code traffic_stall} for every site silent for {@code stall-after} (processing time), checked
     * again every {@code stall-after} while the silence lasts (the episode's document grows).
     */
    public synchronized List<Alert> checkStalls(long nowMillis) {
        if (states == null) {
            return List.of();
        }
        List<Alert> out = new ArrayList<>();
        for (Map.Entry<String, SiteBaselineRules.State> site : states.entrySet()) {
            long due = nextStallCheck.getOrDefault(site.getKey(),
                    site.getValue().lastEventProcessingMillis + stallAfterMillis);
            if (nowMillis >= due) {
                out.addAll(rules.checkStall(site.getValue(), site.getKey(), nowMillis));
                nextStallCheck.put(site.getKey(), nowMillis + stallAfterMillis);
            }
        }
        return out;
    }
}
