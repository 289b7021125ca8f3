package io.clickstream.gateway.dedup;

import java.util.HashMap;
import java.util.Map;

/**
 * The first copy of each event id within one request: later copies are answered like it. Keyed by the
 * {@link RecentEventIds.Key} the request computes anyway for the acknowledged-ids check, so a UUID is
 * compared as three numbers ({@link UuidSet}: equal exactly when the strings are) instead of being
 * hashed again as a string into a {@code HashMap<String, Integer>}, which JFR showed at ~4 % of the
 * gateway's CPU. Ids that are not UUIDs go into such a map. Not thread-safe: one per request.
 */
public final class FirstCopies {

    private final RecentEventIds.Key[] keys;
    private final int[] indexes;
    private final int mask;
    private Map<String, Integer> others;

    /** For at most {@code ids} ids (the request's events): the table is never more than half full. */
    public FirstCopies(int ids) {
        int capacity = Integer.highestOneBit(Math.max(4, ids) * 2 - 1) * 2;
        this.keys = new RecentEventIds.Key[capacity];
        this.indexes = new int[capacity];
        this.mask = capacity - 1;
    }

    /**
     * The index of an earlier copy of this id in the request, or -1 if this is the first (then
     * {@code index} is recorded as its first copy).
     */
    public int putIfAbsent(RecentEventIds.Key key, int index) {
        long[] uuid = key.uuid;
        if (uuid == null) {
            if (others == null) {
                others = new HashMap<>();
            }
            Integer first = others.putIfAbsent(key.id, index);
            return first == null ? -1 : first;
        }
        for (int slot = (int) uuid[3] & mask; ; slot = (slot + 1) & mask) {
            RecentEventIds.Key present = keys[slot];
            if (present == null) {
                keys[slot] = key;
                indexes[slot] = index;
                return -1;
            }
            long[] other = present.uuid;
            if (other[0] == uuid[0] && other[1] == uuid[1] && other[2] == uuid[2]) {
                return indexes[slot];
            }
        }
    }
}
