package io.clickstream.analytics.alert;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.query.QueryStarter;
import io.clickstream.analytics.query.SchedulerPool;
import io.clickstream.analytics.sink.DocumentSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.TimeMode;

/**
 * Parsed events → alert documents, as two streaming queries of their own (stateful operators
 * cannot be chained freely, and each keeps its own checkpoint and state):
 * <ul>
 *   <li>{@value #USERS_QUERY}: {@code click_burst}, {@code page_view_flood} — {@link UserRulesProcessor},
 *       event time, keyed by {@code user_key}, checkpoint {@code <root>/alerts-users};</li>
 *   <li>{@value #SITES_QUERY}: {@code revenue_drop}, {@code conversion_drop}, {@code cart_without_purchase},
 *       {@code traffic_stall} — {@link SiteRulesProcessor}, processing time, keyed by {@code site}
 *       ({@code default} when absent), checkpoint {@code <root>/alerts-sites}.</li>
 * </ul>
 * Both need the RocksDB state store provider ({@code transformWithState}).
 */
public final class AlertQueries {

    public static final String USERS_QUERY = "alerts-users";
    public static final String SITES_QUERY = "alerts-sites";
    public static final String DEFAULT_SITE = "default";

    private AlertQueries() {
    }

    /**
     * Starts both alert queries writing to Elasticsearch through the job's document sink (the
     * {@code BulkUpserter}): index {@code clickstream-alerts-v1} behind the alias
     * {@value Alert#INDEX_ALIAS}, {@code _id} = {@link Alert#id()}.
     */
    public static List<StreamingQuery> start(SparkSession spark, Dataset<Row> parsedEvents, AlertConfig config,
                                             DocumentSink documents) throws TimeoutException {
        return start(spark, parsedEvents, config, toElasticsearch(documents));
    }

    /**
     * The two alert queries as {@link QueryStarter}s for the job's {@code QuerySupervisor}, which
     * starts them and restarts a failed one from its checkpoint. Writes to Elasticsearch through the
     * job's document sink, like {@link #start(SparkSession, Dataset, AlertConfig, DocumentSink)}.
     */
    public static List<QueryStarter> queries(SparkSession spark, Dataset<Row> parsedEvents, AlertConfig config,
                                             DocumentSink documents) {
        AlertSink target = withKafka(toElasticsearch(documents), config);
        return List.of(
                QueryStarter.of(USERS_QUERY, SchedulerPool.BACKGROUND, () -> startUserQuery(parsedEvents, config, target)),
                QueryStarter.of(SITES_QUERY, SchedulerPool.BACKGROUND, () -> startSiteQuery(parsedEvents, config, target)));
    }

    /**
     * Where the job's alerts go: Elasticsearch through the job's document sink, then the alert Kafka
     * topic when {@code alert.kafka.topic} is set.
     */
    public static AlertSink alertSink(DocumentSink documents, AlertConfig config) {
        return withKafka(toElasticsearch(documents), config);
    }

    private static AlertSink withKafka(AlertSink sink, AlertConfig config) {
        return config.kafkaTopic().isBlank() ? sink
                : sink.andThen(new KafkaAlertPublisher(config.kafkaBootstrap(), config.kafkaTopic()));
    }

    /** Alert documents as Elasticsearch documents for {@code sink}. */
    public static AlertSink toElasticsearch(DocumentSink sink) {
        return alerts -> sink.write(alerts.stream()
                .map(AlertDocuments::of)
                .toList());
    }

    /**
     * Starts both alert queries on {@code parsedEvents} (the columns of
     * {@code EventParser.EVENT_COLUMNS}, streaming, with or without a watermark: the user query adds
     * {@code alert.watermark} on {@code ts}) and returns them started.
     */
    public static List<StreamingQuery> start(SparkSession spark, Dataset<Row> parsedEvents, AlertConfig config,
                                             AlertSink sink) throws TimeoutException {
        AlertSink target = withKafka(sink, config);
        List<StreamingQuery> queries = new ArrayList<>();
        queries.add(startUserQuery(parsedEvents, config, target));
        queries.add(startSiteQuery(parsedEvents, config, target));
        return queries;
    }

    /** Only the user-level query ({@value #USERS_QUERY}). */
    public static StreamingQuery startUserQuery(Dataset<Row> parsedEvents, AlertConfig config, AlertSink sink)
            throws TimeoutException {
        return write(userAlerts(parsedEvents, config), USERS_QUERY, config, sink);
    }

    /** Only the site-level query ({@value #SITES_QUERY}). */
    public static StreamingQuery startSiteQuery(Dataset<Row> parsedEvents, AlertConfig config, AlertSink sink)
            throws TimeoutException {
        // Sites are a handful of keys: give the query its own (small) number of state partitions,
        // because it runs a no-data batch on every trigger and each partition costs a task and a
        // state store. A streaming query copies the session's conf when it starts, so setting it
        // around start() affects this query only; an existing checkpoint keeps its own number.
        var conf = parsedEvents.sparkSession().conf();
        String key = "spark.sql.shuffle.partitions";
        String previous = conf.get(key);
        conf.set(key, String.valueOf(config.site().partitions()));
        try {
            return write(siteAlerts(parsedEvents, config), SITES_QUERY, config, sink);
        } finally {
            conf.set(key, previous);
        }
    }

    /** The user-level alert rows ({@link AlertRows#SCHEMA}) of a streaming Dataset of parsed events. */
    public static Dataset<Row> userAlerts(Dataset<Row> parsedEvents, AlertConfig config) {
        Object[] types = config.userRules().stream().map(AlertConfig.UserRule::eventType).distinct().toArray();
        return parsedEvents
                .filter(col("user_key").isNotNull().and(col("event_id").isNotNull()).and(col("ts").isNotNull())
                        .and(col("type").isin(types)))
                .select(col("event_id"), col("type"), col("ts"), col("user_key"))
                .withWatermark("ts", config.watermark().toMillis() + " milliseconds")
                .groupByKey((MapFunction<Row, String>) row -> row.getString(3), Encoders.STRING())
                .transformWithState(new UserRulesProcessor(config), TimeMode.EventTime(), OutputMode.Append(),
                        AlertRows.encoder());
    }

    /** The site-level alert rows ({@link AlertRows#SCHEMA}) of a streaming Dataset of parsed events. */
    public static Dataset<Row> siteAlerts(Dataset<Row> parsedEvents, AlertConfig config) {
        return parsedEvents
                .filter(col("event_id").isNotNull().and(col("ts").isNotNull()))
                .select(col("event_id"), col("type"), col("ts"), col("revenue"),
                        coalesce(col("site"), lit(DEFAULT_SITE)).as("site_key"))
                .groupByKey((MapFunction<Row, String>) row -> row.getString(4), Encoders.STRING())
                .transformWithState(new SiteRulesProcessor(config), TimeMode.ProcessingTime(), OutputMode.Append(),
                        AlertRows.encoder());
    }

    private static StreamingQuery write(Dataset<Row> alerts, String name, AlertConfig config, AlertSink sink)
            throws TimeoutException {
        return alerts.writeStream()
                .queryName(name)
                .outputMode(OutputMode.Append())
                .option("checkpointLocation", config.checkpointRoot() + "/" + name)
                .trigger(AnalyticsConfig.trigger(config.availableNow(), config.trigger()))
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
                    List<Alert> docs = AlertRows.latestPerId(
                            batch.collectAsList().stream().map(AlertRows::fromRow).toList());
                    if (!docs.isEmpty()) {
                        sink.write(docs);
                    }
                })
                .start();
    }
}
