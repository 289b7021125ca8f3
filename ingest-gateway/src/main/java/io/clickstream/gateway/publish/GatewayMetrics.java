package io.clickstream.gateway.publish;

import io.clickstream.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The gateway's own meters (Prometheus names in brackets): events accepted, duplicate and rejected
 * per type ({@code clickstream_gateway_events_*_total{type}}), requests answered 503
 * ({@code clickstream_gateway_unavailable_total}), failed DLQ writes, the publish latency histogram
 * ({@code clickstream_gateway_publish_seconds}), the in-flight gauge
 * ({@code clickstream_gateway_inflight_events}), messages of other protocols ignored by the mapping
 * ({@code clickstream_gateway_events_ignored_total{protocol}}) and pixel requests whose event was invalid
 * ({@code clickstream_gateway_pixel_invalid_total}).
 */
public final class GatewayMetrics {

    /** The type tag of events whose type could not be read. */
    public static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;
    /**
     * Counted in adders that Prometheus reads at scrape time ({@link FunctionCounter}: the same
     * counter in the exposition). A {@link Counter} of the composite registry walks its child
     * registries on every increment: JFR showed ~6 % of the gateway's CPU there, once per event.
     */
    private final Map<EventType, LongAdder> accepted = new EnumMap<>(EventType.class);
    private final Map<EventType, LongAdder> duplicates = new EnumMap<>(EventType.class);
    private final Map<String, Counter> rejected = new java.util.HashMap<>();
    private final Counter unavailable;
    private final Counter dlqFailures;
    private final Counter dropped;
    private final Counter pixelInvalid;
    private final Map<String, Counter> ignored = new java.util.concurrent.ConcurrentHashMap<>();
    private final Timer publishLatency;

    public GatewayMetrics(MeterRegistry registry, Supplier<Number> inFlight) {
        this.registry = registry;
        for (EventType type : EventType.values()) {
            LongAdder acceptedOfType = new LongAdder();
            accepted.put(type, acceptedOfType);
            FunctionCounter.builder("clickstream.gateway.events.accepted", acceptedOfType, LongAdder::doubleValue)
                    .description("Events acknowledged by Kafka").tag("type", type.wireName()).register(registry);
            LongAdder duplicatesOfType = new LongAdder();
            duplicates.put(type, duplicatesOfType);
            FunctionCounter.builder("clickstream.gateway.events.duplicate", duplicatesOfType, LongAdder::doubleValue)
                    .description("Events answered duplicate (same event_id acknowledged recently)")
                    .tag("type", type.wireName()).register(registry);
            registerRejected(type.wireName());
        }
        registerRejected(UNKNOWN_TYPE);
        unavailable = Counter.builder("clickstream.gateway.unavailable")
                .description("Requests answered 503 because Kafka did not acknowledge in time or the in-flight bound was reached")
                .register(registry);
        dlqFailures = Counter.builder("clickstream.gateway.dlq.failures")
                .description("Rejected events that could not be written to events_dlq").register(registry);
        dropped = Counter.builder("clickstream.gateway.events.dropped")
                .description("Events dropped because of DNT / Sec-GPC (privacy action drop)").register(registry);
        pixelInvalid = Counter.builder("clickstream.gateway.pixel.invalid")
                .description("Pixel requests whose event was rejected (answered with the GIF, written to events_dlq)")
                .register(registry);
        publishLatency = Timer.builder("clickstream.gateway.publish")
                .description("Time from hand-over to the Kafka send thread to acknowledgement, per event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        // Held strongly: the supplier is referenced by nothing else, and a weakly held gauge object is
        // collected by the next GC, after which the gauge disappears from /q/metrics.
        io.micrometer.core.instrument.Gauge.builder("clickstream.gateway.inflight.events", inFlight, s -> s.get().doubleValue())
                .strongReference(true).register(registry);
    }

    private void registerRejected(String type) {
        rejected.put(type, Counter.builder("clickstream.gateway.events.rejected")
                .description("Events rejected by validation (sent to events_dlq)")
                .tag("type", type).register(registry));
    }

    /** {@code count} events of {@code type} acknowledged by Kafka. */
    public void accepted(EventType type, int count) {
        accepted.get(type).add(count);
    }

    /** One acknowledged event's time from hand-over to the send thread to Kafka's acknowledgement. */
    public void publishLatency(long nanos) {
        publishLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void duplicate(EventType type) {
        duplicates.get(type).increment();
    }

    public void rejected(String typeOrNull) {
        String type = typeOrNull == null || EventType.fromWireName(typeOrNull).isEmpty() ? UNKNOWN_TYPE : typeOrNull;
        rejected.get(type).increment();
    }

    public void unavailable() {
        unavailable.increment();
    }

    public void dlqFailure() {
        dlqFailures.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    /** A pixel request whose event was rejected: it still got the GIF, the event went to the DLQ. */
    public void pixelInvalid() {
        pixelInvalid.increment();
    }

    /** A message of another protocol (Segment, Snowplow) that the configuration maps to no event type. */
    public void ignored(String protocol) {
        ignored.computeIfAbsent(protocol, p -> Counter.builder("clickstream.gateway.events.ignored")
                .description("Messages of other protocols accepted but not mapped to an event (per-message result ignored)")
                .tag("protocol", p).register(registry)).increment();
    }
}
