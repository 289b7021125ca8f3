package io.clickstream.analytics.alert;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
import scala.jdk.javaapi.CollectionConverters;

/**
 * The site-level rules as one {@code transformWithState} processor in processing-time mode, keyed
 * by site. Processing time because {@code traffic_stall} must fire when nothing arrives: a
 * processing-time timer {@code stall-after} after the last event does that (Spark runs no-data
 * micro-batches for processing-time timers), while the drop rules keep their own event-time
 * buckets inside {@link SiteBaselineRules}. Resent events are dropped with a map state of seen
 * {@code event_id}s whose entries expire by TTL.
 */
final class SiteRulesProcessor extends StatefulProcessor<String, Row, Row> {

    private final AlertConfig config;
    private transient SiteBaselineRules rules;
    private transient ValueState<SiteBaselineRules.State> state;
    private transient MapState<String, Boolean> seen;

    SiteRulesProcessor(AlertConfig config) {
        this.config = config;
    }

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        rules = new SiteBaselineRules(config);
        state = getHandle().getValueState("site", Encoders.javaSerialization(SiteBaselineRules.State.class),
                new TTLConfig(config.stateTtl()));
        seen = getHandle().getMapState("seen", Encoders.STRING(), Encoders.BOOLEAN(),
                new TTLConfig(config.site().dedupTtl()));
    }

    @Override
    public scala.collection.Iterator<Row> handleInputRows(String site, scala.collection.Iterator<Row> rows,
                                                         TimerValues timers) {
        List<SiteBaselineRules.SiteEvent> events = new ArrayList<>();
        CollectionConverters.asJava(rows).forEachRemaining(row -> {
            String id = row.getString(0);
            if (!seen.containsKey(id)) {
                seen.updateValue(id, Boolean.TRUE);
                BigDecimal revenue = row.getDecimal(3);
                events.add(new SiteBaselineRules.SiteEvent(row.getTimestamp(2).getTime(), id, row.getString(1),
                        revenue == null ? 0.0 : revenue.doubleValue()));
            }
        });
        long now = timers.getCurrentProcessingTimeInMs();
        SiteBaselineRules.State current = state.exists() ? state.get() : rules.newState();
        List<Row> out = new ArrayList<>();
        for (Alert doc : rules.add(current, site, events, now)) {
            out.add(AlertRows.toRow(doc));
        }
        state.update(current);
        if (!events.isEmpty()) {
            resetTimer(now + config.site().stallAfter().toMillis());
        }
        return CollectionConverters.asScala(out.iterator());
    }

    @Override
    public scala.collection.Iterator<Row> handleExpiredTimer(String site, TimerValues timers, ExpiredTimerInfo info) {
        if (!state.exists()) {
            return CollectionConverters.asScala(java.util.Collections.<Row>emptyIterator());
        }
        long now = timers.getCurrentProcessingTimeInMs();
        SiteBaselineRules.State current = state.get();
        List<Row> out = new ArrayList<>();
        for (Alert doc : rules.checkStall(current, site, now)) {
            out.add(AlertRows.toRow(doc));
        }
        state.update(current);
        // Still silent: look again after another stall period, to update how long it has lasted.
        resetTimer(now + config.site().stallAfter().toMillis());
        return CollectionConverters.asScala(out.iterator());
    }

    private void resetTimer(long at) {
        List<Object> existing = new ArrayList<>();
        CollectionConverters.asJava(getHandle().listTimers()).forEachRemaining(existing::add);
        for (Object t : existing) {
            getHandle().deleteTimer((Long) t);
        }
        getHandle().registerTimer(at);
    }
}
