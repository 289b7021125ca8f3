package io.clickstream.analytics.alert;

import java.time.Duration;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Waits until a query has finished the batch that read a given input file. {@code processAllAvailable}
 * does not work for the site query: a processing-time {@code transformWithState} runs a no-data
 * batch on every trigger (for its timers), so the query never looks idle.
 */
final class Drain {

    private Drain() {
    }

    /** Blocks until {@code query} has completed a batch ending at file-source log offset {@code fileIndex}. */
    static void untilFile(StreamingQuery query, int fileIndex, Duration timeout) throws Exception {
        String wanted = "\"logOffset\":" + fileIndex + "}";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (query.exception().isDefined()) {
                throw query.exception().get();
            }
            for (StreamingQueryProgress p : query.recentProgress()) {
                for (SourceProgress s : p.sources()) {
                    if (s.endOffset() != null && s.endOffset().replace(" ", "").endsWith(wanted)) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(query.name() + " did not process input file " + fileIndex + " within " + timeout);
    }
}
