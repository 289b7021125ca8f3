package io.clickstream.analytics.breakdown;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte form of a {@link BreakdownTally}: a growable array written with plain array stores, and
 * read back through a {@link ByteBuffer}. A partial writes a few dozen numbers per event, and
 * {@code DataOutputStream} over a {@code ByteArrayOutputStream} turned each {@code int} into four
 * synchronised calls: most of a partial's serialisation time.
 */
final class TallyBytes {

    private byte[] bytes = new byte[512];
    private int size;

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void putByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void putInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    void putBytes(byte[] b) {
        putInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    void putString(String s) {
        putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Counters as a mask of the non-zero ones and their values: most events set one of six. */
    void putCounts(long[] counts) {
        int mask = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                mask |= 1 << i;
            }
        }
        putByte(mask);
        for (long c : counts) {
            if (c != 0) {
                putLong(c);
            }
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    static byte[] getBytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }

    static String getString(ByteBuffer in) {
        return new String(getBytes(in), StandardCharsets.UTF_8);
    }

    static void getCounts(ByteBuffer in, long[] counts) {
        int mask = in.get();
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (mask & (1 << i)) != 0 ? in.getLong() : 0;
        }
    }
}
