package io.clickstream.analytics;

import io.clickstream.analytics.config.AnalyticsConfig;
import org.apache.spark.sql.SparkSession;

/** The Spark session the job runs in, configured from {@link AnalyticsConfig}. */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession create(AnalyticsConfig config) {
        SparkSession.Builder builder = SparkSession.builder().appName("clickstream-analytics");
        if (config.master() != null) {
            builder = builder.master(config.master());
        }
        builder = builder
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()))
                // Pools from fairscheduler.xml on the classpath: the KPI query before rejects and alerts.
                .config("spark.scheduler.mode", "FAIR")
                .config("spark.sql.streaming.stateStore.providerClass",
                        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
                // Changelog checkpointing writes only the changed keys per batch instead of uploading
                // RocksDB snapshots: cheaper commits, same recovery guarantees.
                .config("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true")
                // Counting rows costs a RocksDB read before every write (one per event in the
                // de-duplication); the count only feeds the numRowsTotal metric.
                .config("spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows", "false")
                .config("spark.sql.streaming.minBatchesToRetain", "20");
        for (var e : config.sparkConf().entrySet()) {
            builder = builder.config(e.getKey(), e.getValue());
        }
        return builder.getOrCreate();
    }
}
