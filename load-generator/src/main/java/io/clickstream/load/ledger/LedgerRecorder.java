package io.clickstream.load.ledger;

import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.transport.DeliveryStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the final answer of every sent event during a run (thread-safe, called from transport
 * callbacks); {@link LedgerCalculator} turns them into the ledger at the end. Holds each event with
 * its answer (a few hundred bytes per event: its page and product, the shared user agent): split runs
 * of more than a few million events.
 */
public final class LedgerRecorder {

    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();

    public void record(ScheduledEvent event, DeliveryStatus status) {
        deliveries.add(Delivery.of(event, status));
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }
}
