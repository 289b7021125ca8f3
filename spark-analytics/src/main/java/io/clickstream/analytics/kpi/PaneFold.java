package io.clickstream.analytics.kpi;

import io.clickstream.analytics.breakdown.BreakdownTally;
import io.clickstream.analytics.session.SessionTally;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import org.apache.spark.sql.Row;

/**
 * The KPI aggregates of some events of one pane, mutable: events are folded in one by one
 * ({@link #add}), partial folds merged ({@link #merge}), and the result read as a {@link Pane}.
 * This is the KPI arithmetic of docs/architecture.md in plain Java, run where the de-duplication already holds
 * each event ({@link FirstOccurrence}), so that no event row goes through Spark's aggregation: a
 * micro-batch emits one partial fold per bucket of keys and pane, serialised with {@link #toBytes};
 * each task merges its partials per pane, and the driver merges those into the stored panes
 * ({@code PaneCache.merge}).
 *
 * <ul>
 *   <li>counters per event type; {@code orders}: purchases with an order id (distinct, because the
 *       de-duplication keys purchases by order id);</li>
 *   <li>revenue: the purchases' {@code revenue}, exact, in cents (the contract's money has two decimals);</li>
 *   <li>visitors: a DataSketches HyperLogLog of the non-empty {@code user_key}s, fed their UTF-8 bytes
 *       as Spark's {@code hll_sketch_agg} does, so sketches of either origin merge;</li>
 *   <li>pages: per page (path, else URL) of a page view, the views; products: per product of a
 *       purchase's items, the units and price × quantity in cents;</li>
 *   <li>sessions: the sessions counted in the pane ({@link SessionTally}, from the session state,
 *       not from {@link #add}), a trailing optional section of the bytes.</li>
 * </ul>
 */
public final class PaneFold {

    private static final byte FORMAT = 1;
    /** The tag of the trailing section holding {@link #sessions}. */
    private static final byte SESSIONS_SECTION = 1;
    /** Tag of the trailing breakdowns section of {@link #toBytes} (a fold without it has no breakdowns). */
    private static final byte BREAKDOWNS_SECTION = 'B';

    private long pageViews;
    private long clicks;
    private long addToCart;
    private long purchases;
    private long orders;
    private long revenueCents;
    /**
     * The visitor keys folded in from events and not yet in {@link #visitors}: a partial of a few
     * dozen events carries its keys, not a sketch, because building, serialising and merging a sketch
     * per partial cost more than the keys (a backlog micro-batch makes thousands of partials).
     */
    private final Set<String> visitorKeys = new HashSet<>();
    /**
     * The visitor keys of a fold read from bytes ({@link #fromBytes}), as their UTF-8 bytes: such a
     * fold is only ever merged into another, whose sketch takes bytes, so decoding them into strings
     * (and encoding them again) was wasted work.
     */
    private final List<byte[]> visitorKeyBytes = new ArrayList<>();
    /** The sketch of merged partials; null until needed. */
    private Union visitors;
    private int lgConfigK;
    private final Map<String, long[]> pages = new HashMap<>();
    private final Map<String, long[]> products = new HashMap<>();
    private final SessionTally sessions = new SessionTally();
    /** Per breakdown dimension and value, the core KPIs (its own class: {@link BreakdownTally}). */
    private BreakdownTally breakdowns;

    private PaneFold() {
    }

    public PaneFold(int lgConfigK) {
        this(lgConfigK, 0);
    }

    /** @param breakdownPaneCap values per breakdown dimension ({@link BreakdownTally}; 0: the merged partials') */
    public PaneFold(int lgConfigK, int breakdownPaneCap) {
        this.lgConfigK = lgConfigK;
        this.breakdowns = new BreakdownTally(breakdownPaneCap, lgConfigK);
    }

    /**
     * Where {@link #add} finds an event's fields in a row; {@code dimensions}: the parser's breakdown
     * values column (-1: no breakdowns), {@code breakdownPaneCap}: values kept per dimension and pane.
     */
    public record Fields(int type, int userKey, int orderId, int revenue, int pagePath, int pageUrl, int orderItems,
            int dimensions, int breakdownPaneCap) implements java.io.Serializable {

        /** Without breakdowns. */
        public Fields(int type, int userKey, int orderId, int revenue, int pagePath, int pageUrl, int orderItems) {
            this(type, userKey, orderId, revenue, pagePath, pageUrl, orderItems, -1, 0);
        }
    }

    /** A fold holding what {@code pane} holds, to merge more partial folds into. */
    public static PaneFold of(Pane pane, int lgConfigK) {
        PaneFold fold = new PaneFold(lgConfigK);
        fold.pageViews = pane.pageViews();
        fold.clicks = pane.clicks();
        fold.addToCart = pane.addToCart();
        fold.purchases = pane.purchases();
        fold.orders = pane.orders();
        fold.revenueCents = cents(pane.revenue());
        if (pane.visitors().length > 0) {
            fold.visitors().update(HllSketch.heapify(pane.visitors()));
        }
        pane.pages().forEach(e -> tally(fold.pages, e.key(), e.count(), e.revenueCents()));
        pane.products().forEach(e -> tally(fold.products, e.key(), e.count(), e.revenueCents()));
        fold.sessions.add(pane.sessions());
        fold.breakdowns = BreakdownTally.of(pane.breakdowns(), lgConfigK);
        return fold;
    }

    /** A fold holding only session sums (retractions included). */
    public static PaneFold ofSessions(SessionTally sessions, int lgConfigK) {
        PaneFold fold = new PaneFold(lgConfigK);
        fold.sessions.add(sessions);
        return fold;
    }

    /** Adds session sums (retractions included). */
    public void addSessions(SessionTally more) {
        sessions.add(more);
    }

    /** Folds one (de-duplicated) event in. */
    public void add(Row event, Fields f) {
        String type = event.getString(f.type());
        switch (type) {
            case "page_view" -> {
                pageViews++;
                String page = event.isNullAt(f.pagePath()) ? event.getString(f.pageUrl()) : event.getString(f.pagePath());
                if (page != null) {
                    tally(pages, page, 1, 0);
                }
            }
            case "click" -> clicks++;
            case "add_to_cart" -> addToCart++;
            case "purchase" -> addPurchase(event, f);
            default -> {
                // the parser passes only the contract's types; any other counts nowhere
            }
        }
        String user = event.isNullAt(f.userKey()) ? null : event.getString(f.userKey());
        if (user != null && !user.isEmpty()) {
            visitorKeys.add(user);
        }
        if (f.dimensions() >= 0 && !event.isNullAt(f.dimensions())) {
            boolean purchase = "purchase".equals(type);
            breakdowns.capIfUnknown(f.breakdownPaneCap());
            breakdowns.add(event.getList(f.dimensions()), type, user, purchase && !event.isNullAt(f.orderId()),
                    purchase && !event.isNullAt(f.revenue()) ? cents(event.getDecimal(f.revenue())) : 0);
        }
    }

    private void addPurchase(Row event, Fields f) {
        purchases++;
        if (!event.isNullAt(f.orderId())) {
            orders++;
        }
        if (!event.isNullAt(f.revenue())) {
            revenueCents += cents(event.getDecimal(f.revenue()));
        }
        if (event.isNullAt(f.orderItems())) {
            return;
        }
        List<Row> items = event.getList(f.orderItems());
        for (Row item : items) {
            if (item == null || item.isNullAt(0)) {
                continue;
            }
            boolean hasQuantity = !item.isNullAt(2);
            long quantity = hasQuantity ? item.getInt(2) : 0;
            long cents = hasQuantity && !item.isNullAt(1) ? cents(item.getDecimal(1)) * quantity : 0;
            tally(products, item.getString(0), quantity, cents);
        }
    }

    /** Adds another fold of the same pane. */
    public PaneFold merge(PaneFold other) {
        pageViews += other.pageViews;
        clicks += other.clicks;
        addToCart += other.addToCart;
        purchases += other.purchases;
        orders += other.orders;
        revenueCents += other.revenueCents;
        if (other.visitors != null) {
            visitors().update(other.visitors.getResult(TgtHllType.HLL_8));
        }
        sketch(other.visitorKeys);
        sketchBytes(other.visitorKeyBytes);
        other.pages.forEach((k, v) -> tally(pages, k, v[0], v[1]));
        other.products.forEach((k, v) -> tally(products, k, v[0], v[1]));
        sessions.add(other.sessions);
        breakdowns.merge(other.breakdowns);
        return this;
    }

    /** Whether events were folded in (every event counts in one of the four type counters), not only session sums. */
    public boolean hasEvents() {
        return pageViews != 0 || clicks != 0 || addToCart != 0 || purchases != 0;
    }

    /** The pane starting at {@code startMillis} with these aggregates (tallies sorted by key). */
    public Pane toPane(long startMillis) {
        sketchVisitorKeys();
        return new Pane(startMillis, pageViews, clicks, addToCart, purchases, orders, BigDecimal.valueOf(revenueCents, 2),
                visitors == null ? new byte[0] : visitors.toCompactByteArray(), entries(pages), entries(products), sessions.copy(),
                breakdowns.toPane());
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static PaneFold fromBytes(byte[] bytes) {
        PaneFold fold = new PaneFold();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            fold.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fold;
    }

    private void write(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(lgConfigK);
        for (long v : new long[] {pageViews, clicks, addToCart, purchases, orders, revenueCents}) {
            out.writeLong(v);
        }
        byte[] sketch = visitors == null ? new byte[0] : visitors.toCompactByteArray();
        out.writeInt(sketch.length);
        out.write(sketch);
        out.writeInt(visitorKeys.size() + visitorKeyBytes.size());
        for (String key : visitorKeys) {
            writeString(out, key);
        }
        for (byte[] key : visitorKeyBytes) {
            out.writeInt(key.length);
            out.write(key);
        }
        writeTally(out, pages);
        writeTally(out, products);
        if (!sessions.isEmpty()) {
            out.writeByte(SESSIONS_SECTION);
            sessions.write(out);
        }
        if (!breakdowns.isEmpty()) {
            out.writeByte(BREAKDOWNS_SECTION);
            breakdowns.writeTo(out);
        }
    }

    private void read(DataInputStream in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown pane fold format " + format);
        }
        lgConfigK = in.readInt();
        pageViews = in.readLong();
        clicks = in.readLong();
        addToCart = in.readLong();
        purchases = in.readLong();
        orders = in.readLong();
        revenueCents = in.readLong();
        byte[] sketch = new byte[in.readInt()];
        in.readFully(sketch);
        visitors = sketch.length == 0 ? null : Union.heapify(sketch);
        int keys = in.readInt();
        for (int i = 0; i < keys; i++) {
            byte[] key = new byte[in.readInt()];
            in.readFully(key);
            visitorKeyBytes.add(key);
        }
        readTally(in, pages);
        readTally(in, products);
        breakdowns = new BreakdownTally(0, lgConfigK);
        // Trailing optional sections, each behind its tag: a fold without one reads as empty.
        int tag;
        while ((tag = in.read()) >= 0) {
            if (tag == SESSIONS_SECTION) {
                sessions.add(SessionTally.read(in));
            } else if (tag == BREAKDOWNS_SECTION) {
                breakdowns = BreakdownTally.readFrom(in, lgConfigK);
            } else {
                throw new IOException("unknown pane fold section " + tag);
            }
        }
    }

    private static void writeTally(DataOutput out, Map<String, long[]> tally) throws IOException {
        out.writeInt(tally.size());
        for (Map.Entry<String, long[]> e : tally.entrySet()) {
            writeString(out, e.getKey());
            out.writeLong(e.getValue()[0]);
            out.writeLong(e.getValue()[1]);
        }
    }

    private static void readTally(DataInput in, Map<String, long[]> tally) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            tally.put(readString(in), new long[] {in.readLong(), in.readLong()});
        }
    }

    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Moves the pending visitor keys into the sketch. */
    private void sketchVisitorKeys() {
        sketch(visitorKeys);
        visitorKeys.clear();
        sketchBytes(visitorKeyBytes);
        visitorKeyBytes.clear();
    }

    /** Feeds visitor keys already in UTF-8 to the sketch. */
    private void sketchBytes(List<byte[]> keys) {
        for (byte[] key : keys) {
            visitors().update(key);
        }
    }

    /** Feeds visitor keys to the sketch as their UTF-8 bytes (what Spark's {@code hll_sketch_agg} feeds it). */
    private void sketch(Set<String> keys) {
        for (String key : keys) {
            visitors().update(key.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Union visitors() {
        if (visitors == null) {
            visitors = new Union(lgConfigK);
        }
        return visitors;
    }

    private static void tally(Map<String, long[]> tally, String key, long count, long cents) {
        long[] v = tally.computeIfAbsent(key, k -> new long[2]);
        v[0] += count;
        v[1] += cents;
    }

    private static List<TopN.Entry> entries(Map<String, long[]> tally) {
        List<TopN.Entry> entries = new ArrayList<>(tally.size());
        new TreeMap<>(tally).forEach((k, v) -> entries.add(new TopN.Entry(k, v[0], v[1])));
        return entries;
    }

    /** Money with two decimals → cents (exact; the contract's money type has scale 2). */
    private static long cents(BigDecimal money) {
        return money.movePointRight(2).longValueExact();
    }
}
