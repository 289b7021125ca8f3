package io.clickstream.analytics.breakdown;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.Dimensions;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p><b>Cheap per event.</b> An event is counted once under its <em>combination</em> of the eight
 * values (one map lookup), not eight times; its visitor key is numbered once per tally, and
 * combinations and values hold visitor numbers in a bit set. The combinations are spread into
 * per-dimension values when tallies merge, when there are {@code cap} of them, and for the stored
 * pane; a serialised tally writes each visitor key and each distinct value once.
 *
 * <p><b>The pane cap.</b> A dimension keeps at most {@code cap} values, the rest summed as
 * {@link Dimensions#OTHER}, so a client sending random referrers or campaigns grows neither the state
 * nor the index: whenever values are spread from combinations, and when a merged tally is written
 * ({@link #writeTo}, {@link #toPane}), each dimension keeps the {@code cap} values ranked first (page
 * views desc, all events desc, key asc) and sums the rest into {@code other}. While a pane holds at
 * most {@code cap} values per dimension nothing is folded and every figure is exact.
 *
 * <p>The cap travels with the data: partials are built with the configured cap and carry it; a fold
 * made on the driver from a stored pane takes the cap of the first partial merged into it.
 */
public final class BreakdownTally {

    private static final Dimension[] DIMENSIONS = Dimension.values();
    private static final byte FORMAT = 1;
    /** Combinations kept before they are spread into values (bounds a partial whatever clients send). */
    private static final int MIN_COMBINATIONS = 64;

    /** Counters and visitor numbers (indexes into {@link #users}). */
    private static class Counted {
        final long[] counts = new long[Counts.LENGTH];
        final BitSet users = new BitSet();
    }

    /** One value of one dimension; {@code sketch} holds the visitors of stored panes and merged sketches. */
    private static final class Cell extends Counted {
        Union sketch;

        Union sketch(int lgConfigK) {
            if (sketch == null) {
                sketch = new Union(lgConfigK);
            }
            return sketch;
        }
    }

    /** The eight values of an event, as a map key. */
    private record Combination(String[] values, int hash) {
        static Combination of(String[] values) {
            return new Combination(values, Arrays.hashCode(values));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Combination c && c.hash == hash && Arrays.equals(c.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final List<String> users = new ArrayList<>();
    private final Map<String, Integer> userNumbers = new HashMap<>();
    private final Map<Combination, Counted> combinations = new HashMap<>();
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

    /** Sets the pane cap of a tally made without one (the partials' folds take it from their fields). */
    public void capIfUnknown(int paneCap) {
        if (cap == 0) {
            cap = paneCap;
        }
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
        Counted c = combinations.computeIfAbsent(Combination.of(values.toArray(new String[0])), k -> new Counted());
        c.counts[counter]++;
        if (counter == Counts.PURCHASES) {
            if (order) {
                c.counts[Counts.ORDERS]++;
            }
            c.counts[Counts.REVENUE_CENTS] += revenueCents;
        }
        if (userKey != null && !userKey.isEmpty()) {
            c.users.set(userNumber(userKey));
        }
        if (combinations.size() >= Math.max(cap, MIN_COMBINATIONS)) {
            spreadCombinations();
        }
    }

    /** Adds another tally of the same pane. */
    public BreakdownTally merge(BreakdownTally other) {
        if (cap == 0) {
            cap = other.cap;
        }
        int[] renumber = new int[other.users.size()];
        for (int i = 0; i < renumber.length; i++) {
            renumber[i] = userNumber(other.users.get(i));
        }
        other.combinations.forEach((combination, counted) -> spread(combination.values(), counted, renumber));
        for (int d = 0; d < DIMENSIONS.length; d++) {
            Map<String, Cell> cells = byDimension.get(d);
            for (Map.Entry<String, Cell> e : other.byDimension.get(d).entrySet()) {
                Cell theirs = e.getValue();
                Cell mine = cells.computeIfAbsent(e.getKey(), k -> new Cell());
                add(mine, theirs, renumber);
                if (theirs.sketch != null) {
                    mine.sketch(lgConfigK).update(theirs.sketch.getResult(TgtHllType.HLL_8));
                }
            }
        }
        return this;
    }

    /** The values kept of {@code dimension} (tests: the cap holds). */
    int size(Dimension dimension) {
        spreadCombinations();
        return byDimension.get(dimension.ordinal()).size();
    }

    /** The breakdowns of the pane, capped, with one visitor sketch per value. */
    public PaneBreakdowns toPane() {
        spreadCombinations();
        capAll();
        List<List<PaneBreakdowns.Entry>> lists = new ArrayList<>(DIMENSIONS.length);
        boolean empty = true;
        for (Map<String, Cell> cells : byDimension) {
            List<PaneBreakdowns.Entry> entries = new ArrayList<>(cells.size());
            new TreeMap<>(cells).forEach((key, cell) -> entries.add(
                    new PaneBreakdowns.Entry(key, cell.counts.clone(), visitors(cell))));
            empty &= entries.isEmpty();
            lists.add(List.copyOf(entries));
        }
        return empty ? PaneBreakdowns.EMPTY : new PaneBreakdowns(List.copyOf(lists));
    }

    /**
     * Serialises a partial (an int length, then the tally): visitor keys once, the distinct values
     * once, combinations as value numbers, values (capped) with their sketches.
     */
    public void writeTo(DataOutput out) throws IOException {
        capAll();
        TallyBytes b = new TallyBytes();
        b.putByte(FORMAT);
        b.putInt(cap);
        b.putInt(users.size());
        for (String user : users) {
            b.putString(user);
        }
        // The combinations' values as numbers into a table of the distinct ones: a partial's events
        // mostly have a distinct combination, but share most of its values.
        Map<String, Integer> numbers = new HashMap<>();
        List<String> table = new ArrayList<>();
        int[][] numbered = new int[combinations.size()][];
        int i = 0;
        for (Combination combination : combinations.keySet()) {
            int[] row = new int[DIMENSIONS.length];
            for (int d = 0; d < row.length; d++) {
                String value = combination.values()[d];
                Integer n = numbers.get(value);
                if (n == null) {
                    n = table.size();
                    table.add(value);
                    numbers.put(value, n);
                }
                row[d] = n;
            }
            numbered[i++] = row;
        }
        b.putInt(table.size());
        for (String value : table) {
            b.putString(value);
        }
        b.putInt(combinations.size());
        i = 0;
        for (Counted counted : combinations.values()) {
            for (int n : numbered[i++]) {
                b.putInt(n);
            }
            putCounted(b, counted);
        }
        for (Map<String, Cell> cells : byDimension) {
            b.putInt(cells.size());
            for (Map.Entry<String, Cell> e : cells.entrySet()) {
                b.putString(e.getKey());
                putCounted(b, e.getValue());
                b.putBytes(e.getValue().sketch == null ? new byte[0] : e.getValue().sketch.toCompactByteArray());
            }
        }
        byte[] bytes = b.toArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeTo} wrote. */
    public static BreakdownTally readFrom(DataInput input, int lgConfigK) throws IOException {
        byte[] bytes = new byte[input.readInt()];
        input.readFully(bytes);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IOException("unknown breakdown tally format " + format);
        }
        BreakdownTally tally = new BreakdownTally(in.getInt(), lgConfigK);
        int users = in.getInt();
        for (int i = 0; i < users; i++) {
            tally.userNumber(TallyBytes.getString(in));
        }
        String[] table = new String[in.getInt()];
        for (int i = 0; i < table.length; i++) {
            table[i] = TallyBytes.getString(in);
        }
        int combinations = in.getInt();
        for (int i = 0; i < combinations; i++) {
            String[] values = new String[DIMENSIONS.length];
            for (int d = 0; d < values.length; d++) {
                values[d] = table[in.getInt()];
            }
            Counted counted = new Counted();
            getCounted(in, counted);
            tally.combinations.put(Combination.of(values), counted);
        }
        for (Map<String, Cell> cells : tally.byDimension) {
            int n = in.getInt();
            for (int i = 0; i < n; i++) {
                String key = TallyBytes.getString(in);
                Cell cell = new Cell();
                getCounted(in, cell);
                byte[] sketch = TallyBytes.getBytes(in);
                if (sketch.length > 0) {
                    cell.sketch(lgConfigK).update(HllSketch.heapify(sketch));
                }
                cells.put(key, cell);
            }
        }
        return tally;
    }

    public boolean isEmpty() {
        return combinations.isEmpty() && byDimension.stream().allMatch(Map::isEmpty);
    }

    private int userNumber(String user) {
        Integer n = userNumbers.get(user);
        if (n == null) {
            n = users.size();
            users.add(user);
            userNumbers.put(user, n);
        }
        return n;
    }

    /** Moves the combinations into per-dimension values. */
    private void spreadCombinations() {
        if (combinations.isEmpty()) {
            return;
        }
        combinations.forEach((combination, counted) -> spread(combination.values(), counted, null));
        combinations.clear();
        capAll();
    }

    /** Adds one combination's counters to its value of each dimension. */
    private void spread(String[] values, Counted counted, int[] renumber) {
        for (int d = 0; d < values.length; d++) {
            add(byDimension.get(d).computeIfAbsent(values[d], k -> new Cell()), counted, renumber);
        }
    }

    private static void add(Counted into, Counted from, int[] renumber) {
        Counts.add(into.counts, from.counts);
        if (renumber == null) {
            into.users.or(from.users);
        } else {
            for (int u = from.users.nextSetBit(0); u >= 0; u = from.users.nextSetBit(u + 1)) {
                into.users.set(renumber[u]);
            }
        }
    }

    /** The cell's visitors as a serialised sketch: its sketch with its visitor keys added. */
    private byte[] visitors(Cell cell) {
        if (!cell.users.isEmpty()) {
            Union union = cell.sketch(lgConfigK);
            for (int u = cell.users.nextSetBit(0); u >= 0; u = cell.users.nextSetBit(u + 1)) {
                union.update(users.get(u).getBytes(StandardCharsets.UTF_8));
            }
            cell.users.clear();
        }
        return cell.sketch == null ? new byte[0] : cell.sketch.toCompactByteArray();
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
                Cell cell = dropped.getValue();
                add(other, cell, null);
                if (cell.sketch != null) {
                    other.sketch(lgConfigK).update(cell.sketch.getResult(TgtHllType.HLL_8));
                }
                cells.remove(dropped.getKey());
            }
        }
    }

    private static void putCounted(TallyBytes b, Counted counted) {
        b.putCounts(counted.counts);
        b.putInt(counted.users.cardinality());
        for (int u = counted.users.nextSetBit(0); u >= 0; u = counted.users.nextSetBit(u + 1)) {
            b.putInt(u);
        }
    }

    private static void getCounted(ByteBuffer in, Counted counted) {
        TallyBytes.getCounts(in, counted.counts);
        int n = in.getInt();
        for (int i = 0; i < n; i++) {
            counted.users.set(in.getInt());
        }
    }
}
