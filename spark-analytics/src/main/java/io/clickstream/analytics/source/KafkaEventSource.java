package io.clickstream.analytics.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.config.BackfillRange;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The event topics as a stream of Kafka records ({@code key, value, topic, partition, offset,
 * timestamp, timestampType}). A new query starts at {@code startingOffsets} (earliest by default, so
 * events accepted while no job ran are counted); a restarted query resumes from its checkpoint,
 * whatever this option says.
 *
 * <p>For a backfill ({@link AnalyticsConfig#backfill()}) the query starts at the first record whose
 * Kafka timestamp is at or after the range's {@link BackfillRange#readFrom()} ({@code startingTimestamp};
 * a partition without such a record starts at its end), and records stamped at or after
 * {@link BackfillRange#readUntil()} are dropped before parsing. With {@code Trigger.AvailableNow} the
 * query reads up to the offsets that existed when it started, so the run is finite.
 *
 * <p>Kafka consumer properties come from Spark properties {@value #CONSUMER_PREFIX}{@code <property>}
 * ({@code --conf} of the job or of {@code spark-submit}), e.g. {@code security.protocol} for a
 * secured cluster; they override the defaults below.
 */
public final class KafkaEventSource {

    /** The columns of a record of Spark's Kafka source (what {@link #read} gives, without headers). */
    public static final StructType RECORD = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType)
            .add("timestampType", DataTypes.IntegerType);

    /** Spark properties with this prefix are Kafka consumer properties of the source. */
    public static final String CONSUMER_PREFIX = "spark.clickstream.kafka.";

    /**
     * The consumer defaults. {@code fetch.max.wait.ms}: how long the broker holds a fetch that finds
     * nothing new (Kafka's default 500 ms). A task that reads its partition up to the end of the data
     * waits that long in a poll; a micro-batch reads up to the end of the data whenever it keeps up,
     * and always at the end of a burst. Measured: with 500 ms, 10 % of a backlog drain's read tasks
     * and every read task of the batch after the producers paused waited ~510 ms (a 4.3 s batch of
     * 16 tasks on two cores); with 50 ms, 12 % of the live read tasks waited ~52 ms. Spark only reads
     * offsets that exist, so a short wait costs no extra fetches while data flows.
     */
    static final Map<String, String> CONSUMER_DEFAULTS = Map.of("fetch.max.wait.ms", "10");

    private KafkaEventSource() {
    }

    public static Dataset<Row> read(SparkSession spark, AnalyticsConfig config) {
        var reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", config.kafkaBootstrap())
                .option("subscribe", String.join(",", config.topics()))
                // Offsets that vanished (retention, topic re-created) fail the query rather than
                // silently skipping data: the numbers must be right or visibly stopped.
                .option("failOnDataLoss", "true");
        for (Map.Entry<String, String> property : consumerProperties(spark.sparkContext().getConf()).entrySet()) {
            reader = reader.option("kafka." + property.getKey(), property.getValue());
        }
        if (config.maxOffsetsPerTrigger() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger());
        }
        BackfillRange range = config.backfill();
        if (range == null) {
            return inReadTasks(reader.option("startingOffsets", config.startingOffsets()).load(), config.readTasks());
        }
        return inReadTasks(reader
                .option("startingTimestamp", String.valueOf(range.readFrom().toEpochMilli()))
                .option("startingOffsetsByTimestampStrategy", "latest")
                .load(), config.readTasks())
                .where(col("timestamp").lt(lit(Timestamp.from(range.readUntil()))));
    }

    /**
     * The records of a micro-batch in at most {@code readTasks} tasks ({@code coalesce}: no shuffle;
     * a task reads several topic partitions one after the other); {@code 0} leaves one task per
     * partition. Which records a batch holds, and so replay after a failure, does not change.
     */
    static Dataset<Row> inReadTasks(Dataset<Row> records, int readTasks) {
        return readTasks > 0 ? records.coalesce(readTasks) : records;
    }

    /** The consumer properties: {@link #CONSUMER_DEFAULTS}, overridden by the {@value #CONSUMER_PREFIX} Spark properties. */
    static Map<String, String> consumerProperties(SparkConf conf) {
        Map<String, String> properties = new LinkedHashMap<>(CONSUMER_DEFAULTS);
        for (Tuple2<String, String> property : conf.getAllWithPrefix(CONSUMER_PREFIX)) {
            properties.put(property._1(), property._2());
        }
        return properties;
    }
}
