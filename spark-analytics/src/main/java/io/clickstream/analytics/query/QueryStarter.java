package io.clickstream.analytics.query;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Starts one named streaming query from its checkpoint; called again by {@link QuerySupervisor} to
 * restart the query after a failure. The query says which fair-scheduler pool its tasks run in.
 */
public interface QueryStarter {

    String name();

    /** The fair-scheduler pool of this query's micro-batches. */
    SchedulerPool pool();

    StreamingQuery start() throws TimeoutException;

    static QueryStarter of(String name, SchedulerPool pool, Start start) {
        return new QueryStarter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SchedulerPool pool() {
                return pool;
            }

            @Override
            public StreamingQuery start() throws TimeoutException {
                return start.start();
            }
        };
    }

    /** The starting code of a query. */
    @FunctionalInterface
    interface Start {
        StreamingQuery start() throws TimeoutException;
    }
}
