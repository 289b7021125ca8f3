package io.clickstream.analytics.pipeline;

import io.clickstream.analytics.alert.Alert;
import io.clickstream.analytics.alert.AlertRows;
import io.clickstream.analytics.alert.AlertSink;
import io.clickstream.analytics.alert.SiteBaselineRules;
import io.clickstream.analytics.alert.SiteRulesOnDriver;
import io.clickstream.analytics.kpi.KpiBatchWriter;
import io.clickstream.analytics.reject.RejectDocuments;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-pass query's {@code foreachBatch}, on the driver: one collect of the batch's small rows
 * ({@link OnePass#OUTPUT}), then, all with idempotent writes under deterministic ids, the KPI and
 * top-N documents ({@link KpiBatchWriter}, written searchable first: they carry the latency target),
 * the user alerts, the site rules' alerts ({@link SiteRulesOnDriver}) and the rejects.
 * A replayed batch writes the same documents again (see each part).
 *
 * <p>The batch's rejects are collected with the rest: at most {@code --max-offsets-per-trigger}
 * records per batch reach the driver.
 */
final class OnePassWriter implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(OnePassWriter.class);
    private static final AtomicLong REJECTED = new AtomicLong();

    private final transient DocumentSink documents;
    private final transient KpiBatchWriter kpis;
    private final transient AlertSink alerts;
    private final transient SiteRulesOnDriver sites;
    private final int chunk;

    OnePassWriter(DocumentSink documents, KpiBatchWriter kpis, AlertSink alerts, SiteRulesOnDriver sites, int chunk) {
        this.documents = documents;
        this.kpis = kpis;
        this.alerts = alerts;
        this.sites = sites;
        this.chunk = chunk;
    }

    /** Rejected records written by this JVM since it started (a replayed batch counts again). */
    static long rejected() {
        return REJECTED.get();
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) throws Exception {
        long start = System.nanoTime();
        List<Row> rows = batch.collectAsList();
        long spark = System.nanoTime() - start;
        List<Row> panes = new ArrayList<>();
        List<SiteBaselineRules.BucketSum> siteSums = new ArrayList<>();
        List<Alert> userAlerts = new ArrayList<>();
        List<Row> rejects = new ArrayList<>();
        for (Row row : rows) {
            switch (row.getString(0)) {
                case OnePass.PANE -> panes.add(RowFactory.create(row.getTimestamp(1), row.get(2)));
                case OnePass.SITE -> siteSums.add(SiteBaselineRules.BucketSum.fromBytes((byte[]) row.get(2)));
                case OnePass.ALERT -> userAlerts.add(OnePass.alertOf(row));
                case OnePass.REJECT -> rejects.add(row.getStruct(3));
                default -> throw new IllegalStateException("unknown row kind " + row.getString(0));
            }
        }
        if (!panes.isEmpty()) {
            kpis.write(panes.iterator(), batchId, KpiBatchWriter.runOf(batch.sparkSession()), spark);
        }
        List<Alert> raised = new ArrayList<>(userAlerts);
        raised.addAll(sites.onBatch(batchId, siteSums, System.currentTimeMillis()));
        if (!raised.isEmpty()) {
            alerts.write(AlertRows.latestPerId(raised));
        }
        writeRejects(rejects, batchId);
    }

    private void writeRejects(List<Row> rejects, long batchId) {
        if (rejects.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (int from = 0; from < rejects.size(); from += chunk) {
            List<EsDocument> docs = new ArrayList<>();
            for (Row reject : rejects.subList(from, Math.min(rejects.size(), from + chunk))) {
                docs.add(RejectDocuments.of(reject, now));
            }
            documents.write(docs);
        }
        LOG.warn("batch {}: {} rejected records indexed into {} ({} since start)", batchId, rejects.size(),
                Indices.REJECTS_ALIAS, REJECTED.addAndGet(rejects.size()));
    }
}
