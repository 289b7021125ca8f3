package io.clickstream.analytics.breakdown;

import io.clickstream.dimensions.Dimension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;

/**
 * The breakdowns of one stored pane, immutable: per {@link Dimension}, its values (at most the pane
 * cap, plus {@code other}) with their counters and a serialised HyperLogLog of their visitor keys.
 * Part of {@code kpi.Pane}; {@link #EMPTY} for a pane without breakdowns (also one stored before the
 * job had them).
 */
public final class PaneBreakdowns {

    public static final PaneBreakdowns EMPTY = new PaneBreakdowns(emptyLists());

    private static final byte FORMAT = 1;
    private static final Dimension[] DIMENSIONS = Dimension.values();

    /** One value of a dimension in a pane. */
    public static final class Entry {
        private final String key;
        private final long[] counts;
        private final byte[] visitors;
        /** The heapified sketch, built on first use: the driver sums the same stored panes batch after batch. */
        private HllSketch sketch;

        Entry(String key, long[] counts, byte[] visitors) {
            this.key = key;
            this.counts = counts;
            this.visitors = visitors;
        }

        public String key() {
            return key;
        }

        long[] counts() {
            return counts;
        }

        byte[] visitors() {
            return visitors;
        }

        /** The visitor sketch, {@code null} when no visitor key was seen. */
        synchronized HllSketch sketch() {
            if (sketch == null && visitors.length > 0) {
                sketch = HllSketch.heapify(visitors);
            }
            return sketch;
        }

        public long pageViews() {
            return counts[Counts.PAGE_VIEWS];
        }
    }

    private final List<List<Entry>> byDimension;

    PaneBreakdowns(List<List<Entry>> byDimension) {
        this.byDimension = byDimension;
    }

    /** The values of {@code dimension}, sorted by key. */
    public List<Entry> entries(Dimension dimension) {
        return byDimension.get(dimension.ordinal());
    }

    public boolean isEmpty() {
        return byDimension.stream().allMatch(List::isEmpty);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            for (List<Entry> entries : byDimension) {
                out.writeInt(entries.size());
                for (Entry e : entries) {
                    byte[] key = e.key.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(key.length);
                    out.write(key);
                    for (long c : e.counts) {
                        out.writeLong(c);
                    }
                    out.writeInt(e.visitors.length);
                    out.write(e.visitors);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static PaneBreakdowns fromBytes(byte[] bytes) {
        if (bytes.length == 0) {
            return EMPTY;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IOException("unknown pane breakdowns format " + format);
            }
            List<List<Entry>> byDimension = new ArrayList<>(DIMENSIONS.length);
            for (int d = 0; d < DIMENSIONS.length; d++) {
                int n = in.readInt();
                List<Entry> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] keyBytes = new byte[in.readInt()];
                    in.readFully(keyBytes);
                    String key = new String(keyBytes, StandardCharsets.UTF_8);
                    long[] counts = new long[Counts.LENGTH];
                    for (int c = 0; c < counts.length; c++) {
                        counts[c] = in.readLong();
                    }
                    byte[] visitors = new byte[in.readInt()];
                    in.readFully(visitors);
                    entries.add(new Entry(key, counts, visitors));
                }
                byDimension.add(List.copyOf(entries));
            }
            return new PaneBreakdowns(List.copyOf(byDimension));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<Entry>> emptyLists() {
        List<List<Entry>> lists = new ArrayList<>();
        for (int d = 0; d < Dimension.values().length; d++) {
            lists.add(List.of());
        }
        return List.copyOf(lists);
    }
}
