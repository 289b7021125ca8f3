package io.clickstream.analytics.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The user-level rules as one {@code transformWithState} processor in event-time mode, keyed by
 * {@code user_key}. Input rows: {@code event_id, type, ts} (see {@link AlertQueries}); output:
 * {@link AlertRows}. Per user and rule it keeps a {@link SlidingCountRule.State} in a value state;
 * one event-time timer per user fires when the watermark has passed everything the state still
 * needs, and the state is then dropped, so idle users cost nothing. (Spark refuses state TTL in
 * event-time mode, so the timer is the eviction mechanism here; the site query uses TTL.)
 */
final class UserRulesProcessor extends StatefulProcessor<String, Row, Row> {

    private final AlertConfig config;
    private transient List<SlidingCountRule> rules;
    private transient Map<String, ValueState<SlidingCountRule.State>> states;

    UserRulesProcessor(AlertConfig config) {
        this.config = config;
    }

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        rules = new ArrayList<>();
        states = new HashMap<>();
        // Spark allows TTL only in processing-time mode; here the event-time timer bounds the state.
        TTLConfig ttl = TTLConfig.NONE();
        for (AlertConfig.UserRule rule : config.userRules()) {
            rules.add(SlidingCountRule.of(rule, config));
            states.put(rule.name(), getHandle().getValueState(rule.name(),
                    Encoders.javaSerialization(SlidingCountRule.State.class), ttl));
        }
    }

    @Override
    public scala.collection.Iterator<Row> handleInputRows(String userKey, scala.collection.Iterator<Row> rows,
                                                         TimerValues timers) {
        Map<String, List<SlidingCountRule.TimedEvent>> byType = new HashMap<>();
        CollectionConverters.asJava(rows).forEachRemaining(row -> byType
                .computeIfAbsent(row.getString(1), t -> new ArrayList<>())
                .add(new SlidingCountRule.TimedEvent(row.getTimestamp(2).getTime(), row.getString(0))));
        long watermark = timers.getCurrentWatermarkInMs();
        long now = timers.getCurrentProcessingTimeInMs();
        List<Row> out = new ArrayList<>();
        for (SlidingCountRule rule : rules) {
            List<SlidingCountRule.TimedEvent> events = byType.get(rule.rule().eventType());
            if (events == null) {
                continue;
            }
            ValueState<SlidingCountRule.State> value = states.get(rule.rule().name());
            SlidingCountRule.State state = value.exists() ? value.get() : new SlidingCountRule.State();
            for (SlidingCountRule.Episode episode : rule.add(state, events)) {
                out.add(AlertRows.toRow(rule.document(userKey, episode, now)));
            }
            rule.evict(state, watermark);
            save(value, state);
        }
        reschedule();
        return CollectionConverters.asScala(out.iterator());
    }

    @Override
    public scala.collection.Iterator<Row> handleExpiredTimer(String userKey, TimerValues timers, ExpiredTimerInfo info) {
        long watermark = timers.getCurrentWatermarkInMs();
        for (SlidingCountRule rule : rules) {
            ValueState<SlidingCountRule.State> value = states.get(rule.rule().name());
            if (value.exists()) {
                SlidingCountRule.State state = value.get();
                rule.evict(state, watermark);
                save(value, state);
            }
        }
        reschedule();
        return CollectionConverters.asScala(java.util.Collections.<Row>emptyIterator());
    }

    private static void save(ValueState<SlidingCountRule.State> value, SlidingCountRule.State state) {
        if (state.isEmpty()) {
            value.clear();
        } else {
            value.update(state);
        }
    }

    /** Keeps exactly one timer: when the watermark passes it, every rule's state of this user is empty. */
    private void reschedule() {
        long due = -1;
        for (SlidingCountRule rule : rules) {
            ValueState<SlidingCountRule.State> value = states.get(rule.rule().name());
            if (value.exists()) {
                due = Math.max(due, rule.cleanupAt(value.get()));
            }
        }
        List<Object> existing = new ArrayList<>();
        CollectionConverters.asJava(getHandle().listTimers()).forEachRemaining(existing::add);
        boolean present = false;
        for (Object t : existing) {
            long at = (Long) t;
            if (at == due) {
                present = true;
            } else {
                getHandle().deleteTimer(at);
            }
        }
        if (due > 0 && !present) {
            getHandle().registerTimer(due);
        }
    }
}
