package io.clickstream.analytics.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.SparkConf;
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
}
