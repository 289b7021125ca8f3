package io.clickstream.analytics.parse;

import static org.apache.spark.sql.functions.col;

import io.clickstream.event.EventTimestamps;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Kafka records → typed click events. Pure Dataset → Dataset functions (batch or streaming alike),
 * so the same code is tested on static data and runs in the job.
 *
 * <p>{@link #parse} returns the valid events with the columns of {@link #EVENT_COLUMNS} — the
 * contract shared with the alert rules. {@link #rejects} returns every record that is not valid
 * JSON, has a field of the wrong JSON type, or violates the event contract (missing required
 * field, unknown type, wrong topic for its type, negative price…), with the rules it broke.
 * Both come from one classification ({@link #classify}) so every input record lands in exactly one
 * of them; each builds only its own rows.
 *
 * <p>Each record is parsed once, by {@link RawEventReader} (Jackson's streaming parser) inside a
 * {@code mapPartitions}, and checked by {@link ContractRules}. Spark's {@code from_json} was the
 * job's biggest cost: the optimizer copied the parse into every field read and rule (71 parses per
 * record in the optimized plan), and an opaque function is the reliable way to stop that.
 *
 * <p>Input: the Kafka source's columns {@code value (binary), topic, partition, offset, timestamp}
 * (others are ignored).
 */
public final class EventParser {

    /** Money as the contract's decimal: cents exact, far above any real order total. */
    public static final DecimalType MONEY = DataTypes.createDecimalType(18, 2);

    /** The element type of {@code order_items}. */
    public static final StructType ORDER_ITEM = new StructType()
            .add("product_id", DataTypes.StringType)
            .add("price", MONEY)
            .add("quantity", DataTypes.IntegerType);

    /**
     * The type of the {@code dimensions} column: the breakdown dimension values of an event
     * ({@link io.clickstream.dimensions.Dimensions}), in the order of
     * {@link io.clickstream.dimensions.Dimension}; derived once, at parse time, and only for a query
     * that picks the column.
     */
    public static final ArrayType DIMENSIONS = new ArrayType(DataTypes.StringType, false);

    /** The parsed event columns, in order, with their types: the contract with the alert rules. */
    public static final StructType EVENT_COLUMNS = new StructType(new StructField[] {
            field("event_id", DataTypes.StringType),
            field("type", DataTypes.StringType),
            field("ts", DataTypes.TimestampType),
            field("user_key", DataTypes.StringType),
            field("user_id", DataTypes.StringType),
            field("anonymous_id", DataTypes.StringType),
            field("session_id", DataTypes.StringType),
            field("site", DataTypes.StringType),
            field("page_url", DataTypes.StringType),
            field("page_path", DataTypes.StringType),
            field("element", DataTypes.StringType),
            field("product_id", DataTypes.StringType),
            field("product_category", DataTypes.StringType),
            field("product_price", MONEY),
            field("product_quantity", DataTypes.IntegerType),
            field("order_id", DataTypes.StringType),
            field("revenue", MONEY),
            field("currency", DataTypes.StringType),
            field("order_items", new ArrayType(ORDER_ITEM, true)),
            field("received_at", DataTypes.TimestampType),
            field("topic", DataTypes.StringType),
            field("partition", DataTypes.IntegerType),
            field("offset", DataTypes.LongType),
    });

    /**
     * The columns a query can pick ({@link #parse(Dataset, List)}, {@link #parseWithRejects}):
     * {@link #EVENT_COLUMNS} and {@code dimensions} ({@link #DIMENSIONS}), which only the one-pass
     * query's breakdowns read, so the other queries do not pay for deriving it.
     */
    static final StructType PICKABLE_COLUMNS = EVENT_COLUMNS.add(field("dimensions", DIMENSIONS));

    /** The schema of {@link #rejects}. */
    public static final StructType REJECTS = new StructType(new StructField[] {
            field("topic", DataTypes.StringType),
            field("partition", DataTypes.IntegerType),
            field("offset", DataTypes.LongType),
            field("kafka_timestamp", DataTypes.TimestampType),
            field("reason", DataTypes.StringType),
            field("raw", DataTypes.StringType),
    });

    static final String MALFORMED = "value: not valid JSON or a field of the wrong JSON type";
    static final String NULL_RECORD = "value: null record";

    private EventParser() {
    }

    /** The valid events of {@code kafkaRows}, typed as {@link #EVENT_COLUMNS}. */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows) {
        return kafkaFields(kafkaRows).mapPartitions(new Keep(IntStream.range(0, EVENT_COLUMNS.size()).toArray()), Encoders.row(EVENT_COLUMNS));
    }

    /**
     * The valid events of {@code kafkaRows} with only the named {@link #PICKABLE_COLUMNS}, in that order:
     * of event columns, the same rows as {@code parse(kafkaRows).select(columns)}. A query that reads a few columns
     * saves building and serialising the others (the parse is opaque to Spark, which cannot prune it).
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows, List<String> columns) {
        int[] picks = columns.stream().mapToInt(PICKABLE_COLUMNS::fieldIndex).toArray();
        StructType schema = new StructType(Arrays.stream(picks).mapToObj(i -> PICKABLE_COLUMNS.fields()[i])
                .toArray(StructField[]::new));
        return kafkaFields(kafkaRows).mapPartitions(new Keep(picks), Encoders.row(schema));
    }

    /**
     * The records that are not valid events: {@code topic, partition, offset, kafka_timestamp,
     * reason} (the broken rules, "; "-separated) and {@code raw} (the value as text).
     */
    public static Dataset<Row> rejects(Dataset<Row> kafkaRows) {
        return kafkaFields(kafkaRows).mapPartitions(new Keep(null), Encoders.row(REJECTS));
    }

    /**
     * Every record of {@code kafkaRows}, classified in one parse: the named {@link #PICKABLE_COLUMNS}
     * followed by a column {@code reject} of type {@link #REJECTS}, {@code null} for a valid event; a
     * reject has {@code null} in every event column. One pass for a query that handles both.
     */
    public static Dataset<Row> parseWithRejects(Dataset<Row> kafkaRows, List<String> columns) {
        int[] picks = columns.stream().mapToInt(PICKABLE_COLUMNS::fieldIndex).toArray();
        StructType schema = new StructType(Arrays.stream(picks).mapToObj(i -> PICKABLE_COLUMNS.fields()[i])
                .toArray(StructField[]::new)).add("reject", REJECTS, true);
        return kafkaFields(kafkaRows).mapPartitions(new KeepBoth(picks), Encoders.row(schema));
    }

    private static Dataset<Row> kafkaFields(Dataset<Row> kafkaRows) {
        return kafkaRows.select(col("value"), col("topic"), col("partition"), col("offset"), col("timestamp"));
    }

    /**
     * Kafka rows ({@code value, topic, partition, offset, timestamp}) → the valid events as
     * {@link #EVENT_COLUMNS} rows (or the picked ones), or the rejects as {@link #REJECTS} rows: each
     * query builds only the rows, and the columns, it keeps.
     */
    private static final class Keep implements MapPartitionsFunction<Row, Row> {
        /** The indexes of {@link #EVENT_COLUMNS} to build, in order; {@code null}: the rejects. */
        private final int[] picks;

        Keep(int[] picks) {
            this.picks = picks;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> records) {
            return new Iterator<>() {
                private Row next;

                @Override
                public boolean hasNext() {
                    while (next == null && records.hasNext()) {
                        Row r = records.next();
                        next = classify((byte[]) r.get(0), r.getString(1), r.getInt(2), r.getLong(3),
                                (Timestamp) r.get(4), picks);
                    }
                    return next != null;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Row row = next;
                    next = null;
                    return row;
                }
            };
        }
    }

    /** Kafka rows → every record as the picked event columns plus {@code reject} ({@link #parseWithRejects}). */
    private static final class KeepBoth implements MapPartitionsFunction<Row, Row> {
        private final int[] picks;

        KeepBoth(int[] picks) {
            this.picks = picks;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> records) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public Row next() {
                    Row r = records.next();
                    return classifyBoth((byte[]) r.get(0), r.getString(1), r.getInt(2), r.getLong(3),
                            (Timestamp) r.get(4), picks);
                }
            };
        }
    }

    /** One Kafka record as the picked event columns and {@code reject}: exactly one of the two parts is non-null. */
    static Row classifyBoth(byte[] value, String topic, int partition, long offset, Timestamp kafkaTimestamp,
            int[] picks) {
        Object[] values = new Object[picks.length + 1];
        if (value == null) {
            values[picks.length] = reject(List.of(NULL_RECORD), null, topic, partition, offset, kafkaTimestamp);
            return RowFactory.create(values);
        }
        RawEvent e;
        try {
            e = RawEventReader.read(value);
        } catch (RawEventReader.Malformed malformed) {
            values[picks.length] = reject(List.of(MALFORMED), value, topic, partition, offset, kafkaTimestamp);
            return RowFactory.create(values);
        }
        Instant ts = e.ts() == null ? null : EventTimestamps.parse(e.ts());
        List<String> broken = ContractRules.broken(e, topic, ts);
        if (!broken.isEmpty()) {
            values[picks.length] = reject(broken, value, topic, partition, offset, kafkaTimestamp);
            return RowFactory.create(values);
        }
        for (int i = 0; i < picks.length; i++) {
            values[i] = column(picks[i], e, ts, topic, partition, offset, kafkaTimestamp);
        }
        return RowFactory.create(values);
    }

    /**
     * One Kafka record, classified: with {@code picks} (indexes of {@link #EVENT_COLUMNS}), a row of
     * those columns when it is a valid event, else {@code null}; without, its {@link #REJECTS} row when
     * it is not a valid event, else {@code null}.
     */
    static Row classify(byte[] value, String topic, int partition, long offset, Timestamp kafkaTimestamp,
            int[] picks) {
        boolean events = picks != null;
        if (value == null) {
            return events ? null : reject(List.of(NULL_RECORD), null, topic, partition, offset, kafkaTimestamp);
        }
        RawEvent e;
        try {
            e = RawEventReader.read(value);
        } catch (RawEventReader.Malformed malformed) {
            return events ? null : reject(List.of(MALFORMED), value, topic, partition, offset, kafkaTimestamp);
        }
        Instant ts = e.ts() == null ? null : EventTimestamps.parse(e.ts());
        List<String> broken = ContractRules.broken(e, topic, ts);
        if (!broken.isEmpty()) {
            return events ? null : reject(broken, value, topic, partition, offset, kafkaTimestamp);
        }
        if (!events) {
            return null;
        }
        Object[] values = new Object[picks.length];
        for (int i = 0; i < picks.length; i++) {
            values[i] = column(picks[i], e, ts, topic, partition, offset, kafkaTimestamp);
        }
        return RowFactory.create(values);
    }

    /** Column {@code index} of {@link #EVENT_COLUMNS} of a valid event. */
    private static Object column(int index, RawEvent e, Instant ts, String topic, int partition, long offset,
            Timestamp kafkaTimestamp) {
        return switch (index) {
            case 0 -> e.eventId();
            case 1 -> e.type();
            case 2 -> Timestamp.from(ts);
            case 3 -> ContractRules.userKey(e);
            case 4 -> e.userId();
            case 5 -> e.anonymousId();
            case 6 -> e.sessionId();
            case 7 -> e.site();
            case 8 -> e.pageUrl();
            case 9 -> e.pagePath();
            case 10 -> e.element();
            case 11 -> e.productId();
            case 12 -> e.productCategory();
            case 13 -> e.productPrice();
            case 14 -> e.productQuantity();
            case 15 -> e.orderId();
            case 16 -> e.revenue();
            case 17 -> e.currency();
            case 18 -> items(e.items());
            // The gateway stamps received_at; records produced straight into Kafka fall back to the
            // broker's timestamp.
            case 19 -> {
                Instant receivedAt = e.receivedAt() == null ? null : EventTimestamps.parse(e.receivedAt());
                yield receivedAt == null ? kafkaTimestamp : Timestamp.from(receivedAt);
            }
            case 20 -> topic;
            case 21 -> partition;
            case 22 -> offset;
            case 23 -> BreakdownDimensions.of(e);
            default -> throw new IndexOutOfBoundsException("no event column " + index);
        };
    }

    private static Row reject(List<String> broken, byte[] value, String topic, int partition, long offset,
            Timestamp kafkaTimestamp) {
        return RowFactory.create(topic, partition, offset, kafkaTimestamp, String.join("; ", broken),
                value == null ? null : new String(value, StandardCharsets.UTF_8));
    }

    /** The items as the array column's external type (a Scala sequence of rows). */
    private static scala.collection.immutable.Seq<Row> items(List<RawEvent.Item> items) {
        if (items == null) {
            return null;
        }
        Row[] rows = new Row[items.size()];
        for (int i = 0; i < rows.length; i++) {
            RawEvent.Item item = items.get(i);
            rows[i] = item == null ? null : RowFactory.create(item.productId(), item.price(), item.quantity());
        }
        return scala.collection.immutable.ArraySeq.unsafeWrapArray(rows);
    }

    private static StructField field(String name, DataType type) {
        return new StructField(name, type, true, Metadata.empty());
    }
}
