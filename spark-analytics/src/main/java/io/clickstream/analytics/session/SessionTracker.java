package io.clickstream.analytics.session;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.MapState;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Sessions and the funnel inside the one-pass operator: a bucket's first occurrences of a
 * micro-batch → per (user key, {@code session_id}) one read and one write of its
 * {@link SessionSegments} in the operator's map state → the session sums per pane that changed
 * ({@link SessionTally}, retractions included), which ride the KPI pane partials. The event-time
 * sweep closes the sessions the watermark has passed ({@link #sweep}).
 */
public final class SessionTracker implements Serializable {

    private final long gapMillis;
    private final long paneMillis;
    private final int steps;
    private final int userKeyField;
    private final int sessionIdField;
    private final int typeField;
    private final int tsField;
    private final Funnel.Matcher funnel;

    /**
     * @param schema the operator's input rows ({@code user_key}, {@code session_id}, {@code type},
     *               {@code ts} and the funnel filters' columns)
     */
    public SessionTracker(StructType schema, Funnel funnel, long gapMillis, long paneMillis) {
        this.gapMillis = gapMillis;
        this.paneMillis = paneMillis;
        this.steps = funnel.steps().size();
        this.userKeyField = schema.fieldIndex("user_key");
        this.sessionIdField = schema.fieldIndex("session_id");
        this.typeField = schema.fieldIndex("type");
        this.tsField = schema.fieldIndex("ts");
        this.funnel = funnel.bind(schema);
    }

    /** The state key of an event's session within its bucket: user key and {@code session_id} (empty when absent). */
    static String key(String userKey, String sessionId) {
        return sessionId == null ? userKey + '\u0000' : userKey + '\u0000' + sessionId;
    }

    /** Folds the events into their sessions; returns the session sums per pane start that changed. */
    public Map<Long, SessionTally> apply(List<Row> events, MapState<String, byte[]> state) {
        Map<String, List<SessionSegments.Event>> bySession = new LinkedHashMap<>();
        for (Row row : events) {
            if (row.isNullAt(userKeyField)) {
                continue;
            }
            String sessionId = row.isNullAt(sessionIdField) ? null : row.getString(sessionIdField);
            bySession.computeIfAbsent(key(row.getString(userKeyField), sessionId), k -> new ArrayList<>(4))
                    .add(new SessionSegments.Event(row.getTimestamp(tsField).getTime(),
                            "page_view".equals(row.getString(typeField)), funnel.mask(row)));
        }
        Map<Long, SessionTally> tallies = new HashMap<>();
        SessionSegments.PaneTallies out = pane -> tallies.computeIfAbsent(pane, p -> new SessionTally());
        for (Map.Entry<String, List<SessionSegments.Event>> session : bySession.entrySet()) {
            byte[] stored = state.getValue(session.getKey());
            SessionSegments segments = stored == null ? SessionSegments.empty() : SessionSegments.decode(stored);
            segments.add(session.getValue(), gapMillis, paneMillis, steps, out);
            state.updateValue(session.getKey(), segments.encode());
        }
        tallies.values().removeIf(SessionTally::isEmpty);
        return tallies;
    }

    /**
     * Closes the sessions whose end + gap the watermark has passed (dropping their state) and returns
     * their panes' sums (open −1 each) in {@code closed}. Returns whether any session remains.
     */
    public boolean sweep(MapState<String, byte[]> state, long watermark, Map<Long, SessionTally> closed) {
        SessionSegments.PaneTallies out = pane -> closed.computeIfAbsent(pane, p -> new SessionTally());
        boolean remaining = false;
        Map<String, byte[]> changed = new TreeMap<>();
        Iterator<Tuple2<String, byte[]>> entries = state.iterator();
        while (entries.hasNext()) {
            Tuple2<String, byte[]> entry = entries.next();
            if (SessionSegments.earliestEndOf(entry._2()) + gapMillis >= watermark) {
                remaining = true;
                continue;
            }
            SessionSegments segments = SessionSegments.decode(entry._2());
            boolean left = segments.closeExpired(watermark, gapMillis, paneMillis, out);
            changed.put(entry._1(), left ? segments.encode() : null);
            remaining |= left;
        }
        changed.forEach((key, bytes) -> {
            if (bytes == null) {
                state.removeKey(key);
            } else {
                state.updateValue(key, bytes);
            }
        });
        return remaining;
    }
}
