package io.clickstream.analytics.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The open sessions of one user key and {@code session_id}: the events split where consecutive ones
 * (in event time) lie more than the gap apart, each part a session ({@link Segment}). Holds what
 * recomputes a session's contribution exactly whatever order its events arrive in: start, end, event
 * and page-view counts, and the events that can still matter to the funnel. Pure; stored as compact
 * bytes ({@link #encode}) in the operator's map state.
 *
 * <p>Adding events ({@link #add}) reports every change as plain sums per pane ({@link PaneTallies}):
 * a session it changes is first retracted from the pane of its old end with the contribution it had,
 * once, and the result added to the pane of its new end; two sessions a late event bridges are both
 * retracted and their union added. {@link #closeExpired} drops the sessions whose end + gap the
 * watermark has passed, reporting them as no longer open.
 *
 * <p>Funnel events: a session keeps, per step, the events whose step mask is that step alone only
 * while they can still change the greedy match (those earlier than the previous step's match, and
 * the earliest one at or after it: later ones can never be chosen, since added events only move the
 * matches earlier), plus every event matching several steps; at most {@link #MAX_FUNNEL_EVENTS}
 * (the earliest) per session, a bound only a session with that many events of a later step before
 * reaching an earlier one can meet.
 */
public final class SessionSegments {

    /** Funnel events kept per session (see the class comment). */
    public static final int MAX_FUNNEL_EVENTS = 64;
    private static final byte FORMAT = 1;

    /** One session: a run of events with no gap larger than the session gap. */
    static final class Segment {
        long start;
        long end;
        long events;
        long pageViews;
        long[] funnelTs;
        int[] funnelMasks;
        int funnelSize;
        /** The funnel steps this session was last counted as reaching (its retraction takes back exactly that). */
        int countedReached;
        /** Changed by the current {@link #add} (its old contribution already retracted). */
        boolean dirty;

        Segment(long start, long end, long events, long pageViews, int capacity) {
            this.start = start;
            this.end = end;
            this.events = events;
            this.pageViews = pageViews;
            this.funnelTs = new long[Math.max(capacity, 2)];
            this.funnelMasks = new int[funnelTs.length];
        }

        boolean bounced() {
            return events == 1 && pageViews == 1;
        }

        void addFunnelEvent(long ts, int mask) {
            if (funnelSize == funnelTs.length) {
                funnelTs = Arrays.copyOf(funnelTs, funnelSize * 2);
                funnelMasks = Arrays.copyOf(funnelMasks, funnelSize * 2);
            }
            funnelTs[funnelSize] = ts;
            funnelMasks[funnelSize] = mask;
            funnelSize++;
        }
    }

    private final List<Segment> segments;

    private SessionSegments(List<Segment> segments) {
        this.segments = segments;
    }

    public static SessionSegments empty() {
        return new SessionSegments(new ArrayList<>(2));
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** The sessions, as (start, end, events, page views) for tests and logs. */
    public List<long[]> sessions() {
        return segments.stream().map(s -> new long[] {s.start, s.end, s.events, s.pageViews}).toList();
    }

    /** The funnel steps session {@code index} is counted as reaching (tests). */
    int countedReached(int index) {
        return segments.get(index).countedReached;
    }

    /** One event of this key: its time, whether it is a page view, and its funnel step mask. */
    public record Event(long ts, boolean pageView, int funnelMask) {
    }

    /** Where the changes go: the session sums of each pane touched, by pane start. */
    public interface PaneTallies {
        SessionTally at(long paneStart);
    }

    /**
     * Adds events (any order) and reports the changed sessions' retractions and additions.
     *
     * @param gap        the session gap (ms): events further apart split a session
     * @param paneMillis pane length: a session counts in the pane of its end
     * @param steps      the funnel's step count
     */
    public void add(List<Event> events, long gap, long paneMillis, int steps, PaneTallies out) {
        for (Event e : events) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                if (e.ts() >= s.start - gap && e.ts() <= s.end + gap) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            Segment target;
            if (first < 0) {
                target = new Segment(e.ts(), e.ts(), 0, 0, 2);
                target.dirty = true;
                int at = 0;
                while (at < segments.size() && segments.get(at).start < e.ts()) {
                    at++;
                }
                segments.add(at, target);
            } else {
                target = touch(segments.get(first), paneMillis, steps, out);
                for (int i = last; i > first; i--) {
                    Segment other = touch(segments.remove(i), paneMillis, steps, out);
                    target.start = Math.min(target.start, other.start);
                    target.end = Math.max(target.end, other.end);
                    target.events += other.events;
                    target.pageViews += other.pageViews;
                    for (int j = 0; j < other.funnelSize; j++) {
                        target.addFunnelEvent(other.funnelTs[j], other.funnelMasks[j]);
                    }
                }
                target.start = Math.min(target.start, e.ts());
                target.end = Math.max(target.end, e.ts());
            }
            target.events++;
            if (e.pageView()) {
                target.pageViews++;
            }
            if (e.funnelMask() != 0) {
                target.addFunnelEvent(e.ts(), e.funnelMask());
            }
        }
        for (Segment s : segments) {
            if (s.dirty) {
                s.dirty = false;
                int reached = prune(s, steps);
                s.countedReached = reached;
                out.at(paneOf(s.end, paneMillis)).addSession(1, s.bounced(), s.end - s.start, s.pageViews, true, reached, steps);
            }
        }
    }

    /** Marks a session as changing, retracting its contribution the first time. */
    private static Segment touch(Segment s, long paneMillis, int steps, PaneTallies out) {
        if (!s.dirty) {
            s.dirty = true;
            out.at(paneOf(s.end, paneMillis)).addSession(-1, s.bounced(), s.end - s.start, s.pageViews, true,
                    s.countedReached, steps);
        }
        return s;
    }

    /**
     * Closes the sessions whose end + gap the watermark has passed: they stay counted in their pane,
     * no longer open, and leave the state. Returns whether any session remains.
     */
    public boolean closeExpired(long watermark, long gap, long paneMillis, PaneTallies out) {
        segments.removeIf(s -> {
            if (s.end + gap < watermark) {
                out.at(paneOf(s.end, paneMillis)).close();
                return true;
            }
            return false;
        });
        return !segments.isEmpty();
    }

    /** The earliest end of a stored session, read from the bytes without decoding them (the sweep's test). */
    public static long earliestEndOf(byte[] encoded) {
        long v = 0;
        for (int i = 1; i <= 8; i++) {
            v = (v << 8) | (encoded[i] & 0xFF);
        }
        return v;
    }

    static long paneOf(long ts, long paneMillis) {
        return Math.floorDiv(ts, paneMillis) * paneMillis;
    }

    /**
     * The funnel steps the session reached: the greedy match over its funnel events in time order
     * (ties: the event of the lowest step first), each event used for one step; {@code matchTimes[k]}
     * receives the time of the event matched to step k + 1.
     */
    private static int match(Segment s, int steps, long[] matchTimes) {
        Integer[] order = order(s);
        int step = 0;
        for (Integer i : order) {
            if (step < steps && (s.funnelMasks[i] & (1 << step)) != 0) {
                if (matchTimes != null) {
                    matchTimes[step] = s.funnelTs[i];
                }
                step++;
            }
        }
        return step;
    }

    private static Integer[] order(Segment s) {
        Integer[] order = new Integer[s.funnelSize];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> s.funnelTs[a] != s.funnelTs[b] ? Long.compare(s.funnelTs[a], s.funnelTs[b])
                : Integer.compare(Integer.numberOfTrailingZeros(s.funnelMasks[a]), Integer.numberOfTrailingZeros(s.funnelMasks[b])));
        return order;
    }

    /** Drops the funnel events that can no longer change the match (class comment); returns the steps reached. */
    private static int prune(Segment s, int steps) {
        if (s.funnelSize == 0) {
            return 0;
        }
        long[] matchTimes = new long[steps];
        int reached = match(s, steps, matchTimes);
        Integer[] order = order(s);
        boolean[] earliestAfterKept = new boolean[steps];
        long[] ts = new long[Math.min(s.funnelSize, MAX_FUNNEL_EVENTS)];
        int[] masks = new int[ts.length];
        int kept = 0;
        for (Integer i : order) {
            int mask = s.funnelMasks[i];
            boolean keep = true;
            if (Integer.bitCount(mask) == 1) {
                int step = Integer.numberOfTrailingZeros(mask);
                long previousMatch = step == 0 ? Long.MIN_VALUE : step <= reached ? matchTimes[step - 1] : Long.MAX_VALUE;
                if (s.funnelTs[i] >= previousMatch) {
                    keep = !earliestAfterKept[step];
                    earliestAfterKept[step] = true;
                }
            }
            if (keep && kept < ts.length) {
                ts[kept] = s.funnelTs[i];
                masks[kept] = mask;
                kept++;
            }
        }
        s.funnelTs = ts;
        s.funnelMasks = masks;
        s.funnelSize = kept;
        return reached;
    }

    /**
     * The state as bytes for the operator's map state: the format, the earliest session end (which
     * {@link #earliestEndOf} reads without decoding), then each session with its funnel events.
     */
    public byte[] encode() {
        int size = 1 + 8 + 2;
        long earliestEnd = Long.MAX_VALUE;
        for (Segment s : segments) {
            size += 8 + 8 + 4 + 4 + 1 + 1 + s.funnelSize * (8 + 2);
            earliestEnd = Math.min(earliestEnd, s.end);
        }
        // A plain buffer, not a DataOutputStream: a session's state is written for every batch with
        // its events, and the stream's per-call locking and buffers cost more than the state.
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT);
        out.putLong(earliestEnd);
        out.putShort((short) segments.size());
        for (Segment s : segments) {
            out.putLong(s.start);
            out.putLong(s.end);
            out.putInt((int) Math.min(Integer.MAX_VALUE, s.events));
            out.putInt((int) Math.min(Integer.MAX_VALUE, s.pageViews));
            out.put((byte) s.countedReached);
            out.put((byte) s.funnelSize);
            for (int i = 0; i < s.funnelSize; i++) {
                out.putLong(s.funnelTs[i]);
                out.putShort((short) s.funnelMasks[i]);
            }
        }
        return out.array();
    }

    public static SessionSegments decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown session state format " + format);
        }
        in.getLong();
        int n = Short.toUnsignedInt(in.getShort());
        List<Segment> segments = new ArrayList<>(n + 1);
        for (int k = 0; k < n; k++) {
            Segment s = new Segment(in.getLong(), in.getLong(), in.getInt(), in.getInt(), 0);
            s.countedReached = Byte.toUnsignedInt(in.get());
            int funnel = Byte.toUnsignedInt(in.get());
            s.funnelTs = new long[Math.max(funnel, 2)];
            s.funnelMasks = new int[s.funnelTs.length];
            for (int i = 0; i < funnel; i++) {
                s.funnelTs[i] = in.getLong();
                s.funnelMasks[i] = Short.toUnsignedInt(in.getShort());
            }
            s.funnelSize = funnel;
            segments.add(s);
        }
        return new SessionSegments(segments);
    }
}
