package io.clickstream.analytics;

import io.clickstream.analytics.checkpoint.ForklessLocalFs;
import io.clickstream.analytics.config.AnalyticsConfig;
import java.util.LinkedHashMap;
import java.util.Map;
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
        for (var e : settings(config).entrySet()) {
            builder = builder.config(e.getKey(), e.getValue());
        }
        return builder.getOrCreate();
    }

    /** The Spark settings of the job, in order: the job's own, then {@code config.sparkConf()} (which wins). */
    public static Map<String, String> settings(AnalyticsConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.ui.enabled", "false");
        settings.put("spark.sql.session.timeZone", "UTC");
        settings.put("spark.sql.shuffle.partitions", String.valueOf(config.shufflePartitions()));
        // Pools from fairscheduler.xml on the classpath: the KPI query before rejects and alerts.
        settings.put("spark.scheduler.mode", "FAIR");
        settings.put("spark.sql.streaming.stateStore.providerClass",
                "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider");
        // Changelog checkpointing writes only the changed keys per batch instead of uploading
        // RocksDB snapshots: cheaper commits, same recovery guarantees.
        settings.put("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true");
        // Counting rows costs a RocksDB read before every write (one per event in the
        // de-duplication); the count only feeds the numRowsTotal metric.
        settings.put("spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows", "false");
        // RocksDB's block cache per state store instance (Spark's default is 8 MB): the de-duplication
        // looks up every event id among the last watermark's worth (~100 MB at 10k events/s and a
        // 2 min watermark, split over the partitions); with 8 MB most lookups missed the cache.
        settings.put("spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB", "64");
        settings.put("spark.sql.streaming.minBatchesToRetain", "20");
        // Local checkpoint and state files without a forked chmod/readlink per file (ForklessLocalFs).
        ForklessLocalFs.HADOOP_CONF.forEach((key, value) -> settings.put("spark.hadoop." + key, value));
        settings.putAll(config.sparkConf());
        return settings;
    }
}
