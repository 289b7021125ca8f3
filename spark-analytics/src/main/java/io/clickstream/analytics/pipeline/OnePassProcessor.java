package io.clickstream.analytics.pipeline;

import io.clickstream.analytics.alert.Alert;
import io.clickstream.analytics.alert.AlertConfig;
import io.clickstream.analytics.alert.SiteBaselineRules;
import io.clickstream.analytics.alert.SlidingCountRule;
import io.clickstream.analytics.kpi.FirstOccurrence;
import io.clickstream.analytics.kpi.PaneFold;
import io.clickstream.analytics.kpi.PanePartials;
import io.clickstream.analytics.session.SessionTally;
import io.clickstream.analytics.session.SessionTracker;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.MapState;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The job's one stateful operator ({@code transformWithState}, event time), keyed by a bucket of the
 * user key ({@link OnePass#BUCKETS}; Kafka records are keyed by user, so a re-sent event lands in the
 * same bucket), doing per micro-batch and bucket everything that needs state or a whole event:
 * <ol>
 *   <li>de-duplication: the first row of each key ({@code event_id}; {@code order.id} for purchases)
 *       passes, a repeat is dropped until the watermark passes the first row's {@code ts} plus the
 *       watermark delay (the rule of {@link FirstOccurrence});</li>
 *   <li>the first occurrences folded into the task's pane folds ({@link PanePartials#foldInto}, {@link TaskFolds});</li>
 *   <li>the per-user rules ({@link SlidingCountRule}: {@code click_burst}, {@code page_view_flood}),
 *       one state per rule and user in a map state of the bucket;</li>
 *   <li>the first occurrences summed per site and site bucket ({@link SiteBaselineRules.BucketSum}, in
 *       the task's {@link TaskFolds}) for the site rules on the driver;</li>
 *   <li>sessions and the funnel ({@link SessionTracker}): one state per user key and {@code session_id}
 *       in a map state of the bucket, its changes as session sums in the task's pane folds;</li>
 *   <li>rejected records passed through.</li>
 * </ol>
 * Output: the alerts and rejects, rows of {@link OnePass#OUTPUT}; the folds leave the task through
 * {@link OnePass.PerTask}. Each bucket sweeps its expired keys and idle users' rule
 * states on an event-time timer about every two watermark delays.
 *
 * <p>The user rules accept {@code alert.watermark} of lateness (by default the KPIs' own): Spark's
 * watermark is the newest event time read in earlier batches minus the delay, so a shorter
 * {@code alert.watermark} makes the user rules' watermark the operator's plus the difference of the
 * two delays.
 */
final class OnePassProcessor extends StatefulProcessor<Integer, Row, Row> {

    private final OnePass.InputFields in;
    private final long delayMillis;
    private final long sweepMillis;
    private final long userLatenessGapMillis;
    private final PanePartials panes;
    private final AlertConfig alerts;
    /** {@code null}: no sessions ({@code --no-sessions}; their map state is still declared, so the checkpoint's schema stays one). */
    private final SessionTracker sessionTracker;
    private transient List<SlidingCountRule> rules;
    /** User key and session id → {@code SessionSegments#encode}. */
    private transient MapState<String, byte[]> sessions;
    /** Per rule: user key → {@link SlidingCountRule#encode}. */
    private transient Map<String, MapState<String, byte[]>> userStates;
    private transient SiteBaselineRules siteRules;
    private transient MapState<String, Long> expiries;
    private transient ValueState<Long> sweepAt;

    OnePassProcessor(OnePass.InputFields in, long delayMillis, long sweepMillis, PanePartials panes, AlertConfig alerts,
                     SessionTracker sessionTracker) {
        this.in = in;
        this.delayMillis = delayMillis;
        this.sweepMillis = sweepMillis;
        this.userLatenessGapMillis = Math.max(0, delayMillis - alerts.watermark().toMillis());
        this.panes = panes;
        this.alerts = alerts;
        this.sessionTracker = sessionTracker;
    }

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        expiries = getHandle().getMapState("expiries", Encoders.STRING(), Encoders.LONG(), TTLConfig.NONE());
        sweepAt = getHandle().getValueState("sweep_at", Encoders.LONG(), TTLConfig.NONE());
        sessions = getHandle().getMapState("sessions", Encoders.STRING(), Encoders.BINARY(), TTLConfig.NONE());
        rules = new ArrayList<>();
        userStates = new HashMap<>();
        for (AlertConfig.UserRule rule : alerts.userRules()) {
            rules.add(SlidingCountRule.of(rule, alerts));
            userStates.put(rule.name(), getHandle().getMapState("user_" + rule.name(), Encoders.STRING(),
                    Encoders.BINARY(), TTLConfig.NONE()));
        }
        siteRules = new SiteBaselineRules(alerts);
    }

    @Override
    public Iterator<Row> handleInputRows(Integer bucket, Iterator<Row> rows, TimerValues timers) {
        long watermark = timers.getCurrentWatermarkInMs();
        List<Row> out = new ArrayList<>();
        List<Row> first = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (!row.isNullAt(in.reject())) {
                out.add(OnePass.rejectRow(row.getStruct(in.reject())));
                continue;
            }
            String key = OnePass.dedupKey(row, in);
            Long expiry = expiries.getValue(key);
            if (expiry != null && !FirstOccurrence.expired(expiry, watermark)) {
                continue;
            }
            expiries.updateValue(key, row.getTimestamp(in.ts()).getTime() + delayMillis);
            first.add(row);
        }
        if (!first.isEmpty()) {
            TaskFolds task = TaskFolds.ofThisTask();
            panes.foldInto(first, task.panes());
            if (sessionTracker != null) {
                sessionTracker.apply(first, sessions).forEach((pane, tally) -> panes.addSessions(pane, tally, task.panes()));
            }
            siteSums(first, task.sites());
            userRules(first, watermark, timers.getCurrentProcessingTimeInMs(), out);
            if (!sweepAt.exists()) {
                scheduleSweep(bucket, watermark);
            }
        }
        return CollectionConverters.asScala(out.iterator());
    }

    /** Adds the first occurrences to the task's sums per site and site bucket ({@code sums}). */
    private void siteSums(List<Row> first, Map<String, SiteBaselineRules.BucketSum> sums) {
        for (Row row : first) {
            String site = row.isNullAt(in.site()) ? OnePass.DEFAULT_SITE : row.getString(in.site());
            long ts = row.getTimestamp(in.ts()).getTime();
            long start = siteRules.bucketOf(ts);
            BigDecimal revenue = row.getDecimal(in.revenue());
            sums.computeIfAbsent(site + '\u0000' + start, k -> new SiteBaselineRules.BucketSum(site, start))
                    .add(new SiteBaselineRules.SiteEvent(ts, row.getString(in.eventId()), row.getString(in.type()),
                            revenue == null ? 0.0 : revenue.doubleValue()), alerts.sampleSize());
        }
    }

    private void userRules(List<Row> first, long watermark, long now, List<Row> out) {
        long userWatermark = userWatermark(watermark);
        Map<String, Map<String, List<SlidingCountRule.TimedEvent>>> byUser = new LinkedHashMap<>();
        for (Row row : first) {
            long ts = row.getTimestamp(in.ts()).getTime();
            if (row.isNullAt(in.userKey()) || (userWatermark > 0 && ts <= userWatermark)) {
                continue; // late for the user rules, which accept less lateness than the KPIs
            }
            byUser.computeIfAbsent(row.getString(in.userKey()), u -> new HashMap<>())
                    .computeIfAbsent(row.getString(in.type()), t -> new ArrayList<>())
                    .add(new SlidingCountRule.TimedEvent(ts, row.getString(in.eventId())));
        }
        for (Map.Entry<String, Map<String, List<SlidingCountRule.TimedEvent>>> user : byUser.entrySet()) {
            for (SlidingCountRule rule : rules) {
                List<SlidingCountRule.TimedEvent> events = user.getValue().get(rule.rule().eventType());
                if (events == null) {
                    continue;
                }
                MapState<String, byte[]> states = userStates.get(rule.rule().name());
                byte[] stored = states.getValue(user.getKey());
                SlidingCountRule.State state = stored == null ? new SlidingCountRule.State()
                        : SlidingCountRule.decode(stored);
                for (SlidingCountRule.Episode episode : rule.add(state, events)) {
                    Alert alert = rule.document(user.getKey(), episode, now);
                    out.add(OnePass.alertRow(alert));
                }
                rule.evict(state, userWatermark);
                if (state.isEmpty()) {
                    states.removeKey(user.getKey());
                } else {
                    states.updateValue(user.getKey(), rule.encode(state));
                }
            }
        }
    }

    private long userWatermark(long watermark) {
        return watermark <= 0 ? watermark : watermark + userLatenessGapMillis;
    }

    @Override
    public Iterator<Row> handleExpiredTimer(Integer bucket, TimerValues timers, ExpiredTimerInfo expiredTimerInfo) {
        long watermark = timers.getCurrentWatermarkInMs();
        List<String> gone = new ArrayList<>();
        boolean remaining = false;
        Iterator<Tuple2<String, Long>> entries = expiries.iterator();
        while (entries.hasNext()) {
            Tuple2<String, Long> entry = entries.next();
            if (FirstOccurrence.expired(entry._2(), watermark)) {
                gone.add(entry._1());
            } else {
                remaining = true;
            }
        }
        gone.forEach(expiries::removeKey);
        long userWatermark = userWatermark(watermark);
        for (SlidingCountRule rule : rules) {
            // A state eviction would empty is dropped; the others are left as they are: what they hold
            // behind the watermark can no longer reach a window (add ignores late events, and evicts
            // after adding), so rewriting them here would only cost a decode and a write.
            MapState<String, byte[]> states = userStates.get(rule.rule().name());
            List<String> idle = new ArrayList<>();
            Iterator<Tuple2<String, byte[]>> users = states.iterator();
            while (users.hasNext()) {
                Tuple2<String, byte[]> user = users.next();
                if (userWatermark > 0 && SlidingCountRule.cleanupAtOf(user._2()) <= userWatermark) {
                    idle.add(user._1());
                } else {
                    remaining = true;
                }
            }
            idle.forEach(states::removeKey);
        }
        Map<Long, SessionTally> closed = new HashMap<>();
        if (sessionTracker != null) {
            remaining |= sessionTracker.sweep(sessions, watermark, closed);
        }
        if (!closed.isEmpty()) {
            Map<Long, PaneFold> folds = TaskFolds.ofThisTask().panes();
            closed.forEach((pane, tally) -> panes.addSessions(pane, tally, folds));
        }
        if (remaining) {
            scheduleSweep(bucket, watermark);
        } else {
            sweepAt.clear();
        }
        return CollectionConverters.asScala(Collections.<Row>emptyIterator());
    }

    /** The next sweep one period after the watermark, offset per bucket so buckets sweep in different batches. */
    private void scheduleSweep(int bucket, long watermark) {
        long at = Math.max(watermark, 0) + sweepMillis + (long) Math.floorMod(bucket, OnePass.BUCKETS) * sweepMillis / OnePass.BUCKETS;
        getHandle().registerTimer(at);
        sweepAt.update(at);
    }
}
