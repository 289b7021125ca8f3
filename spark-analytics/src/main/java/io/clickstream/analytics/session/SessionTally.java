package io.clickstream.analytics.session;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The sessions counted in one pane (or window): plain sums, so a session moving from the pane of its
 * old end to that of its new end is a retraction (negative partial) and an addition, merged like the
 * KPI counters, and a window is the sum of its panes. Mutable; partials may be negative.
 *
 * <ul>
 *   <li>{@code sessions}, {@code bounced} (one event, a page view), {@code durationMillis} (Σ end − start),
 *       {@code pageViews} (Σ page views), {@code open} (not closed by the watermark yet);</li>
 *   <li>{@code reached[k]}: sessions that reached funnel step k + 1.</li>
 * </ul>
 */
public final class SessionTally {

    private long sessions;
    private long bounced;
    private long durationMillis;
    private long pageViews;
    private long open;
    private long[] reached;

    public SessionTally() {
        this(new long[0]);
    }

    private SessionTally(long[] reached) {
        this.reached = reached;
    }

    public SessionTally(long sessions, long bounced, long durationMillis, long pageViews, long open, long[] reached) {
        this.sessions = sessions;
        this.bounced = bounced;
        this.durationMillis = durationMillis;
        this.pageViews = pageViews;
        this.open = open;
        this.reached = reached.clone();
    }

    public long sessions() {
        return sessions;
    }

    public long bounced() {
        return bounced;
    }

    public long durationMillis() {
        return durationMillis;
    }

    public long pageViews() {
        return pageViews;
    }

    public long open() {
        return open;
    }

    /** Sessions that reached step {@code step} (1-based); 0 past the steps this tally knows. */
    public long reached(int step) {
        return step <= reached.length ? reached[step - 1] : 0;
    }

    /** The funnel steps this tally counts (the longest of its parts). */
    public int steps() {
        return reached.length;
    }

    public boolean isEmpty() {
        if (sessions != 0 || bounced != 0 || durationMillis != 0 || pageViews != 0 || open != 0) {
            return false;
        }
        return Arrays.stream(reached).allMatch(r -> r == 0);
    }

    /** Adds (sign 1) or retracts (sign −1) one session. */
    void addSession(int sign, boolean isBounced, long duration, long pages, boolean isOpen, int reachedSteps, int steps) {
        sessions += sign;
        bounced += isBounced ? sign : 0;
        durationMillis += sign * duration;
        pageViews += sign * pages;
        open += isOpen ? sign : 0;
        ensure(steps);
        for (int k = 0; k < reachedSteps; k++) {
            reached[k] += sign;
        }
    }

    /** A session closed by the watermark: still counted, no longer open. */
    void close() {
        open--;
    }

    public SessionTally add(SessionTally other) {
        sessions += other.sessions;
        bounced += other.bounced;
        durationMillis += other.durationMillis;
        pageViews += other.pageViews;
        open += other.open;
        ensure(other.reached.length);
        for (int k = 0; k < other.reached.length; k++) {
            reached[k] += other.reached[k];
        }
        return this;
    }

    public SessionTally copy() {
        return new SessionTally(sessions, bounced, durationMillis, pageViews, open, reached);
    }

    private void ensure(int steps) {
        if (reached.length < steps) {
            reached = Arrays.copyOf(reached, steps);
        }
    }

    public void write(DataOutput out) throws IOException {
        out.writeLong(sessions);
        out.writeLong(bounced);
        out.writeLong(durationMillis);
        out.writeLong(pageViews);
        out.writeLong(open);
        out.writeByte(reached.length);
        for (long r : reached) {
            out.writeLong(r);
        }
    }

    public static SessionTally read(DataInput in) throws IOException {
        SessionTally t = new SessionTally();
        t.sessions = in.readLong();
        t.bounced = in.readLong();
        t.durationMillis = in.readLong();
        t.pageViews = in.readLong();
        t.open = in.readLong();
        t.reached = new long[in.readByte()];
        for (int k = 0; k < t.reached.length; k++) {
            t.reached[k] = in.readLong();
        }
        return t;
    }

    /** As {@code [sessions, bounced, duration ms, page views, open, reached 1, …]} (the pane store's JSON). */
    public long[] toArray() {
        long[] a = new long[5 + reached.length];
        a[0] = sessions;
        a[1] = bounced;
        a[2] = durationMillis;
        a[3] = pageViews;
        a[4] = open;
        System.arraycopy(reached, 0, a, 5, reached.length);
        return a;
    }

    public static SessionTally fromArray(long[] a) {
        return new SessionTally(a[0], a[1], a[2], a[3], a[4], Arrays.copyOfRange(a, 5, a.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionTally t && Arrays.equals(normalised(), t.normalised());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(normalised());
    }

    /** {@link #toArray} without trailing zero step counts: a tally that knows fewer steps counts 0 past them. */
    private long[] normalised() {
        long[] a = toArray();
        int n = a.length;
        while (n > 5 && a[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(a, n);
    }

    @Override
    public String toString() {
        return "SessionTally" + Arrays.toString(toArray());
    }
}
