package io.clickstream.gateway.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

/**
 * The outcomes of one request's records: one slot per record, and a future that completes once
 * every record has an outcome. One of these per request instead of a future per record (and a tree
 * of them to wait for all), which JFR showed on the Kafka producer's I/O thread.
 *
 * <p>A record's outcome only fills its slot (and, if acknowledged, the time); what follows from the
 * outcomes — remembering the ids, counting, releasing in-flight permits — runs once per request, in
 * {@code settle}, on the thread that reported the last outcome and before {@link #allDone()} completes.
 * Done per record on the producer's I/O thread, that bookkeeping was ~19 % of the gateway's CPU (JFR).
 */
public final class PublishTracker {

    private static final int PENDING = 0;
    private static final int ACKNOWLEDGED = 1;
    private static final int FAILED = 2;

    private final AtomicIntegerArray outcomes;
    /** {@link System#nanoTime()} when a slot was acknowledged; written before the slot's outcome. */
    private final long[] acknowledgedAt;
    private final AtomicInteger remaining;
    private final Consumer<PublishTracker> settle;
    private final CompletableFuture<Void> allDone = new CompletableFuture<>();

    PublishTracker(int records) {
        this(records, tracker -> { });
    }

    /**
     * @param settle given this tracker once, when every record has an outcome, before {@link #allDone()} completes;
     *               whatever it throws, the future still completes
     */
    PublishTracker(int records, Consumer<PublishTracker> settle) {
        this.outcomes = new AtomicIntegerArray(records);
        this.acknowledgedAt = new long[records];
        this.remaining = new AtomicInteger(records);
        this.settle = settle;
        if (records == 0) {
            complete();
        }
    }

    /** Records the outcome of record {@code slot}; the first outcome of a slot counts, later ones are ignored. */
    void done(int slot, boolean acknowledged) {
        if (outcomes.get(slot) != PENDING) {
            return;
        }
        long now = acknowledged ? System.nanoTime() : 0;
        if (outcomes.compareAndSet(slot, PENDING, acknowledged ? ACKNOWLEDGED : FAILED)) {
            acknowledgedAt[slot] = now;
            // The decrement publishes the time to the thread that settles (it reads it after its own decrement).
            if (remaining.decrementAndGet() == 0) {
                complete();
            }
        }
    }

    private void complete() {
        try {
            settle.accept(this);
        } finally {
            allDone.complete(null);
        }
    }

    /** Whether record {@code slot} was acknowledged by Kafka (so far). */
    public boolean acknowledged(int slot) {
        return outcomes.get(slot) == ACKNOWLEDGED;
    }

    /**
     * When record {@code slot} was acknowledged ({@link System#nanoTime()}); meaningful in {@code settle}
     * for an acknowledged slot.
     */
    long acknowledgedAt(int slot) {
        return acknowledgedAt[slot];
    }

    /** Completes once every record has an outcome (after {@code settle} ran); never fails. */
    CompletableFuture<Void> allDone() {
        return allDone;
    }
}
