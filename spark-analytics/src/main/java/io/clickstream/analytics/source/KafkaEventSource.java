package io.clickstream.analytics.source;

import io.clickstream.analytics.config.AnalyticsConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The event topics as a stream of Kafka records ({@code key, value, topic, partition, offset,
 * timestamp, timestampType}). A new query starts at {@code startingOffsets} (earliest by default, so
 * events accepted while no job ran are counted); a restarted query resumes from its checkpoint,
 * whatever this option says.
 */
public final class KafkaEventSource {

    private KafkaEventSource() {
    }

    public static Dataset<Row> read(SparkSession spark, AnalyticsConfig config) {
        var reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", config.kafkaBootstrap())
                .option("subscribe", String.join(",", config.topics()))
                .option("startingOffsets", config.startingOffsets())
                // Offsets that vanished (retention, topic re-created) fail the query rather than
                // silently skipping data: the numbers must be right or visibly stopped.
                .option("failOnDataLoss", "true");
        if (config.maxOffsetsPerTrigger() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger());
        }
        return reader.load();
    }
}
