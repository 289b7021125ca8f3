package io.clickstream.analytics.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.testing.TestSpark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;

class KafkaEventSourceTest {

    @Test
    void consumerPropertiesAreTheDefaultsOverriddenByPrefixedSparkProperties() {
        assertThat(KafkaEventSource.consumerProperties(new SparkConf(false)))
                .as("a short fetch wait by default").containsExactly(Map.entry("fetch.max.wait.ms", "10"));

        SparkConf conf = new SparkConf(false)
                .set("spark.clickstream.kafka.fetch.max.wait.ms", "200")
                .set("spark.clickstream.kafka.security.protocol", "SASL_SSL")
                .set("spark.sql.shuffle.partitions", "4");

        assertThat(KafkaEventSource.consumerProperties(conf)).containsOnly(
                Map.entry("fetch.max.wait.ms", "200"),
                Map.entry("security.protocol", "SASL_SSL"));
    }

    /** Batches seen by the streaming test's foreachBatch: partitions and rows (static: the function is serialised). */
    static final List<long[]> BATCHES = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aMicroBatchOfSixteenPartitionsIsReadInTheConfiguredTasksWithEveryRecord() throws Exception {
        SparkSession spark = TestSpark.session();
        Dataset<Row> sixteen = spark.readStream().format("rate-micro-batch")
                .option("rowsPerBatch", 1600).option("numPartitions", 16).load();
        BATCHES.clear();
        StreamingQuery query = KafkaEventSource.inReadTasks(sixteen, 4).writeStream()
                .trigger(Trigger.AvailableNow())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> BATCHES.add(new long[] {
                        batch.rdd().getNumPartitions(), batch.count(), batch.select("value").distinct().count()}))
                .start();
        query.awaitTermination(120_000);

        assertThat(BATCHES).isNotEmpty().allSatisfy(b -> {
            assertThat(b[0]).as("tasks").isEqualTo(4);
            assertThat(b[1]).as("rows").isEqualTo(1600).isEqualTo(b[2]);
        });
        assertThat(KafkaEventSource.inReadTasks(sixteen, 0)).as("0: one task per partition").isSameAs(sixteen);
    }
}
