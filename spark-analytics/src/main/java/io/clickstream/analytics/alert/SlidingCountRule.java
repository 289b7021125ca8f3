package io.clickstream.analytics.alert;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure logic of a user-level rule: "more than N events within T" in event time, with episodes.
 *
 * <p>Per user it keeps the user's recent events sorted by time. A window is the half-open interval
 * {@code (t - T, t]} ending at an event; it exceeds when it holds more than N distinct event ids. An
 * episode starts at the first event whose window exceeds and grows (same id, larger {@code observed},
 * later {@code window_end}) while exceedances follow each other within the quiet gap; after a longer
 * quiet spell the next exceedance starts a new episode. Everything is a function of the events' times
 * and ids, not of how they were cut into micro-batches, except for events arriving later than events
 * they precede by more than the watermark (Spark drops those anyway).
 */
public final class SlidingCountRule implements Serializable {

    /** One event as the rule sees it. */
    public record TimedEvent(long ts, String eventId) implements Serializable {
        static final Comparator<TimedEvent> ORDER =
                Comparator.comparingLong(TimedEvent::ts).thenComparing(TimedEvent::eventId);
    }

    /** An open episode: mutable because it grows as the burst goes on. */
    public static final class Episode implements Serializable {
        long startMillis;
        long windowStartMillis;
        long windowEndMillis;
        long lastExceedMillis;
        int maxObserved;
        List<String> sampleEventIds;

        public long startMillis() {
            return startMillis;
        }

        public int maxObserved() {
            return maxObserved;
        }

        public long windowStartMillis() {
            return windowStartMillis;
        }

        public long windowEndMillis() {
            return windowEndMillis;
        }

        public List<String> sampleEventIds() {
            return sampleEventIds;
        }
    }

    /** Per user and rule; Java-serialised into the state store. */
    public static final class State implements Serializable {
        final ArrayList<TimedEvent> buffer = new ArrayList<>();
        /** Events at or before this time can no longer change any window: ignored (they are late or resends). */
        long evictedThrough = Long.MIN_VALUE;
        Episode episode;

        public boolean isEmpty() {
            return buffer.isEmpty() && episode == null;
        }

        public int buffered() {
            return buffer.size();
        }
    }

    private final AlertConfig.UserRule rule;
    private final long windowMillis;
    private final long quietGapMillis;
    private final double criticalFactor;
    private final int sampleSize;

    public SlidingCountRule(AlertConfig.UserRule rule, long quietGapMillis, double criticalFactor, int sampleSize) {
        this.rule = rule;
        this.windowMillis = rule.window().toMillis();
        this.quietGapMillis = quietGapMillis;
        this.criticalFactor = criticalFactor;
        this.sampleSize = sampleSize;
    }

    public static SlidingCountRule of(AlertConfig.UserRule rule, AlertConfig config) {
        return new SlidingCountRule(rule, config.episodeQuietGap().toMillis(), config.criticalFactor(), config.sampleSize());
    }

    public AlertConfig.UserRule rule() {
        return rule;
    }

    /**
     * Adds events (any order, resends allowed: an event id seen again with the same time counts once)
     * and returns the episodes they opened or grew, oldest first. An episode that was closed by a newer
     * one in the same call is returned with its final values too.
     */
    public List<Episode> add(State state, Collection<TimedEvent> events) {
        List<TimedEvent> sorted = new ArrayList<>(events);
        sorted.sort(TimedEvent.ORDER);
        long earliestNew = Long.MAX_VALUE;
        for (TimedEvent e : sorted) {
            if (e.ts() <= state.evictedThrough) {
                continue;
            }
            // A resent event carries its original time, so it is an exact (time, id) match in the
            // time-ordered buffer: found by the search that places a new event, with no set of ids
            // (which cost a hash of every buffered id per user and batch).
            int at = Collections.binarySearch(state.buffer, e, TimedEvent.ORDER);
            if (at >= 0) {
                continue;
            }
            state.buffer.add(-at - 1, e);
            earliestNew = Math.min(earliestNew, e.ts());
        }
        if (earliestNew == Long.MAX_VALUE) {
            return List.of();
        }
        // Only windows ending at or after the earliest new event can have changed.
        Map<Episode, Boolean> changed = new LinkedHashMap<>();
        List<TimedEvent> buf = state.buffer;
        int left = 0;
        for (int i = 0; i < buf.size(); i++) {
            long t = buf.get(i).ts();
            while (buf.get(left).ts() <= t - windowMillis) {
                left++;
            }
            int count = i - left + 1;
            if (t >= earliestNew && count > rule.threshold()) {
                changed.put(exceeded(state, buf, left, i, count), Boolean.TRUE);
            }
        }
        return List.copyOf(changed.keySet());
    }

    private Episode exceeded(State state, List<TimedEvent> buf, int left, int right, int count) {
        long t = buf.get(right).ts();
        Episode ep = state.episode;
        if (ep == null || t > ep.lastExceedMillis + quietGapMillis) {
            ep = new Episode();
            ep.startMillis = t;
            ep.windowStartMillis = buf.get(left).ts();
            ep.windowEndMillis = t;
            ep.lastExceedMillis = t;
            ep.maxObserved = count;
            List<String> samples = new ArrayList<>();
            for (int k = left; k <= right && samples.size() < sampleSize; k++) {
                samples.add(buf.get(k).eventId());
            }
            ep.sampleEventIds = samples;
            state.episode = ep;
            return ep;
        }
        ep.lastExceedMillis = Math.max(ep.lastExceedMillis, t);
        ep.windowEndMillis = Math.max(ep.windowEndMillis, t);
        ep.windowStartMillis = Math.min(ep.windowStartMillis, buf.get(left).ts());
        ep.maxObserved = Math.max(ep.maxObserved, count);
        return ep;
    }

    /**
     * Forgets what the watermark made irrelevant: events no window ending at or after the watermark
     * can contain, and an episode whose quiet gap has passed (the next exceedance starts a new one
     * anyway).
     */
    public void evict(State state, long watermarkMillis) {
        if (watermarkMillis <= 0) {
            return;
        }
        long horizon = watermarkMillis - windowMillis;
        state.buffer.removeIf(e -> e.ts() <= horizon);
        state.evictedThrough = Math.max(state.evictedThrough, horizon);
        if (state.episode != null && watermarkMillis > state.episode.lastExceedMillis + quietGapMillis) {
            state.episode = null;
        }
    }

    /** Event time at which {@link #evict} will have emptied this state, or -1 when it is empty now. */
    public long cleanupAt(State state) {
        if (state.isEmpty()) {
            return -1;
        }
        long at = Long.MIN_VALUE;
        if (!state.buffer.isEmpty()) {
            at = state.buffer.get(state.buffer.size() - 1).ts() + windowMillis + 1;
        }
        if (state.episode != null) {
            at = Math.max(at, state.episode.lastExceedMillis + quietGapMillis + 1);
        }
        return at;
    }

    /**
     * The state as compact bytes for a state store, led by {@link #cleanupAt} (so a sweep can tell a
     * state that eviction would empty without decoding it). A user's state is read and written for
     * every batch with events of that user: Java serialisation of it cost more than the rule.
     */
    public byte[] encode(State state) {
        byte[][] ids = new byte[state.buffer.size()][];
        int size = 8 + 8 + 4 + 1;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = state.buffer.get(i).eventId().getBytes(StandardCharsets.UTF_8);
            size += 8 + 4 + ids[i].length;
        }
        byte[][] samples = new byte[0][];
        if (state.episode != null) {
            samples = new byte[state.episode.sampleEventIds.size()][];
            size += 4 * 8 + 4 + 4;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = state.episode.sampleEventIds.get(i).getBytes(StandardCharsets.UTF_8);
                size += 4 + samples[i].length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(cleanupAt(state));
        out.putLong(state.evictedThrough);
        out.putInt(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.putLong(state.buffer.get(i).ts());
            out.putInt(ids[i].length).put(ids[i]);
        }
        out.put((byte) (state.episode == null ? 0 : 1));
        if (state.episode != null) {
            Episode ep = state.episode;
            out.putLong(ep.startMillis).putLong(ep.windowStartMillis).putLong(ep.windowEndMillis).putLong(ep.lastExceedMillis);
            out.putInt(ep.maxObserved);
            out.putInt(samples.length);
            for (byte[] sample : samples) {
                out.putInt(sample.length).put(sample);
            }
        }
        return out.array();
    }

    /** A state from {@link #encode}. */
    public static State decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.getLong(); // cleanupAt
        State state = new State();
        state.evictedThrough = in.getLong();
        int n = in.getInt();
        state.buffer.ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            long ts = in.getLong();
            state.buffer.add(new TimedEvent(ts, string(in)));
        }
        if (in.get() == 1) {
            Episode ep = new Episode();
            ep.startMillis = in.getLong();
            ep.windowStartMillis = in.getLong();
            ep.windowEndMillis = in.getLong();
            ep.lastExceedMillis = in.getLong();
            ep.maxObserved = in.getInt();
            int samples = in.getInt();
            List<String> ids = new ArrayList<>(samples);
            for (int i = 0; i < samples; i++) {
                ids.add(string(in));
            }
            ep.sampleEventIds = ids;
            state.episode = ep;
        }
        return state;
    }

    /** {@link #cleanupAt} of an encoded state, without decoding it. */
    public static long cleanupAtOf(byte[] encoded) {
        return ByteBuffer.wrap(encoded).getLong(0);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    public Alert document(String entity, Episode ep, long updatedAtMillis) {
        return new Alert(rule.name(),
                Severity.ofExcess(ep.maxObserved, rule.threshold(), criticalFactor).wireName(),
                entity, ep.startMillis, ep.windowStartMillis, ep.windowEndMillis,
                ep.maxObserved, rule.threshold(), ep.startMillis, updatedAtMillis, ep.sampleEventIds);
    }
}
