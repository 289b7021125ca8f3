package io.clickstream.analytics.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Builds rows shaped like the Kafka source's (key, value, topic, partition, offset, timestamp). */
public final class KafkaRows {

    public static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType);

    private final List<Row> rows = new ArrayList<>();
    private long nextOffset;

    public KafkaRows add(String topic, String json) {
        rows.add(row(topic, 0, nextOffset++, json));
        return this;
    }

    public static Row row(String topic, int partition, long offset, String json) {
        return RowFactory.create(null, json == null ? null : json.getBytes(StandardCharsets.UTF_8), topic,
                partition, offset, Timestamp.from(Instant.parse("2026-11-25T10:05:00Z")));
    }

    public List<Row> rows() {
        return rows;
    }

    public Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, SCHEMA);
    }
}
