package io.clickstream.analytics;

import io.clickstream.analytics.alert.AlertConfig;
import io.clickstream.analytics.alert.AlertQueries;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.config.AnalyticsOptions;
import io.clickstream.analytics.kpi.EsPaneStore;
import io.clickstream.analytics.kpi.KpiAggregation;
import io.clickstream.analytics.kpi.KpiQueries;
import io.clickstream.analytics.parse.EventParser;
import io.clickstream.analytics.pipeline.CheckpointLayout;
import io.clickstream.analytics.pipeline.OnePassQuery;
import io.clickstream.analytics.pipeline.WarmUp;
import io.clickstream.analytics.query.QueryStarter;
import io.clickstream.analytics.query.QuerySupervisor;
import io.clickstream.analytics.reject.RejectsQuery;
import io.clickstream.analytics.sink.BackfillFilter;
import io.clickstream.analytics.sink.BulkUpserter;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.analytics.sink.IndexTemplates;
import io.clickstream.analytics.source.KafkaEventSource;
import io.clickstream.es.Elasticsearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The analytics job: Kafka → one query ({@code pipeline.OnePassQuery}: parse once → one stateful operator for
 * de-duplication, KPI panes and user rules → on the driver windows, top-N, site rules) → Elasticsearch, or, with
 * {@code --queries}, the separate queries. This class only wires the pipeline; every step is a named, separately
 * tested class.
 *
 * <p>Runs standalone ({@code ./clickstream analytics}, master {@code local[*]}) and unchanged under
 * {@code spark-submit} with {@code --master submit} (the master then comes from spark-submit).
 * With a {@link AnalyticsConfig#backfill()} range the same wiring reads that range once and stops
 * ({@link Backfill}): only the source, the triggers and the document filter differ.
 */
public final class AnalyticsJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsJob.class);
    /** Consecutive failures of one query (without progress in between) before the job gives up. */
    static final int MAX_RESTARTS = 10;

    private final BulkUpserter sink;
    private final QuerySupervisor supervisor;
    private final BackfillFilter backfill;
    /** The one-pass query's driver timer, or null when the job runs separate queries. */
    private final OnePassQuery onePass;

    private AnalyticsJob(BulkUpserter sink, QuerySupervisor supervisor, BackfillFilter backfill, OnePassQuery onePass) {
        this.sink = sink;
        this.supervisor = supervisor;
        this.backfill = backfill;
        this.onePass = onePass;
    }

    public static void main(String[] args) throws Throwable {
        AnalyticsConfig config;
        try {
            config = AnalyticsOptions.parse(args);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            // A configuration error (e.g. a funnel step that does not parse): say which, exit 2 like a failed start.
            System.err.println("analytics: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        if (config == null) {
            return;
        }
        AnalyticsJob job;
        try {
            job = start(config);
        } catch (Exception e) {
            // Spark's non-daemon threads would keep the JVM alive after an exception out of main.
            LOG.error("analytics could not start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(job::close, "analytics-shutdown"));
        try {
            job.await();
        } catch (Throwable t) {
            LOG.error("analytics failed: {}", t.toString());
            System.exit(1);
        }
        // Spark leaves non-daemon threads behind; exit explicitly once the queries are stopped.
        System.exit(0);
    }

    /** Installs the index templates and starts every query under supervision; returns at once. */
    public static AnalyticsJob start(AnalyticsConfig config) throws Exception {
        BulkUpserter sink = new BulkUpserter(Elasticsearch.connect(config.esUrl()), config.bulkMaxDocs(),
                config.bulkMaxBytes(), config.esRetryFor());
        IndexTemplates.installAll(sink.client());
        SparkSession spark = SparkSessions.create(config);

        Dataset<Row> kafkaRecords = KafkaEventSource.read(spark, config);
        EsPaneStore panes = new EsPaneStore(sink, config.windowSlide().toMillis());

        AlertConfig alerts = AlertConfig.from(config);
        // A backfill recomputes the user-level rules (event time); the site-level ones run in processing time.
        BackfillFilter backfill = config.isBackfill()
                ? new BackfillFilter(sink, config.backfill(),
                        alerts.userRules().stream().map(AlertConfig.UserRule::name).collect(Collectors.toSet()),
                        alerts.episodeQuietGap())
                : null;
        DocumentSink documents = backfill == null ? sink : backfill;

        List<QueryStarter> queries = new ArrayList<>();
        OnePassQuery onePass = null;
        if (config.onePass()) {
            CheckpointLayout.requireOnePassLayout(config, spark.sparkContext().hadoopConfiguration());
            if (!config.isBackfill() && config.warmUpEvents() > 0) {
                WarmUp.run(spark, config);
            }
            onePass = OnePassQuery.of(kafkaRecords, config, documents, panes);
            queries.add(onePass.starter());
        } else {
            queries.addAll(splitQueries(spark, kafkaRecords, config, alerts, documents, panes));
        }

        QuerySupervisor supervisor = QuerySupervisor.start(spark, queries, MAX_RESTARTS, config.isBackfill());
        LOG.info("analytics started: {} queries on {} reading {} from {} (checkpoints {}), writing to {}",
                queries.size(), spark.sparkContext().master(), config.topics(), config.kafkaBootstrap(),
                config.checkpointDir(), config.esUrl());
        return new AnalyticsJob(sink, supervisor, backfill, onePass);
    }

    /** The separate queries of {@code --queries}, each reading Kafka itself (for splitting the job across applications). */
    private static List<QueryStarter> splitQueries(SparkSession spark, Dataset<Row> kafkaRecords, AnalyticsConfig config,
                                                   AlertConfig alerts, DocumentSink documents, EsPaneStore panes) {
        List<QueryStarter> queries = new ArrayList<>();
        if (config.runs(KpiQueries.NAME)) {
            queries.add(KpiQueries.query(EventParser.parse(kafkaRecords, KpiAggregation.COLUMNS), config, documents, panes));
        }
        if (config.runs(RejectsQuery.NAME)) {
            queries.add(RejectsQuery.query(EventParser.rejects(kafkaRecords), config, documents));
        }
        for (QueryStarter alertQuery : AlertQueries.queries(spark, EventParser.parse(kafkaRecords), alerts, documents)) {
            if (config.runs(alertQuery.name())) {
                queries.add(alertQuery);
            }
        }
        return queries;
    }

    public List<StreamingQuery> queries() {
        return supervisor.queries();
    }

    /**
     * Blocks until the queries are stopped (a backfill: until they have read their range, then its held
     * alerts are written); rethrows when a query kept failing.
     */
    public void await() throws Throwable {
        supervisor.await();
        if (backfill != null) {
            backfill.finish();
        }
    }

    /** The backfill's document filter (what it wrote), empty for the stream. */
    public Optional<BackfillFilter> backfill() {
        return Optional.ofNullable(backfill);
    }

    /** Stops every query (each resumes from its checkpoint at the next start) and the ES client. */
    @Override
    public void close() {
        supervisor.stop();
        if (onePass != null) {
            onePass.close();
        }
        sink.close();
    }
}
