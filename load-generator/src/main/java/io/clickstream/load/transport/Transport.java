package io.clickstream.load.transport;

import io.clickstream.load.schedule.ScheduledEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends batches of events somewhere that acknowledges them. Implementations bound their own
 * concurrency: {@link #send} blocks the caller while the limit is reached, which is what keeps
 * the load generator from queueing without bound (the latency it measures includes that wait).
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends {@code batch} and completes, after any retries, with one result per event in the same
     * order. Never completes exceptionally: failures become {@link DeliveryStatus#UNACKNOWLEDGED}.
     */
    CompletableFuture<List<Outcome>> send(List<ScheduledEvent> batch) throws InterruptedException;

    /** Whether the other side validates events (so a malformed event must come back rejected). */
    boolean validates();

    /** Short description for the ledger and the report, e.g. {@code http http://127.0.0.1:8080/v1/events}. */
    String describe();

    @Override
    void close();

    /**
     * The answer for one event.
     *
     * @param status final status
     * @param cause  why it is not accepted (rule of a rejection, "gave up after http 503" …), else null
     */
    record Outcome(DeliveryStatus status, String cause) {
        public static final Outcome ACCEPTED = new Outcome(DeliveryStatus.ACCEPTED, null);
        public static final Outcome DUPLICATE = new Outcome(DeliveryStatus.DUPLICATE, null);
    }

    /** Told about every retry (for "errors by cause" in the progress line and report). */
    @FunctionalInterface
    interface RetryListener {
        void retry(String cause, int events);

        RetryListener NONE = (cause, events) -> {
        };
    }
}
