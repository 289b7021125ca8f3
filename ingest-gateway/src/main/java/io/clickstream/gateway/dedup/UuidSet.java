package io.clickstream.gateway.dedup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed-capacity set of UUID-shaped strings kept as numbers: the 128 bits of the 32 hex digits
 * plus one bit per digit for its case, so that two ids are the same entry exactly when the strings
 * are equal. Open addressing with a fingerprint array probed first: looking up a new id reads one
 * line of a 4-byte-a-slot array, where a concurrent set of strings follows a node, a string and its
 * bytes — on a set of ~10^5 ids those were cache misses, JFR showed them as ~10 % of the gateway's CPU.
 *
 * <p>Lookups take no lock: an entry is published by writing its fingerprint last, with release
 * semantics, and entries are never removed (the whole set is dropped). Inserts are serialised.
 */
final class UuidSet {

    /** {@link #add}'s answers. */
    static final int ADDED = 0;
    static final int PRESENT = 1;
    static final int FULL = 2;

    private static final VarHandle FINGERPRINTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final long OCCUPIED = 1L << 32;

    /**
     * Per slot, a non-zero fingerprint of the id's hash (0 = empty), probed first: a lookup of a new
     * id — the common case — reads only this array (4 bytes a slot), not the keys (24 bytes a slot).
     */
    private final int[] fingerprints;
    /** Per slot: high 64 bits, low 64 bits, case tag (OCCUPIED | one bit per upper-case hex digit). */
    private final long[] keys;
    private final int mask;
    private final int maxEntries;
    private int entries;

    /** Allocated up front, so bounded: past 2^19 ids (28 MB) a generation keeps the rest in a concurrent set. */
    private static final int MAX_CAPACITY = 1 << 20;

    /** Room for at least {@code expected} ids (up to 2^19) at a load of at most one half. */
    UuidSet(int expected) {
        int wanted = Math.min(MAX_CAPACITY / 2, Math.max(8, expected));
        int capacity = Integer.highestOneBit(wanted * 2 - 1) * 2;
        this.fingerprints = new int[capacity];
        this.keys = new long[capacity * 3];
        this.mask = capacity - 1;
        this.maxEntries = capacity * 3 / 4;
    }

    /** The key of a UUID-shaped id: {high, low, case tag, hash}; null for any other string. */
    static long[] key(String id) {
        if (id.length() != 36) {
            return null;
        }
        long high = 0;
        long low = 0;
        long caseBits = 0;
        int digit = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                value = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                value = c - 'A' + 10;
                caseBits |= 1L << digit;
            } else {
                return null;
            }
            if (digit < 16) {
                high = (high << 4) | value;
            } else {
                low = (low << 4) | value;
            }
            digit++;
        }
        long tag = OCCUPIED | caseBits;
        return new long[] {high, low, tag, mix(high ^ Long.rotateLeft(low, 29) ^ tag)};
    }

    boolean contains(long[] key) {
        int fingerprint = fingerprint(key);
        for (int i = (int) key[3] & mask; ; i = (i + 1) & mask) {
            int f = (int) FINGERPRINTS.getAcquire(fingerprints, i);
            if (f == 0) {
                return false;
            }
            if (f == fingerprint && sameKey(i, key)) {
                return true;
            }
        }
    }

    /** {@link #ADDED}, {@link #PRESENT}, or {@link #FULL} when it holds its maximum (the id was not added). */
    synchronized int add(long[] key) {
        return addLocked(key);
    }

    /**
     * {@link #add} for {@code keys[0, count)} under one lock (a request's ids, once Kafka acknowledged
     * them), the answer for {@code keys[i]} in {@code outcomes[i]}; a null key is not added ({@link #FULL}).
     */
    synchronized void addAll(long[][] keys, int count, int[] outcomes) {
        for (int i = 0; i < count; i++) {
            outcomes[i] = keys[i] == null ? FULL : addLocked(keys[i]);
        }
    }

    private int addLocked(long[] key) {
        int fingerprint = fingerprint(key);
        for (int i = (int) key[3] & mask; ; i = (i + 1) & mask) {
            int f = fingerprints[i];
            if (f == 0) {
                if (entries >= maxEntries) {
                    return FULL;
                }
                keys[3 * i] = key[0];
                keys[3 * i + 1] = key[1];
                keys[3 * i + 2] = key[2];
                FINGERPRINTS.setRelease(fingerprints, i, fingerprint); // publishes the key written above
                entries++;
                return ADDED;
            }
            if (f == fingerprint && sameKey(i, key)) {
                return PRESENT;
            }
        }
    }

    private boolean sameKey(int slot, long[] key) {
        return keys[3 * slot] == key[0] && keys[3 * slot + 1] == key[1] && keys[3 * slot + 2] == key[2];
    }

    /** From the hash bits the slot index does not use first; never 0 (the empty slot). */
    private static int fingerprint(long[] key) {
        return (int) (key[3] >>> 32) | 1;
    }

    synchronized int size() {
        return entries;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
