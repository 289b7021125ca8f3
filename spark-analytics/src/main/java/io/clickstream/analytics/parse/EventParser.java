package io.clickstream.analytics.parse;

import static org.apache.spark.sql.functions.col;

import io.clickstream.event.EventTimestamps;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
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
 * Both come from one classification so every input record lands in exactly one of them.
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

    /** Columns of {@link #rejects}. */
    public static final List<String> REJECT_COLUMNS = List.of(
            "topic", "partition", "offset", "kafka_timestamp", "reason", "raw");

    /** Every record, classified: the event columns, then {@code kafka_timestamp, reason, raw}. */
    static final StructType CLASSIFIED = EVENT_COLUMNS
            .add(field("kafka_timestamp", DataTypes.TimestampType))
            .add(field("reason", DataTypes.StringType))
            .add(field("raw", DataTypes.StringType));

    static final String MALFORMED = "value: not valid JSON or a field of the wrong JSON type";
    static final String NULL_RECORD = "value: null record";

    private EventParser() {
    }

    /** The valid events of {@code kafkaRows}, typed as {@link #EVENT_COLUMNS}. */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows) {
        return classify(kafkaRows).filter(col("reason").isNull())
                .select(java.util.Arrays.stream(EVENT_COLUMNS.fieldNames()).map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    /**
     * The records that are not valid events: {@code topic, partition, offset, kafka_timestamp,
     * reason} (the broken rules, "; "-separated) and {@code raw} (the value as text).
     */
    public static Dataset<Row> rejects(Dataset<Row> kafkaRows) {
        return classify(kafkaRows).filter(col("reason").isNotNull())
                .select(REJECT_COLUMNS.stream().map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    private static Dataset<Row> classify(Dataset<Row> kafkaRows) {
        return kafkaRows.select(col("value"), col("topic"), col("partition"), col("offset"), col("timestamp"))
                .mapPartitions(new Classify(), Encoders.row(CLASSIFIED));
    }

    /** Kafka rows ({@code value, topic, partition, offset, timestamp}) → {@link #CLASSIFIED} rows. */
    private static final class Classify implements MapPartitionsFunction<Row, Row> {
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
                    return classify((byte[]) r.get(0), r.getString(1), r.getInt(2), r.getLong(3), (Timestamp) r.get(4));
                }
            };
        }
    }

    /** One Kafka record → one {@link #CLASSIFIED} row: an event with a null reason, or a reject. */
    static Row classify(byte[] value, String topic, int partition, long offset, Timestamp kafkaTimestamp) {
        if (value == null) {
            return reject(List.of(NULL_RECORD), null, topic, partition, offset, kafkaTimestamp);
        }
        RawEvent e;
        try {
            e = RawEventReader.read(value);
        } catch (RawEventReader.Malformed malformed) {
            return reject(List.of(MALFORMED), value, topic, partition, offset, kafkaTimestamp);
        }
        Instant ts = e.ts() == null ? null : EventTimestamps.parse(e.ts());
        List<String> broken = ContractRules.broken(e, topic, ts);
        if (!broken.isEmpty()) {
            return reject(broken, value, topic, partition, offset, kafkaTimestamp);
        }
        Instant receivedAt = e.receivedAt() == null ? null : EventTimestamps.parse(e.receivedAt());
        return RowFactory.create(
                e.eventId(), e.type(), Timestamp.from(ts), ContractRules.userKey(e), e.userId(), e.anonymousId(),
                e.sessionId(), e.site(), e.pageUrl(), e.pagePath(), e.element(),
                e.productId(), e.productCategory(), e.productPrice(), e.productQuantity(),
                e.orderId(), e.revenue(), e.currency(), items(e.items()),
                // The gateway stamps received_at; records produced straight into Kafka fall back to
                // the broker's timestamp.
                receivedAt == null ? kafkaTimestamp : Timestamp.from(receivedAt),
                topic, partition, offset,
                kafkaTimestamp, null, null);
    }

    private static Row reject(List<String> broken, byte[] value, String topic, int partition, long offset,
            Timestamp kafkaTimestamp) {
        Object[] columns = new Object[CLASSIFIED.size()];
        int at = EVENT_COLUMNS.size() - 3;
        columns[at++] = topic;
        columns[at++] = partition;
        columns[at++] = offset;
        columns[at++] = kafkaTimestamp;
        columns[at++] = String.join("; ", broken);
        columns[at] = value == null ? null : new String(value, StandardCharsets.UTF_8);
        return RowFactory.create(columns);
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
