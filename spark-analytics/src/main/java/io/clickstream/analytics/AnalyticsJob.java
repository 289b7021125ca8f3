package io.clickstream.analytics;

import io.clickstream.analytics.alert.AlertConfig;
import io.clickstream.analytics.alert.AlertQueries;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.config.AnalyticsOptions;
import io.clickstream.analytics.kpi.KpiQueries;
import io.clickstream.analytics.parse.EventParser;
import io.clickstream.analytics.sink.BulkUpserter;
import io.clickstream.analytics.sink.IndexTemplates;
import io.clickstream.analytics.sink.RejectsQuery;
import io.clickstream.analytics.source.KafkaEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics job: Kafka → parse → (dedup → KPIs, top-N) and rejects → Elasticsearch. This class
 * only wires the pipeline; every step is a named, separately tested class.
 *
 * <p>Runs standalone ({@code ./clickstream analytics}, master {@code local[*]}) and unchanged under
 * {@code spark-submit} with {@code --master submit} (or any master URL).
 */
public final class AnalyticsJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsJob.class);

    private final SparkSession spark;
    private final BulkUpserter sink;
    private final List<StreamingQuery> queries;

    private AnalyticsJob(SparkSession spark, BulkUpserter sink, List<StreamingQuery> queries) {
        this.spark = spark;
        this.sink = sink;
        this.queries = queries;
    }

    public static void main(String[] args) throws Exception {
        AnalyticsConfig config = AnalyticsOptions.parse(args);
        if (config == null) {
            return;
        }
        AnalyticsJob job = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(job::stopQueries, "analytics-shutdown"));
        job.awaitTermination();
    }

    /** Installs the index templates and starts every query; returns at once. */
    public static AnalyticsJob start(AnalyticsConfig config) throws TimeoutException {
        BulkUpserter sink = new BulkUpserter(BulkUpserter.client(config.esUrl()), config.bulkMaxDocs(),
                config.bulkMaxBytes(), config.esRetryFor());
        IndexTemplates.installAll(sink.client());
        SparkSession spark = SparkSessions.create(config);

        Dataset<Row> kafkaRecords = KafkaEventSource.read(spark, config);
        Dataset<Row> events = EventParser.parse(kafkaRecords);

        List<StreamingQuery> queries = new ArrayList<>(KpiQueries.start(events, config, sink));
        queries.add(RejectsQuery.start(EventParser.rejects(kafkaRecords), config, sink));
        queries.addAll(AlertQueries.start(spark, events, AlertConfig.from(config), sink));

        LOG.info("analytics started: {} queries on {} reading {} from {} (checkpoints {}), writing to {}",
                queries.size(), spark.sparkContext().master(), config.topics(), config.kafkaBootstrap(),
                config.checkpointDir(), config.esUrl());
        return new AnalyticsJob(spark, sink, queries);
    }

    public List<StreamingQuery> queries() {
        return queries;
    }

    /** Blocks until a query stops; rethrows its failure (exit ≠ 0) so a supervisor restarts the job. */
    public void awaitTermination() throws Exception {
        spark.streams().awaitAnyTermination();
        for (StreamingQuery q : queries) {
            if (q.exception().isDefined()) {
                throw q.exception().get();
            }
        }
    }

    /** Stops every query; each resumes from its checkpoint on the next start. */
    public void stopQueries() {
        for (StreamingQuery q : queries) {
            try {
                q.stop();
            } catch (Exception e) {
                LOG.warn("stopping query {} failed", q.name(), e);
            }
        }
    }

    @Override
    public void close() {
        stopQueries();
        sink.close();
    }
}
