package io.clickstream.analytics.reject;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.query.QueryStarter;
import io.clickstream.analytics.query.SchedulerPool;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateless query that indexes rejected records into {@code clickstream-rejects} (id
 * {@code topic|partition|offset}) and counts them: the observed metric {@code rejects.rejected} in
 * every query progress, and {@link #total()} with a log line per batch that had any.
 */
public final class RejectsQuery {

    public static final String NAME = "rejects";
    private static final Logger LOG = LoggerFactory.getLogger(RejectsQuery.class);
    private static final AtomicLong TOTAL = new AtomicLong();

    private RejectsQuery() {
    }

    public static QueryStarter query(Dataset<Row> rejects, AnalyticsConfig config, DocumentSink sink) {
        return QueryStarter.of(NAME, SchedulerPool.BACKGROUND, () -> start(rejects, config, sink));
    }

    public static StreamingQuery start(Dataset<Row> rejects, AnalyticsConfig config, DocumentSink sink)
            throws TimeoutException {
        return rejects.observe(NAME, count(lit(1)).as("rejected"))
                .writeStream()
                .queryName(NAME)
                .outputMode("append")
                .option("checkpointLocation", config.checkpointDir() + "/" + NAME)
                .trigger(config.trigger(config.rejectsTrigger()))
                .foreachBatch(new WriteRejects(sink, config.bulkMaxDocs()))
                .start();
    }

    /** Rejected records written by this JVM since it started (a replayed batch counts again). */
    public static long total() {
        return TOTAL.get();
    }

    static final class WriteRejects implements VoidFunction2<Dataset<Row>, Long> {
        private final transient DocumentSink sink;
        private final int chunk;

        WriteRejects(DocumentSink sink, int chunk) {
            this.sink = sink;
            this.chunk = chunk;
        }

        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            // One parallel pass finds the (usually zero) rejects and keeps them; only then are they
            // streamed to the driver partition by partition, so a flood of bad input cannot fill it.
            Dataset<Row> rejects = batch.persist(StorageLevel.MEMORY_AND_DISK());
            try {
                if (rejects.count() > 0) {
                    write(rejects, batchId);
                }
            } finally {
                rejects.unpersist();
            }
        }

        private void write(Dataset<Row> batch, long batchId) {
            Instant now = Instant.now();
            long n = 0;
            List<EsDocument> docs = new ArrayList<>(chunk);
            for (Iterator<Row> it = batch.toLocalIterator(); it.hasNext(); ) {
                docs.add(RejectDocuments.of(it.next(), now));
                if (docs.size() >= chunk) {
                    sink.write(docs);
                    n += docs.size();
                    docs = new ArrayList<>(chunk);
                }
            }
            if (!docs.isEmpty()) {
                sink.write(docs);
                n += docs.size();
            }
            if (n > 0) {
                LOG.warn("batch {}: {} rejected records indexed into {} ({} since start)", batchId, n,
                        Indices.REJECTS_ALIAS, TOTAL.addAndGet(n));
            }
        }
    }
}
