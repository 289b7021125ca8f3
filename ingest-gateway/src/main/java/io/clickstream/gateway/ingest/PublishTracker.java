package io.clickstream.gateway.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The outcomes of one request's records: one slot per record, and a future that completes once
 * every record has an outcome. One of these per request instead of a future per record (and a tree
 * of them to wait for all), which JFR showed on the Kafka producer's I/O thread.
 */
final class PublishTracker {

    private static final int PENDING = 0;
    private static final int ACKNOWLEDGED = 1;
    private static final int FAILED = 2;

    private final AtomicIntegerArray outcomes;
    private final AtomicInteger remaining;
    private final CompletableFuture<Void> allDone = new CompletableFuture<>();

    PublishTracker(int records) {
        this.outcomes = new AtomicIntegerArray(records);
        this.remaining = new AtomicInteger(records);
        if (records == 0) {
            allDone.complete(null);
        }
    }

    /** Records the outcome of record {@code slot}; the first outcome of a slot counts, later ones are ignored. */
    void done(int slot, boolean acknowledged) {
        if (outcomes.compareAndSet(slot, PENDING, acknowledged ? ACKNOWLEDGED : FAILED)
                && remaining.decrementAndGet() == 0) {
            allDone.complete(null);
        }
    }

    /** Whether record {@code slot} was acknowledged by Kafka (so far). */
    boolean acknowledged(int slot) {
        return outcomes.get(slot) == ACKNOWLEDGED;
    }

    /** Completes once every record has an outcome; never fails. */
    CompletableFuture<Void> allDone() {
        return allDone;
    }
}
