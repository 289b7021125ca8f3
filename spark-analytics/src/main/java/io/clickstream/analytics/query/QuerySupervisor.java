package io.clickstream.analytics.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the job's queries running: a query that fails (a micro-batch that could not be written to
 * Elasticsearch within the retry budget, a broker outage, a Spark error) is restarted from its
 * checkpoint after a backoff, so the failed micro-batch is replayed and nothing is lost. After
 * {@code maxRestarts} consecutive failures without progress the supervisor gives up and
 * {@link #await()} rethrows, so the process exits non-zero for an outer supervisor.
 *
 * <p>Also the workaround for SPARK-55271 (Spark 4.1.1): a query restarted on a checkpoint whose last
 * batch was planned but not committed re-runs that batch, commits it, and then fails in the Kafka
 * source's progress metrics with a NullPointerException. The next start proceeds normally.
 *
 * <p>Queries that end by themselves ({@code Trigger.AvailableNow}, a backfill) are supervised the
 * same way, except that a query that ended without error is done: the supervisor finishes once every
 * query is done. A live query that stops without error stops the job.
 */
public final class QuerySupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(QuerySupervisor.class);

    private final SparkSession spark;
    private final Map<String, QueryStarter> starters = new LinkedHashMap<>();
    private final Map<String, StreamingQuery> running = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final int maxRestarts;
    private final boolean finite;
    private final Set<String> done = new HashSet<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Throwable fatal;

    private QuerySupervisor(SparkSession spark, List<QueryStarter> queries, int maxRestarts, boolean finite) {
        this.spark = spark;
        this.maxRestarts = maxRestarts;
        this.finite = finite;
        queries.forEach(q -> starters.put(q.name(), q));
    }

    /** Starts every query and a daemon thread that watches them. */
    public static QuerySupervisor start(SparkSession spark, List<QueryStarter> queries, int maxRestarts) throws Exception {
        return start(spark, queries, maxRestarts, false);
    }

    /**
     * Starts every query and a daemon thread that watches them; {@code finite}: the queries end by
     * themselves ({@code AvailableNow}) and {@link #await()} returns when all have.
     */
    public static QuerySupervisor start(SparkSession spark, List<QueryStarter> queries, int maxRestarts, boolean finite)
            throws Exception {
        QuerySupervisor s = new QuerySupervisor(spark, queries, maxRestarts, finite);
        for (QueryStarter q : queries) {
            s.running.put(q.name(), s.startInPool(q));
        }
        Thread watcher = new Thread(s::watch, "query-supervisor");
        watcher.setDaemon(true);
        watcher.start();
        return s;
    }

    public synchronized List<StreamingQuery> queries() {
        return new ArrayList<>(running.values());
    }

    private void watch() {
        try {
            while (!stopping) {
                try {
                    spark.streams().awaitAnyTermination(1_000);
                } catch (StreamingQueryException e) {
                    // Handled below, per query: this only says that one of them failed.
                }
                spark.streams().resetTerminated();
                if (stopping) {
                    break;
                }
                for (String name : starters.keySet()) {
                    if (done.contains(name)) {
                        continue;
                    }
                    StreamingQuery q;
                    synchronized (this) {
                        q = running.get(name);
                    }
                    if (q.isActive()) {
                        if (q.lastProgress() != null && q.lastProgress().numInputRows() > 0) {
                            failures.put(name, 0);
                        }
                        continue;
                    }
                    if (q.exception().isEmpty() && finite) {
                        LOG.info("query {} read everything it was given", name);
                        done.add(name);
                        continue;
                    }
                    if (q.exception().isEmpty()) {
                        LOG.warn("query {} stopped; stopping the job", name);
                        stopping = true;
                        break;
                    }
                    int n = failures.merge(name, 1, Integer::sum);
                    if (n > maxRestarts) {
                        throw new IllegalStateException("query " + name + " failed " + n + " times in a row",
                                q.exception().get());
                    }
                    Duration backoff = Duration.ofMillis(Math.min(30_000, 500L << Math.min(n, 6)));
                    LOG.warn("query {} failed ({}); restart {} of {} from its checkpoint in {} ms", name,
                            q.exception().get().getMessage().lines().findFirst().orElse(""), n, maxRestarts,
                            backoff.toMillis());
                    Thread.sleep(backoff.toMillis());
                    if (stopping) {
                        break;
                    }
                    StreamingQuery restarted = startInPool(starters.get(name));
                    synchronized (this) {
                        running.put(name, restarted);
                    }
                }
                if (finite && done.size() == starters.size()) {
                    break;
                }
            }
        } catch (Throwable t) {
            if (!stopping) {
                fatal = t;
                LOG.error("giving up: {}", t.getMessage(), t);
            }
        } finally {
            finished.countDown();
        }
    }

    /** Blocks until the queries were stopped, or rethrows when a query kept failing. */
    public void await() throws Throwable {
        finished.await();
        if (fatal != null) {
            throw fatal;
        }
    }

    /** Stops every query (each resumes from its checkpoint at the next start). */
    public void stop() {
        stopping = true;
        for (StreamingQuery q : queries()) {
            try {
                q.stop();
            } catch (Exception e) {
                LOG.warn("stopping query {} failed", q.name(), e);
            }
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the query with its micro-batches in the query's fair-scheduler pool
     * ({@link SchedulerPool}). The stream thread inherits the local property at its creation.
     */
    private StreamingQuery startInPool(QueryStarter q) throws Exception {
        var context = spark.sparkContext();
        String previous = context.getLocalProperty("spark.scheduler.pool");
        context.setLocalProperty("spark.scheduler.pool", q.pool().poolName());
        try {
            return q.start();
        } finally {
            context.setLocalProperty("spark.scheduler.pool", previous);
        }
    }
}
