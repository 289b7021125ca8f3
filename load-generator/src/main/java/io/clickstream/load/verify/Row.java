package io.clickstream.load.verify;

import java.time.Instant;

/** One line of the verify table: expected vs actual for one window and metric. */
public record Row(String granularity, Instant windowStart, String metric, String expected, String actual, Status status) {

    public enum Status {
        /** Equal (or within the documented bound for unique visitors). */
        OK,
        /** Between the acknowledged count and acknowledged + unacknowledged: cannot be decided. */
        UNCERTAIN,
        /** Wrong. */
        MISMATCH,
        /** No document for a window that holds acknowledged events. */
        MISSING;

        public boolean fails() {
            return this == MISMATCH || this == MISSING;
        }
    }
}
