package io.clickstream.load.verify;

import java.time.Instant;

/**
 * One line of the verify table: expected vs actual for one field of one document.
 *
 * @param document the Elasticsearch {@code _id} of the document ({@code kpi|60s/10s|…}, {@code top|…|page|3})
 * @param metric   the field compared ({@code ctr}, {@code key}, …), or {@code document} for presence
 */
public record Row(String document, String granularity, Instant windowStart, String metric, String expected, String actual,
                  Status status) {

    public enum Status {
        /** Equal (within the documented tolerance for rates and unique visitors). */
        OK,
        /** Between the acknowledged count and acknowledged + unacknowledged: cannot be decided. */
        UNCERTAIN,
        /** In a window shared with traffic of other runs: judged against the sum of the shorter windows, or not at all. */
        SHARED,
        /** Wrong. */
        MISMATCH,
        /** No document where the ledger predicts one. */
        MISSING,
        /** A document the ledger does not predict, in the run's range. */
        EXTRA;

        public boolean fails() {
            return this == MISMATCH || this == MISSING || this == EXTRA;
        }
    }
}
