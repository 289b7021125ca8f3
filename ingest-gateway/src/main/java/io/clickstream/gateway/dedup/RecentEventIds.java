package io.clickstream.gateway.dedup;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The event ids Kafka acknowledged recently, bounded in count and age. An id is remembered only
 * after its first copy was acknowledged: a resend after a 503 (whose first copy may never have
 * reached Kafka) is therefore published again rather than answered "duplicate" and lost. Spark's
 * own de-duplication by {@code event_id} absorbs the copies this lets through.
 *
 * <p>Two generations of ids: new ids go into the current one; once it holds half of
 * {@code maxEntries} or is half the {@code ttl} old, it becomes the previous one and the old previous
 * one is dropped whole, as is a previous one that started {@code ttl} ago. So at most
 * {@code maxEntries} ids are held, none older than {@code ttl}, and of the ids acknowledged in the last
 * {@code ttl / 2} at least the latest {@code maxEntries / 2} are remembered.
 * One insert per acknowledged event (into a set of UUIDs as numbers, {@link UuidSet}), instead of a size- and time-bounded cache's
 * per-entry bookkeeping, which JFR showed at ~11 % of the gateway's CPU, on the Kafka I/O thread.
 */
public final class RecentEventIds {

    private final int generationEntries;
    private final long generationNanos;
    private final LongSupplier nanoClock;
    private volatile Generation current;
    private volatile Generation previous;

    /**
     * One generation: UUID-shaped ids (every real one: the validator requires a UUID) in a
     * {@link UuidSet}, any other string — and UUIDs past the set's capacity — in a concurrent set.
     */
    private static final class Generation {
        private final UuidSet uuids;
        private final Set<String> others = ConcurrentHashMap.newKeySet();
        private final AtomicInteger size = new AtomicInteger();
        private final long startedNanos;

        Generation(long startedNanos) {
            this(0, startedNanos);
        }

        Generation(int expectedIds, long startedNanos) {
            // Sized for a full generation up front: growing a table of ~10^5 ids step by step costs more.
            this.uuids = new UuidSet(expectedIds);
            this.startedNanos = startedNanos;
        }

        boolean contains(String id, long[] key) {
            return (key != null && uuids.contains(key)) || (!others.isEmpty() && others.contains(id));
        }

        /** Whether the id was new here. */
        boolean add(String id, long[] key) {
            int added = key == null ? UuidSet.FULL : uuids.add(key);
            if (added == UuidSet.FULL) {
                if (key != null && uuids.contains(key)) {
                    return false;
                }
                return others.add(id);
            }
            return added == UuidSet.ADDED;
        }

        /** {@link #add} for {@code keys[from, to)}; returns how many were new here. */
        int addAll(Key[] keys, int from, int to) {
            int count = to - from;
            long[][] uuidKeys = new long[count][];
            for (int i = 0; i < count; i++) {
                uuidKeys[i] = keys[from + i].uuid;
            }
            int[] outcomes = new int[count];
            uuids.addAll(uuidKeys, count, outcomes);
            int added = 0;
            for (int i = 0; i < count; i++) {
                if (outcomes[i] == UuidSet.ADDED
                        || outcomes[i] == UuidSet.FULL && add(keys[from + i].id, uuidKeys[i])) {
                    added++;
                }
            }
            return added;
        }

        int size() {
            return uuids.size() + others.size();
        }

        AtomicInteger counter() {
            return size;
        }

        long startedNanos() {
            return startedNanos;
        }
    }

    public RecentEventIds(long maxEntries, Duration ttl) {
        this(maxEntries, ttl, System::nanoTime);
    }

    RecentEventIds(long maxEntries, Duration ttl, LongSupplier nanoClock) {
        this.generationEntries = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxEntries / 2));
        this.generationNanos = Math.max(1, ttl.toNanos() / 2);
        this.nanoClock = nanoClock;
        this.current = new Generation(generationEntries, nanoClock.getAsLong());
        this.previous = new Generation(nanoClock.getAsLong());
    }

    /**
     * An event id prepared for this set: parsed once where the request is handled, then used for the
     * check there and for the insert on Kafka's I/O thread, which so reads no cold string.
     */
    public static final class Key {
        final String id;
        /** {@link UuidSet#key}: null for an id that is not UUID-shaped. */
        final long[] uuid;

        private Key(String id) {
            this.id = id;
            this.uuid = UuidSet.key(id);
        }
    }

    public static Key key(String eventId) {
        return new Key(eventId);
    }

    /** Whether an event with this id was acknowledged by Kafka recently. */
    public boolean wasAcknowledged(String eventId) {
        return wasAcknowledged(key(eventId));
    }

    public boolean wasAcknowledged(Key key) {
        rotateIfOld();
        return current.contains(key.id, key.uuid) || previous.contains(key.id, key.uuid);
    }

    /** Records that Kafka acknowledged the event with this id. */
    public void acknowledged(String eventId) {
        acknowledged(key(eventId));
    }

    public void acknowledged(Key key) {
        rotateIfOld();
        Generation generation = current;
        if (generation.add(key.id, key.uuid) && generation.counter().incrementAndGet() >= generationEntries) {
            rotate(generation);
        }
    }

    /**
     * {@link #acknowledged(Key)} for {@code keys[0, count)}, in that order, with one clock read and one
     * lock per generation instead of one per id: a request's ids once Kafka acknowledged them. A
     * generation takes no more ids than it has room for; the rest go into the next one, as one by one.
     */
    public void acknowledgedAll(Key[] keys, int count) {
        rotateIfOld();
        int from = 0;
        while (from < count) {
            Generation generation = current;
            int room = Math.max(1, generationEntries - generation.counter().get());
            int to = Math.min(count, from + room);
            int added = generation.addAll(keys, from, to);
            from = to;
            if (added > 0 && generation.counter().addAndGet(added) >= generationEntries) {
                rotate(generation);
            }
        }
    }

    /** Number of ids held (for tests and diagnostics). */
    public long size() {
        rotateIfOld();
        return current.size() + previous.size();
    }

    private void rotateIfOld() {
        long now = nanoClock.getAsLong();
        Generation generation = current;
        if (now - generation.startedNanos() >= generationNanos) {
            rotate(generation);
        }
        // Ids enter a generation only in its first ttl / 2 (later calls rotate first), so once it
        // started a ttl ago every id in it is at least ttl / 2 old and some may be older than ttl.
        Generation old = previous;
        if (now - old.startedNanos() >= 2 * generationNanos) {
            dropPrevious(old, now);
        }
    }

    private synchronized void dropPrevious(Generation old, long now) {
        if (previous == old) {
            previous = new Generation(now);
        }
    }

    /** Makes {@code full} the previous generation, unless another thread already did. */
    private synchronized void rotate(Generation full) {
        if (current == full) {
            previous = full;
            current = new Generation(generationEntries, nanoClock.getAsLong());
        }
    }
}
