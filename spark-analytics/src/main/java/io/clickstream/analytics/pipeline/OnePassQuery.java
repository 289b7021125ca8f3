package io.clickstream.analytics.pipeline;

import io.clickstream.analytics.alert.Alert;
import io.clickstream.analytics.alert.AlertConfig;
import io.clickstream.analytics.alert.AlertQueries;
import io.clickstream.analytics.alert.AlertSink;
import io.clickstream.analytics.alert.SiteRulesOnDriver;
import io.clickstream.analytics.alert.SiteStateStore;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.kpi.KpiBatchWriter;
import io.clickstream.analytics.kpi.PaneStore;
import io.clickstream.analytics.query.QueryStarter;
import io.clickstream.analytics.query.SchedulerPool;
import io.clickstream.analytics.session.SessionDocuments;
import io.clickstream.analytics.sink.DocumentSink;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's one streaming query ({@value OnePass#NAME}, checkpoint {@code <checkpoint>/job}):
 * Kafka records → {@link OnePass#transform} → {@link OnePassWriter}, triggered every
 * {@code --trigger}; plus the driver timer that checks {@code traffic_stall} every
 * {@code alert.trigger} while no batch brings events.
 */
public final class OnePassQuery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnePassQuery.class);

    private final QueryStarter starter;
    private final SiteRulesOnDriver sites;
    private final AlertSink alerts;
    private final long stallCheckMillis;
    private ScheduledExecutorService stallTimer;

    private OnePassQuery(QueryStarter starter, SiteRulesOnDriver sites, AlertSink alerts, long stallCheckMillis) {
        this.starter = starter;
        this.sites = sites;
        this.alerts = alerts;
        this.stallCheckMillis = stallCheckMillis;
    }

    /**
     * The query, not started yet (the supervisor starts and restarts it).
     *
     * @param kafkaRecords the Kafka source ({@code source.KafkaEventSource.read})
     * @param documents    where every document goes (the job's {@code BulkUpserter})
     * @param panes        where the KPI panes are kept
     */
    public static OnePassQuery of(Dataset<Row> kafkaRecords, AnalyticsConfig config, DocumentSink documents,
                                  PaneStore panes) {
        AlertConfig alertConfig = AlertConfig.from(config);
        String checkpoint = checkpointOf(config);
        SiteRulesOnDriver sites = new SiteRulesOnDriver(alertConfig, new SiteStateStore(checkpoint + "/site-rules",
                kafkaRecords.sparkSession().sparkContext().hadoopConfiguration()));
        AlertSink alerts = AlertQueries.alertSink(documents, alertConfig);
        OnePassWriter writer = new OnePassWriter(documents, new KpiBatchWriter(config, documents, panes,
                config.sessions() ? new SessionDocuments(config.funnel()) : null), alerts, sites,
                config.bulkMaxDocs());
        Dataset<Row> output = OnePass.transform(kafkaRecords, config, alertConfig);
        QueryStarter starter = QueryStarter.of(OnePass.NAME, SchedulerPool.LATENCY, () -> output
                .writeStream()
                .queryName(OnePass.NAME)
                .outputMode("append")
                .option("checkpointLocation", checkpoint)
                .trigger(config.trigger(config.trigger()))
                .foreachBatch(writer)
                .start());
        // A backfill reads a past range once: traffic_stall is a processing-time rule, so no stall timer runs.
        return new OnePassQuery(starter, sites, alerts, config.isBackfill() ? 0 : alertConfig.trigger().toMillis());
    }

    /** The query's checkpoint directory. */
    public static String checkpointOf(AnalyticsConfig config) {
        return config.checkpointDir() + "/" + OnePass.NAME;
    }

    /** The query for the supervisor; the first call also starts the {@code traffic_stall} timer (not in a backfill). */
    public synchronized QueryStarter starter() {
        if (stallTimer == null && stallCheckMillis > 0) {
            stallTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "traffic-stall-check");
                t.setDaemon(true);
                return t;
            });
            stallTimer.scheduleWithFixedDelay(this::checkStalls, stallCheckMillis, stallCheckMillis, TimeUnit.MILLISECONDS);
        }
        return starter;
    }

    /** Starts the query unsupervised (tests). */
    public StreamingQuery start() throws TimeoutException {
        return starter().start();
    }

    private void checkStalls() {
        try {
            List<Alert> stalls = sites.checkStalls(System.currentTimeMillis());
            if (!stalls.isEmpty()) {
                alerts.write(stalls);
            }
        } catch (Exception e) {
            // The next check (or the next batch) writes the same episode again.
            LOG.warn("traffic_stall check failed, retried in {} ms: {}", stallCheckMillis, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (stallTimer != null) {
            stallTimer.shutdownNow();
        }
    }
}
