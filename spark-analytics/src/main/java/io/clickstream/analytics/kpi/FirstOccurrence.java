package io.clickstream.analytics.kpi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
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
import scala.Tuple2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The de-duplication of the KPI query as a {@code transformWithState} processor: the first row of
 * each de-duplication key passes; a repeat is dropped until the event-time watermark passes the
 * first row's {@code ts} plus the watermark delay (its expiry). Rows arrive grouped by a bucket of
 * the key (one of {@link #BUCKETS}); each bucket keeps a map key → expiry. What passes is handed to
 * an {@link Emit}: the rows as they are ({@code KpiAggregation.deduplicate}), or, in the KPI query,
 * folded into partial pane aggregates ({@link PanePartials}).
 *
 * <p>Why not Spark's {@code dropDuplicatesWithinWatermark}: to find expired keys it iterates its whole
 * state store every micro-batch. With a 2 min watermark the state holds ~4 min of event ids (2.4M at
 * 10k events/s), and that scan alone outgrows a 1 s trigger. Here a lookup compares the expiry with
 * the watermark itself, so expired keys need not be gone to be forgotten, and each bucket sweeps its
 * own map on an event-time timer about every {@code sweepMillis}: the state is read once per sweep
 * period instead of once per batch. Bucket timers are spread over the period so the sweeps do not
 * all land in one batch.
 *
 * <p>Rows behind the watermark (late) never reach {@link #handleInputRows}: {@code transformWithState}
 * in event-time mode drops them, as the built-in operator does.
 */
public final class FirstOccurrence extends StatefulProcessor<Integer, Row, Row> {

    /** Buckets of keys: enough that one holds a few dozen keys per batch, few enough that a sweep reads a map of useful size. */
    public static final int BUCKETS = 1024;

    /**
     * What a bucket's first occurrences in a micro-batch become: the rows themselves (the plain
     * de-duplication), or partial per-pane aggregates ({@link PanePartials}).
     */
    public interface Emit extends Serializable {
        List<Row> apply(List<Row> firstOccurrences);
    }

    private final long delayMillis;
    private final long sweepMillis;
    private final int keyField;
    private final int tsField;
    private final Emit emit;
    private transient MapState<String, Long> expiries;
    private transient ValueState<Long> sweepAt;

    /**
     * @param delayMillis the watermark delay: a key is remembered until the watermark passes its first {@code ts} + this
     * @param sweepMillis how often (event time) a bucket drops its expired keys
     * @param keyField    the index of the de-duplication key column (string) in the rows
     * @param tsField     the index of the event-time column ({@code TimestampType}) in the rows
     * @param emit        what the first occurrences become
     */
    FirstOccurrence(long delayMillis, long sweepMillis, int keyField, int tsField, Emit emit) {
        this.delayMillis = delayMillis;
        this.sweepMillis = sweepMillis;
        this.keyField = keyField;
        this.tsField = tsField;
        this.emit = emit;
    }

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        expiries = getHandle().getMapState("expiries", Encoders.STRING(), Encoders.LONG(), TTLConfig.NONE());
        sweepAt = getHandle().getValueState("sweep_at", Encoders.LONG(), TTLConfig.NONE());
    }

    @Override
    public Iterator<Row> handleInputRows(Integer bucket, Iterator<Row> rows, TimerValues timerValues) {
        long watermark = timerValues.getCurrentWatermarkInMs();
        List<Row> first = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            String key = row.getString(keyField);
            Long expiry = expiries.getValue(key);
            if (expiry != null && !expired(expiry, watermark)) {
                continue;
            }
            expiries.updateValue(key, row.getTimestamp(tsField).getTime() + delayMillis);
            first.add(row);
        }
        if (!sweepAt.exists()) {
            scheduleSweep(bucket, watermark);
        }
        return CollectionConverters.asScala(first.isEmpty() ? first.iterator() : emit.apply(first).iterator());
    }

    @Override
    public Iterator<Row> handleExpiredTimer(Integer bucket, TimerValues timerValues, ExpiredTimerInfo expiredTimerInfo) {
        long watermark = timerValues.getCurrentWatermarkInMs();
        List<String> gone = new ArrayList<>();
        boolean remaining = false;
        Iterator<Tuple2<String, Long>> entries = expiries.iterator();
        while (entries.hasNext()) {
            Tuple2<String, Long> entry = entries.next();
            if (expired(entry._2(), watermark)) {
                gone.add(entry._1());
            } else {
                remaining = true;
            }
        }
        gone.forEach(expiries::removeKey);
        if (remaining) {
            scheduleSweep(bucket, watermark);
        } else {
            sweepAt.clear();
        }
        return CollectionConverters.asScala(Collections.<Row>emptyIterator());
    }

    /** Spark's rule for the built-in operator: a key expires once the watermark is past its expiry. */
    public static boolean expired(long expiry, long watermark) {
        return expiry < watermark;
    }

    /** The next sweep one period after the watermark, offset per bucket so buckets sweep in different batches. */
    private void scheduleSweep(int bucket, long watermark) {
        long at = Math.max(watermark, 0) + sweepMillis + (long) bucket * sweepMillis / BUCKETS;
        getHandle().registerTimer(at);
        sweepAt.update(at);
    }
}
