package io.clickstream.gateway.ingest;

import io.clickstream.event.EventType;
import io.clickstream.gateway.dedup.RecentEventIds;
import io.clickstream.gateway.ingest.Classified.ToPublish;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.clickstream.gateway.publish.InFlightLimiter;
import java.util.List;

/**
 * The settle step: what follows from a request's Kafka outcomes once all are in (on the thread that
 * reported the last, before the answer is built). The in-flight permits are released, the acknowledged
 * ids remembered — even if the request already timed out: they are in Kafka, a resend is a duplicate —
 * and counted, with each event's publish latency. Once per request rather than per record (see
 * {@link PublishTracker}).
 */
public final class Settlement {

    private static final EventType[] EVENT_TYPES = EventType.values();

    private final InFlightLimiter inFlight;
    private final RecentEventIds recentIds;
    private final GatewayMetrics metrics;

    public Settlement(InFlightLimiter inFlight, RecentEventIds recentIds, GatewayMetrics metrics) {
        this.inFlight = inFlight;
        this.recentIds = recentIds;
        this.metrics = metrics;
    }

    /**
     * @param published  the request's records in slot order (the first {@code published.size()} slots of the tracker)
     * @param handedOver {@link System#nanoTime()} when they were handed to the send thread
     */
    void settle(List<ToPublish> published, PublishTracker tracker, long handedOver) {
        int count = published.size();
        if (count == 0) {
            return;
        }
        inFlight.release(count);
        RecentEventIds.Key[] acknowledged = new RecentEventIds.Key[count];
        int[] perType = new int[EVENT_TYPES.length];
        int n = 0;
        for (int k = 0; k < count; k++) {
            if (tracker.acknowledged(k)) {
                ToPublish p = published.get(k);
                acknowledged[n++] = p.idKey();
                perType[p.type().ordinal()]++;
                metrics.publishLatency(tracker.acknowledgedAt(k) - handedOver);
            }
        }
        recentIds.acknowledgedAll(acknowledged, n);
        for (int t = 0; t < perType.length; t++) {
            if (perType[t] > 0) {
                metrics.accepted(EVENT_TYPES[t], perType[t]);
            }
        }
    }
}
