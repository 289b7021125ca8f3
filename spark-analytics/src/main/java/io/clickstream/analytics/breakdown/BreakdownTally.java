package io.clickstream.analytics.breakdown;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.Dimensions;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * The breakdown part of a pane fold ({@code kpi.PaneFold}), mutable: per {@link Dimension} and value,
 * the core KPI counters and the visitors. Folded like the pane's own KPIs: events are added where the
 * de-duplication holds them ({@link #add}), partials carry visitor keys (not sketches) and are merged
 * per task and on the driver ({@link #merge}), and the driver turns the result into the stored
 * {@link PaneBreakdowns} with one HyperLogLog per value ({@link #toPane}).
 *
 * <p><b>The pane cap.</b> A dimension keeps at most {@code cap} values, the rest summed as
 * {@link Dimensions#OTHER}, so a client sending random referrers or campaigns grows neither the state
 * nor the index. Events past the cap join {@code other} as they arrive ({@link #add}: the cost stays
 * one map lookup); merged folds keep, per dimension, the {@code cap} values ranked first (page views
 * desc, all events desc, key asc) and move the rest into {@code other} when they are written
 * ({@link #writeTo}, {@link #toPane}). While a pane holds at most {@code cap} values per dimension
 * nothing is folded and every figure is exact.
 *
 * <p>The cap travels with the data: partials are built with the configured cap and carry it; a fold
 * made on the driver from a stored pane takes the cap of the first partial merged into it.
 */
public final class BreakdownTally {

    private static final Dimension[] DIMENSIONS = Dimension.values();
    private static final byte FORMAT = 1;

    /** One value's counters and visitors. */
    private static final class Cell {
        final long[] counts = new long[Counts.LENGTH];
        /** Visitor keys of events folded here and not yet in {@link #sketch}. */
        final Set<String> keys = new HashSet<>(4);
        Union sketch;

        void merge(Cell other, int lgConfigK) {
            Counts.add(counts, other.counts);
            keys.addAll(other.keys);
            if (other.sketch != null) {
                sketch(lgConfigK).update(other.sketch.getResult(TgtHllType.HLL_8));
            }
        }

        Union sketch(int lgConfigK) {
            if (sketch == null) {
                sketch = new Union(lgConfigK);
            }
            return sketch;
        }

        byte[] visitors(int lgConfigK) {
            if (!keys.isEmpty()) {
                Union union = sketch(lgConfigK);
                for (String key : keys) {
                    union.update(key.getBytes(StandardCharsets.UTF_8));
                }
                keys.clear();
            }
            return sketch == null ? new byte[0] : sketch.toCompactByteArray();
        }
    }

    private final List<Map<String, Cell>> byDimension = new ArrayList<>(DIMENSIONS.length);
    private final int lgConfigK;
    /** Values per dimension; 0 until known (a fold made from a stored pane). */
    private int cap;

    /**
     * @param cap       values per dimension and pane before the rest is summed as {@code other};
     *                  0 when not known here (then the first merged partial's cap applies)
     * @param lgConfigK the visitor sketches' size
     */
    public BreakdownTally(int cap, int lgConfigK) {
        if (cap < 0) {
            throw new IllegalArgumentException("breakdown pane cap must be >= 0, found " + cap);
        }
        this.cap = cap;
        this.lgConfigK = lgConfigK;
        for (int d = 0; d < DIMENSIONS.length; d++) {
            byDimension.add(new HashMap<>());
        }
    }

    /** A tally holding what a stored pane's breakdowns hold, to merge partials into. */
    public static BreakdownTally of(PaneBreakdowns pane, int lgConfigK) {
        BreakdownTally tally = new BreakdownTally(0, lgConfigK);
        for (Dimension d : DIMENSIONS) {
            Map<String, Cell> cells = tally.byDimension.get(d.ordinal());
            for (PaneBreakdowns.Entry e : pane.entries(d)) {
                Cell cell = new Cell();
                System.arraycopy(e.counts(), 0, cell.counts, 0, Counts.LENGTH);
                if (e.sketch() != null) {
                    cell.sketch(lgConfigK).update(e.sketch());
                }
                cells.put(e.key(), cell);
            }
        }
        return tally;
    }

    /**
     * Folds one de-duplicated event in.
     *
     * @param values       its dimension values in {@link Dimension} order (the parser's {@code dimensions} column)
     * @param type         its event type
     * @param userKey      its visitor key ({@code null} or empty: none)
     * @param order        a purchase with an order id (counts in {@code orders})
     * @param revenueCents a purchase's revenue in cents, else 0
     */
    public void add(List<String> values, String type, String userKey, boolean order, long revenueCents) {
        int counter = switch (type) {
            case "page_view" -> Counts.PAGE_VIEWS;
            case "click" -> Counts.CLICKS;
            case "add_to_cart" -> Counts.ADD_TO_CART;
            case "purchase" -> Counts.PURCHASES;
            default -> -1;
        };
        if (counter < 0) {
            return;
        }
        boolean visitor = userKey != null && !userKey.isEmpty();
        for (int d = 0; d < DIMENSIONS.length; d++) {
            Map<String, Cell> cells = byDimension.get(d);
            String value = values.get(d);
            Cell cell = cells.get(value);
            if (cell == null) {
                // Past the cap (other not counted in it), new values go to other.
                boolean full = cap > 0 && cells.size() - (cells.containsKey(Dimensions.OTHER) ? 1 : 0) >= cap;
                cell = cells.computeIfAbsent(full ? Dimensions.OTHER : value, k -> new Cell());
            }
            cell.counts[counter]++;
            if (counter == Counts.PURCHASES) {
                if (order) {
                    cell.counts[Counts.ORDERS]++;
                }
                cell.counts[Counts.REVENUE_CENTS] += revenueCents;
            }
            if (visitor) {
                cell.keys.add(userKey);
            }
        }
    }

    /** Adds another tally of the same pane (its cells are taken over: do not use {@code other} afterwards). */
    public BreakdownTally merge(BreakdownTally other) {
        if (cap == 0) {
            cap = other.cap;
        }
        for (int d = 0; d < DIMENSIONS.length; d++) {
            Map<String, Cell> cells = byDimension.get(d);
            other.byDimension.get(d).forEach((key, cell) -> {
                Cell mine = cells.putIfAbsent(key, cell);
                if (mine != null) {
                    mine.merge(cell, lgConfigK);
                }
            });
        }
        return this;
    }

    /** The values kept of {@code dimension} right now (tests: the cap holds). */
    int size(Dimension dimension) {
        return byDimension.get(dimension.ordinal()).size();
    }

    /** The breakdowns of the pane, capped, with one visitor sketch per value. */
    public PaneBreakdowns toPane() {
        capAll();
        List<List<PaneBreakdowns.Entry>> lists = new ArrayList<>(DIMENSIONS.length);
        boolean empty = true;
        for (Map<String, Cell> cells : byDimension) {
            List<PaneBreakdowns.Entry> entries = new ArrayList<>(cells.size());
            new TreeMap<>(cells).forEach((key, cell) -> entries.add(
                    new PaneBreakdowns.Entry(key, cell.counts.clone(), cell.visitors(lgConfigK))));
            empty &= entries.isEmpty();
            lists.add(List.copyOf(entries));
        }
        return empty ? PaneBreakdowns.EMPTY : new PaneBreakdowns(List.copyOf(lists));
    }

    /** Serialises a partial (visitor keys as keys, merged sketches as sketches), capped. */
    public void writeTo(DataOutput out) throws IOException {
        capAll();
        out.writeByte(FORMAT);
        out.writeInt(cap);
        for (Map<String, Cell> cells : byDimension) {
            out.writeInt(cells.size());
            for (Map.Entry<String, Cell> e : cells.entrySet()) {
                Cell cell = e.getValue();
                out.writeUTF(e.getKey());
                for (long c : cell.counts) {
                    out.writeLong(c);
                }
                byte[] sketch = cell.sketch == null ? new byte[0] : cell.sketch.toCompactByteArray();
                out.writeInt(sketch.length);
                out.write(sketch);
                out.writeInt(cell.keys.size());
                for (String key : cell.keys) {
                    out.writeUTF(key);
                }
            }
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static BreakdownTally readFrom(DataInput in, int lgConfigK) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown breakdown tally format " + format);
        }
        BreakdownTally tally = new BreakdownTally(in.readInt(), lgConfigK);
        for (Map<String, Cell> cells : tally.byDimension) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                Cell cell = new Cell();
                for (int c = 0; c < Counts.LENGTH; c++) {
                    cell.counts[c] = in.readLong();
                }
                byte[] sketch = new byte[in.readInt()];
                in.readFully(sketch);
                if (sketch.length > 0) {
                    cell.sketch(lgConfigK).update(HllSketch.heapify(sketch));
                }
                int keys = in.readInt();
                for (int k = 0; k < keys; k++) {
                    cell.keys.add(in.readUTF());
                }
                cells.put(key, cell);
            }
        }
        return tally;
    }

    public boolean isEmpty() {
        return byDimension.stream().allMatch(Map::isEmpty);
    }

    /** Every dimension down to {@code cap} values plus {@code other}: the lowest ranked are summed into it. */
    private void capAll() {
        if (cap == 0) {
            return;
        }
        for (Map<String, Cell> cells : byDimension) {
            int values = cells.size() - (cells.containsKey(Dimensions.OTHER) ? 1 : 0);
            if (values <= cap) {
                continue;
            }
            List<Map.Entry<String, Cell>> ranked = new ArrayList<>(cells.entrySet());
            ranked.removeIf(e -> e.getKey().equals(Dimensions.OTHER));
            ranked.sort(Counts.ranking(Map.Entry::getKey, e -> e.getValue().counts));
            Cell other = cells.computeIfAbsent(Dimensions.OTHER, k -> new Cell());
            for (Map.Entry<String, Cell> dropped : ranked.subList(cap, ranked.size())) {
                other.merge(dropped.getValue(), lgConfigK);
                cells.remove(dropped.getKey());
            }
        }
    }
}
