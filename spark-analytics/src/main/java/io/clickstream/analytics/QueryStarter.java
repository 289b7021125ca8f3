package io.clickstream.analytics;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Starts one named streaming query from its checkpoint; called again by {@link QuerySupervisor} to
 * restart the query after a failure.
 */
public interface QueryStarter {

    String name();

    StreamingQuery start() throws TimeoutException;

    static QueryStarter of(String name, Start start) {
        return new QueryStarter() {
            @Override
            public String name() {
                return name;
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
