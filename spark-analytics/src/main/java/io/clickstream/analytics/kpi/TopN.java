package io.clickstream.analytics.kpi;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Top pages and top products, exact. Inside the streaming aggregation a typed {@link Aggregator}
 * keeps a key → (count, revenue) tally per pane; in Update mode every emitted pane carries its whole
 * tally, and the driver merges the tallies of a window's panes and ranks them ({@link #rank}:
 * count desc, revenue desc, key asc) before writing the rank documents by id.
 *
 * <p>Why not a second aggregation by (pane, key)? Update mode emits only the keys that changed in a
 * batch, so the driver would have to keep every key's count itself; a whole tally per pane keeps
 * the pane self-contained. The tally costs state proportional to the distinct pages/products of a
 * pane, which is small for a shop (hundreds to a few thousand).
 */
public final class TopN {

    /** One input or output entry: key, count, revenue in cents. */
    public static final StructType ENTRY = new StructType()
            .add("key", DataTypes.StringType)
            .add("count", DataTypes.LongType)
            .add("revenue_cents", DataTypes.LongType);

    static final StructType INPUT = new StructType().add("entries", new ArrayType(ENTRY, true));
    static final StructType OUTPUT = new StructType().add("entries", new ArrayType(ENTRY, false));

    private TopN() {
    }

    /** Entries a row contributes to the top pages: its page (path, else URL) once, for page views. */
    public static Column pageEntries() {
        Column key = coalesce(col("page_path"), col("page_url"));
        return when(col("type").equalTo("page_view").and(key.isNotNull()),
                array(struct(key.as("key"), lit(1L).as("count"), lit(0L).as("revenue_cents"))));
    }

    /** Entries a row contributes to the top products: each item of a purchase, units and price × quantity. */
    public static Column productEntries() {
        return when(col("type").equalTo("purchase"), transform(col("order_items"), item -> struct(
                item.getField("product_id").as("key"),
                item.getField("quantity").cast(DataTypes.LongType).as("count"),
                item.getField("price").multiply(item.getField("quantity")).multiply(lit(100))
                        .cast(DataTypes.LongType).as("revenue_cents"))));
    }

    /**
     * The aggregate function: entries column in, {@code struct<entries: array<entry>>} out, one
     * entry per distinct key (sorted by key) with its summed count and revenue.
     */
    public static UserDefinedFunction tally() {
        return functions.udaf(new Tallying(), Encoders.row(INPUT));
    }

    /** The per-window tally. A bean so Spark's encoder can store it in the state store. */
    public static final class Tally implements Serializable {
        private Map<String, Long> counts = new HashMap<>();
        private Map<String, Long> revenueCents = new HashMap<>();

        public Map<String, Long> getCounts() {
            return counts;
        }

        public void setCounts(Map<String, Long> counts) {
            this.counts = counts;
        }

        public Map<String, Long> getRevenueCents() {
            return revenueCents;
        }

        public void setRevenueCents(Map<String, Long> revenueCents) {
            this.revenueCents = revenueCents;
        }

        void add(String key, long count, long cents) {
            counts.merge(key, count, Long::sum);
            revenueCents.merge(key, cents, Long::sum);
        }
    }

    /** Counts and revenue per key. */
    static final class Tallying extends Aggregator<Row, Tally, Row> {

        @Override
        public Tally zero() {
            return new Tally();
        }

        @Override
        public Tally reduce(Tally tally, Row input) {
            if (input == null || input.isNullAt(0)) {
                return tally;
            }
            List<Row> entries = input.getList(0);
            for (Row e : entries) {
                if (e != null && !e.isNullAt(0)) {
                    tally.add(e.getString(0), e.isNullAt(1) ? 0 : e.getLong(1), e.isNullAt(2) ? 0 : e.getLong(2));
                }
            }
            return tally;
        }

        @Override
        public Tally merge(Tally a, Tally b) {
            b.counts.forEach((k, v) -> a.add(k, v, b.revenueCents.getOrDefault(k, 0L)));
            return a;
        }

        @Override
        public Row finish(Tally tally) {
            List<Row> entries = new ArrayList<>(tally.counts.size());
            new TreeMap<>(tally.counts).forEach((key, count) ->
                    entries.add(RowFactory.create(key, count, tally.revenueCents.getOrDefault(key, 0L))));
            // The Row encoder reads arrays as Scala sequences.
            return RowFactory.create(CollectionConverters.asScala(entries).toSeq());
        }

        @Override
        public Encoder<Tally> bufferEncoder() {
            return Encoders.bean(Tally.class);
        }

        @Override
        public Encoder<Row> outputEncoder() {
            return Encoders.row(OUTPUT);
        }
    }

    /** A tally or ranking entry: key, count, revenue in cents. */
    public record Entry(String key, long count, long revenueCents) {
    }

    /** The first {@code n} of the summed tallies (several panes' entries for the same key add up). */
    public static List<Entry> rank(Iterable<List<Entry>> tallies, int n) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> cents = new HashMap<>();
        for (List<Entry> tally : tallies) {
            for (Entry e : tally) {
                counts.merge(e.key(), e.count(), Long::sum);
                cents.merge(e.key(), e.revenueCents(), Long::sum);
            }
        }
        return rank(counts, cents, n);
    }

    /** The first {@code n} keys by count desc, revenue desc, key asc: deterministic for equal counts. */
    public static List<Entry> rank(Map<String, Long> counts, Map<String, Long> revenueCents, int n) {
        return counts.entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue(), revenueCents.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong(Entry::count).reversed()
                        .thenComparing(Comparator.comparingLong(Entry::revenueCents).reversed())
                        .thenComparing(Entry::key))
                .limit(n)
                .toList();
    }
}
