package io.clickstream.analytics.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One small local Spark session per test JVM: starting Spark costs seconds, so unit tests share it.
 * Two cores, two shuffle partitions, no UI, UTC.
 */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("clickstream-unit-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.streaming.stateStore.providerClass",
                            "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
                    .getOrCreate();
        }
        return session;
    }
}
