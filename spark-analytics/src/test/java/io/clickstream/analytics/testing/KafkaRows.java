package io.clickstream.analytics.testing;

import io.clickstream.analytics.source.KafkaEventSource;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Builds rows shaped like the Kafka source's ({@link KafkaEventSource#RECORD}). */
public final class KafkaRows {

    public static final StructType SCHEMA = KafkaEventSource.RECORD;

    private final List<Row> rows = new ArrayList<>();
    private long nextOffset;

    public KafkaRows add(String topic, String json) {
        rows.add(row(topic, 0, nextOffset++, json));
        return this;
    }

    public static Row row(String topic, int partition, long offset, String json) {
        return RowFactory.create(null, json == null ? null : json.getBytes(StandardCharsets.UTF_8), topic,
                partition, offset, Timestamp.from(Instant.parse("2026-11-25T10:05:00Z")), 0);
    }

    public List<Row> rows() {
        return rows;
    }

    public Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, SCHEMA);
    }
}
