package io.clickstream.gateway.publish;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the events awaiting Kafka's acknowledgement. When Kafka slows down or stops, requests would
 * otherwise pile up in memory until the process dies; past the bound they get 503 at once instead.
 */
public final class InFlightLimiter {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightLimiter(int max) {
        this.max = max;
    }

    /** Takes {@code n} permits, all or none. */
    public boolean tryAcquire(int n) {
        while (true) {
            int current = inFlight.get();
            if (current + n > max) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + n)) {
                return true;
            }
        }
    }

    public void release(int n) {
        inFlight.addAndGet(-n);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }
}
