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
        // A RocksDB snapshot flushes the memtable inside the micro-batch's commit: with Spark's
        // default of one every 10 batches, every tenth KPI batch took 100–230 ms longer (10k events/s).
        // 16 MB write buffers let RocksDB flush in the background before a snapshot finds much to
        // flush (2 MB ones made a backlog drain flush and compact too often), and a snapshot every
        // 50 batches is still a short changelog replay on restart.
        settings.put("spark.sql.streaming.stateStore.minDeltasForSnapshot", "50");
        settings.put("spark.sql.streaming.stateStore.rocksdb.writeBufferSizeMB", "16");
        // Whole-stage code generation stays on: switching it off saved ~11 % CPU per event at 10k
        // events/s live (the driver generates that code again every micro-batch) but cost ~18 % of
        // the KPI query's backlog drain rate, and catching up after an outage matters more.
        // Local checkpoint and state files without a forked chmod/readlink per file (ForklessLocalFs).
        ForklessLocalFs.HADOOP_CONF.forEach((key, value) -> settings.put("spark.hadoop." + key, value));
        settings.putAll(config.sparkConf());
        return settings;
    }
}
