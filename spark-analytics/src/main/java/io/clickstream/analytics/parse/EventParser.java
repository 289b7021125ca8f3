package io.clickstream.analytics.parse;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.clickstream.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
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
 * <p>Input: the Kafka source's columns {@code key, value (binary), topic, partition, offset,
 * timestamp}.
 */
public final class EventParser {

    /** Money as the contract's decimal: cents exact, far above any real order total. */
    public static final DecimalType MONEY = DataTypes.createDecimalType(18, 2);

    /** The element type of {@code order_items}. */
    public static final StructType ORDER_ITEM = new StructType()
            .add("product_id", DataTypes.StringType)
            .add("price", MONEY)
            .add("quantity", DataTypes.IntegerType);

    private static final String CORRUPT = "_corrupt_record";
    private static final java.time.Instant EARLIEST = io.clickstream.event.ValidationLimits.defaults().earliestTimestamp();

    /**
     * The explicit JSON schema read from Kafka values. Timestamps are read as strings and converted
     * afterwards so that a malformed instant becomes a contract violation instead of a silent null.
     * Fields not listed (context, ip, sent_at…) are ignored.
     */
    static final StructType JSON_SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("type", DataTypes.StringType)
            .add("ts", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("anonymous_id", DataTypes.StringType)
            .add("session_id", DataTypes.StringType)
            .add("site", DataTypes.StringType)
            .add("received_at", DataTypes.StringType)
            .add("page", new StructType()
                    .add("url", DataTypes.StringType)
                    .add("path", DataTypes.StringType))
            .add("element", DataTypes.StringType)
            .add("product", new StructType()
                    .add("id", DataTypes.StringType)
                    .add("category", DataTypes.StringType)
                    .add("price", MONEY)
                    .add("quantity", DataTypes.IntegerType))
            .add("order", new StructType()
                    .add("id", DataTypes.StringType)
                    .add("revenue", MONEY)
                    .add("currency", DataTypes.StringType)
                    .add("items", new ArrayType(ORDER_ITEM, true)))
            .add(CORRUPT, DataTypes.StringType);

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

    private EventParser() {
    }

    /** The valid events of {@code kafkaRows}, typed as {@link #EVENT_COLUMNS}. */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows) {
        // Only whether a rule is broken is needed here: no message strings are built for valid events.
        return classify(kafkaRows).filter(not(anyBroken()))
                .select(eventColumns());
    }

    /**
     * The records that are not valid events: {@code topic, partition, offset, kafka_timestamp,
     * reason} (the broken rules, "; "-separated) and {@code raw} (the value as text).
     */
    public static Dataset<Row> rejects(Dataset<Row> kafkaRows) {
        return classify(kafkaRows).filter(anyBroken())
                .select(col("topic"), col("partition"), col("offset"), col("kafka_timestamp"),
                        reason().as("reason"), col("raw"));
    }

    private static Dataset<Row> classify(Dataset<Row> kafkaRows) {
        Column raw = col("value").cast(DataTypes.StringType);
        Dataset<Row> parsed = kafkaRows.select(
                raw.as("raw"),
                from_json(raw, JSON_SCHEMA, Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT)).as("e"),
                col("topic"), col("partition"), col("offset"), col("timestamp").as("kafka_timestamp"));
        Column userId = nullif(col("e.user_id"), lit(""));
        Column anonymousId = nullif(col("e.anonymous_id"), lit(""));
        Dataset<Row> typed = parsed.select(
                col("raw"), col("topic"), col("partition"), col("offset"), col("kafka_timestamp"),
                col("e." + CORRUPT).as("corrupt"),
                col("e.event_id").as("event_id"),
                col("e.type").as("type"),
                col("e.ts").as("ts_text"),
                try_to_timestamp(col("e.ts")).as("ts"),
                coalesce(userId, anonymousId).as("user_key"),
                col("e.user_id").as("user_id"),
                col("e.anonymous_id").as("anonymous_id"),
                col("e.session_id").as("session_id"),
                col("e.site").as("site"),
                col("e.page.url").as("page_url"),
                col("e.page.path").as("page_path"),
                col("e.element").as("element"),
                col("e.product.id").as("product_id"),
                col("e.product.category").as("product_category"),
                col("e.product.price").as("product_price"),
                col("e.product.quantity").as("product_quantity"),
                col("e.order.id").as("order_id"),
                col("e.order.revenue").as("revenue"),
                col("e.order.currency").as("currency"),
                col("e.order.items").as("order_items"),
                // The gateway stamps received_at; records produced straight into Kafka fall back to
                // the broker's timestamp.
                coalesce(try_to_timestamp(col("e.received_at")), col("kafka_timestamp")).as("received_at"));
        return typed;
    }

    /** True when the record breaks at least one rule (a rule whose condition is null is not broken). */
    private static Column anyBroken() {
        Column any = null;
        for (Rule r : rules()) {
            any = any == null ? r.broken() : any.or(r.broken());
        }
        return coalesce(any, lit(false));
    }

    /** A contract rule: the condition under which a record breaks it, and what to tell. */
    private record Rule(Column broken, String message) {
    }

    /** Every broken rule, "; "-separated; "" for a valid event. */
    private static Column reason() {
        return array_join(org.apache.spark.sql.functions.array(rules().stream()
                .map(r -> when(r.broken(), lit(r.message()))).toArray(Column[]::new)), "; ");
    }

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(rule(col("raw").isNull(), "value: null record"));
        rules.add(rule(col("corrupt").isNotNull(), "value: not valid JSON or a field of the wrong JSON type"));
        Column wellFormed = col("corrupt").isNull().and(col("raw").isNotNull());
        rules.add(rule(wellFormed.and(blank(col("event_id"))), "event_id: required"));
        rules.add(rule(wellFormed.and(blank(col("type"))), "type: required"));
        Column knownType = col("type").isin(wireNames());
        rules.add(rule(wellFormed.and(col("type").isNotNull()).and(knownType.equalTo(false)),
                "type: must be one of page_view, click, add_to_cart, purchase"));
        rules.add(rule(wellFormed.and(knownType).and(col("topic").notEqual(topicOf(col("type")))),
                "type: does not belong on this topic"));
        rules.add(rule(wellFormed.and(col("ts_text").isNull()), "ts: required"));
        // try_to_timestamp also reads "123" as the year 123: anything before 2000 is not a real ts.
        rules.add(rule(wellFormed.and(col("ts_text").isNotNull())
                        .and(col("ts").isNull().or(col("ts").lt(lit(java.sql.Timestamp.from(EARLIEST))))),
                "ts: not an ISO-8601 instant after " + EARLIEST));
        rules.add(rule(wellFormed.and(col("user_key").isNull()), "user_id/anonymous_id: at least one required"));
        rules.add(rule(wellFormed.and(blank(col("session_id"))), "session_id: required"));
        Column isType = col("type");
        rules.add(rule(wellFormed.and(isType.equalTo("page_view")).and(blank(col("page_url"))), "page.url: required for page_view"));
        rules.add(rule(wellFormed.and(isType.equalTo("click")).and(blank(col("element"))), "element: required for click"));
        Column cart = wellFormed.and(isType.equalTo("add_to_cart"));
        rules.add(rule(cart.and(blank(col("product_id"))), "product.id: required for add_to_cart"));
        rules.add(rule(cart.and(col("product_price").isNull()), "product.price: required for add_to_cart"));
        rules.add(rule(cart.and(col("product_quantity").isNull()), "product.quantity: required for add_to_cart"));
        rules.add(rule(wellFormed.and(col("product_price").lt(0)), "product.price: must be >= 0"));
        rules.add(rule(wellFormed.and(col("product_quantity").lt(1)), "product.quantity: must be >= 1"));
        Column purchase = wellFormed.and(isType.equalTo("purchase"));
        rules.add(rule(purchase.and(blank(col("order_id"))), "order.id: required for purchase"));
        rules.add(rule(purchase.and(col("revenue").isNull()), "order.revenue: required for purchase"));
        rules.add(rule(purchase.and(blank(col("currency"))), "order.currency: required for purchase"));
        rules.add(rule(purchase.and(coalesce(size(col("order_items")), lit(-1)).leq(0)), "order.items: at least one item required for purchase"));
        rules.add(rule(wellFormed.and(col("revenue").lt(0)), "order.revenue: must be >= 0"));
        rules.add(rule(wellFormed.and(coalesce(exists(col("order_items"), item ->
                item.isNull().or(blank(item.getField("product_id")))
                        .or(coalesce(item.getField("price"), lit(-1)).lt(0))
                        .or(coalesce(item.getField("quantity"), lit(0)).lt(1))), lit(false))),
                "order.items: each item needs product_id, price >= 0, quantity >= 1"));
        return rules;
    }

    private static Rule rule(Column broken, String message) {
        return new Rule(broken, message);
    }

    private static Column blank(Column c) {
        return c.isNull().or(c.equalTo(""));
    }

    private static Object[] wireNames() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toArray();
    }

    private static Column topicOf(Column type) {
        Column topic = null;
        for (EventType t : EventType.values()) {
            topic = topic == null ? when(type.equalTo(t.wireName()), lit(t.topic()))
                    : topic.when(type.equalTo(t.wireName()), lit(t.topic()));
        }
        return topic;
    }

    private static Column[] eventColumns() {
        return java.util.Arrays.stream(EVENT_COLUMNS.fields())
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
    }

    private static StructField field(String name, DataType type) {
        return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
    }
}
