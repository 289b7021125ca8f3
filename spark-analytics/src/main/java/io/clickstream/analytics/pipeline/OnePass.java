package io.clickstream.analytics.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import io.clickstream.analytics.alert.Alert;
import io.clickstream.analytics.alert.AlertConfig;
import io.clickstream.analytics.alert.SiteBaselineRules;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.kpi.KpiAggregation;
import io.clickstream.analytics.kpi.PaneFold;
import io.clickstream.analytics.kpi.PanePartials;
import io.clickstream.analytics.parse.BreakdownDimensions;
import io.clickstream.analytics.parse.EventParser;
import io.clickstream.analytics.session.SessionTracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The job's named transformations, Dataset → Dataset, for one streaming query that reads and parses
 * each Kafka record once: {@link #parse} (valid events and rejects from one parse) →
 * {@link #keyed} (watermark, bucket of the user key) → {@link #stateful} (one
 * {@code transformWithState}: de-duplication, pane partials, user rules, site sums, rejects through,
 * {@link OnePassProcessor}) → {@link #mergedPerTask} (each task's folds as a few rows). The driver
 * writes the result ({@link OnePassWriter}).
 */
public final class OnePass {

    /** The query's name and its checkpoint sub-directory. */
    public static final String NAME = "job";
    /** Buckets of user keys: the stateful operator's keys (as many as the de-duplication's buckets before). */
    static final int BUCKETS = 1024;
    static final String DEFAULT_SITE = "default";

    /** The event columns the stateful operator reads. */
    static final List<String> COLUMNS = List.of("event_id", "type", "ts", "user_key", "order_id", "revenue",
            "page_path", "page_url", "order_items", "site", "dimensions");

    static final String PANE = "pane";
    static final String SITE = "site";
    static final String ALERT = "alert";
    static final String REJECT = "reject";

    /**
     * What the driver collects: {@code kind} ({@value #ALERT}: a serialised {@link Alert};
     * {@value #REJECT}: {@code reject}, a row of {@link EventParser#REJECTS}; both from the stateful
     * operator; then, from {@link PerTask}, {@value #PANE}: a task's fold of the pane starting at
     * {@code ts}, as {@code bytes}; {@value #SITE}: a task's {@link SiteBaselineRules.BucketSum}).
     */
    static final StructType OUTPUT = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("ts", DataTypes.TimestampType, true)
            .add("bytes", DataTypes.BinaryType, true)
            .add("reject", EventParser.REJECTS, true);

    /** Where the processor finds its fields in an input row. */
    record InputFields(int eventId, int type, int ts, int userKey, int orderId, int revenue, int site, int reject)
            implements Serializable {
        static InputFields of(StructType schema) {
            return new InputFields(schema.fieldIndex("event_id"), schema.fieldIndex("type"), schema.fieldIndex("ts"),
                    schema.fieldIndex("user_key"), schema.fieldIndex("order_id"), schema.fieldIndex("revenue"),
                    schema.fieldIndex("site"), schema.fieldIndex("reject"));
        }
    }

    private OnePass() {
    }

    /** Kafka records → every record once: {@link #COLUMNS} and {@code reject} (null for a valid event). */
    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        BreakdownDimensions.warmUpInBackground();
        return EventParser.parseWithRejects(kafkaRecords, COLUMNS);
    }

    /**
     * {@link #parse} with what the configuration needs: the sessions' columns ({@code session_id} and
     * the funnel filters' configured), and {@code dimensions} only with breakdowns (deriving it parses
     * the user agent, the referrer and the page URL of every event).
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRecords, AnalyticsConfig config) {
        LinkedHashSet<String> columns = new LinkedHashSet<>(COLUMNS);
        if (!config.breakdowns()) {
            columns.remove("dimensions");
        }
        if (config.sessions()) {
            columns.add("session_id");
            columns.addAll(config.funnel().filterColumns());
        }
        return EventParser.parseWithRejects(kafkaRecords, List.copyOf(columns));
    }

    /**
     * The watermark on {@code ts} and the operator's key {@code bucket}: a bucket of the user key for
     * events; rejects (no user, no time) spread over their own buckets by offset.
     */
    public static Dataset<Row> keyed(Dataset<Row> parsed, AnalyticsConfig config) {
        return parsed.withWatermark("ts", config.watermark().toMillis() + " milliseconds")
                .withColumn("bucket", when(col("reject").isNull(), pmod(hash(col("user_key")), lit(BUCKETS)))
                        .otherwise(lit(BUCKETS).plus(pmod(col("reject.offset"), lit(BUCKETS))))
                        .cast(DataTypes.IntegerType));
    }

    /** The one stateful operator ({@link OnePassProcessor}); rows of {@link #OUTPUT}. */
    public static Dataset<Row> stateful(Dataset<Row> keyed, AnalyticsConfig config, AlertConfig alerts) {
        StructType schema = keyed.schema();
        InputFields in = InputFields.of(schema);
        PaneFold.Fields fold = new PaneFold.Fields(schema.fieldIndex("type"), schema.fieldIndex("user_key"),
                schema.fieldIndex("order_id"), schema.fieldIndex("revenue"), schema.fieldIndex("page_path"),
                schema.fieldIndex("page_url"), schema.fieldIndex("order_items"),
                config.breakdowns() ? schema.fieldIndex("dimensions") : -1, config.breakdownPaneCap());
        PanePartials panes = new PanePartials(config.windowSlide().toMillis(),
                KpiAggregation.lgConfigK(config.approxRsd()), in.ts(), fold);
        SessionTracker sessions = !config.sessions() ? null : new SessionTracker(schema, config.funnel(),
                config.sessionGap().toMillis(), config.windowSlide().toMillis());
        OnePassProcessor processor = new OnePassProcessor(in, config.watermark().toMillis(),
                KpiAggregation.sweepMillis(config.watermark()), panes, alerts, sessions);
        return keyed.groupBy(col("bucket")).as(Encoders.INT(), Encoders.row(schema))
                .transformWithState(processor, TimeMode.EventTime(), OutputMode.Append(), Encoders.row(OUTPUT));
    }

    /** Each task's alerts and rejects as they are, then its pane folds and site sums ({@link PerTask}). */
    public static Dataset<Row> mergedPerTask(Dataset<Row> output) {
        return output.mapPartitions(new PerTask(), Encoders.row(OUTPUT));
    }

    /** The whole transformation: Kafka records → what the driver writes. */
    public static Dataset<Row> transform(Dataset<Row> kafkaRecords, AnalyticsConfig config, AlertConfig alerts) {
        return mergedPerTask(stateful(keyed(parse(kafkaRecords, config), config), config, alerts));
    }

    static String dedupKey(Row row, InputFields in) {
        return "purchase".equals(row.getString(in.type())) ? "order|" + row.getString(in.orderId())
                : "event|" + row.getString(in.eventId());
    }

    static Row siteRow(SiteBaselineRules.BucketSum sum) {
        return RowFactory.create(SITE, new Timestamp(sum.start()), sum.toBytes(), null);
    }

    static Row alertRow(Alert alert) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(alert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RowFactory.create(ALERT, null, bytes.toByteArray(), null);
    }

    static Alert alertOf(Row row) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream((byte[]) row.get(2)))) {
            return (Alert) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("unreadable alert row", e);
        }
    }

    static Row rejectRow(Row reject) {
        return RowFactory.create(REJECT, null, null, reject);
    }

    /**
     * Per task, after the operator: its alerts and rejects as they are, then the task's folds
     * ({@link TaskFolds}): one pane row per pane and one site row per site and site bucket.
     */
    static final class PerTask implements MapPartitionsFunction<Row, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<Row> out = new ArrayList<>();
            rows.forEachRemaining(out::add);
            // The operator's output is exhausted: every bucket of this task has folded into its folds.
            TaskFolds folded = TaskFolds.takeThisTask();
            folded.panes().forEach((pane, fold) -> out.add(RowFactory.create(PANE, new Timestamp(pane), fold.toBytes(), null)));
            folded.sites().values().forEach(sum -> out.add(siteRow(sum)));
            return out.iterator();
        }
    }
}
