package io.clickstream.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.EventType;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void countsPerTypeThroughACompositeRegistry() {
        SimpleMeterRegistry child = new SimpleMeterRegistry();
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.add(child);
        GatewayMetrics metrics = new GatewayMetrics(registry, () -> 7);
        metrics.accepted(EventType.CLICK, 2);
        metrics.accepted(EventType.PURCHASE, 1);
        metrics.publishLatency(2_000_000);
        metrics.publishLatency(4_000_000);
        metrics.publishLatency(1_000_000);
        metrics.duplicate(EventType.CLICK);
        metrics.rejected(null);

        for (var r : new io.micrometer.core.instrument.MeterRegistry[] {registry, child}) {
            assertThat(r.get("clickstream.gateway.events.accepted").tag("type", "click").functionCounter().count()).isEqualTo(2);
            assertThat(r.get("clickstream.gateway.events.accepted").tag("type", "purchase").functionCounter().count()).isEqualTo(1);
            assertThat(r.get("clickstream.gateway.events.accepted").tag("type", "page_view").functionCounter().count()).isZero();
            assertThat(r.get("clickstream.gateway.events.duplicate").tag("type", "click").functionCounter().count()).isEqualTo(1);
            assertThat(r.get("clickstream.gateway.events.rejected").tag("type", "unknown").counter().count()).isEqualTo(1);
            assertThat(r.get("clickstream.gateway.publish").timer().count()).isEqualTo(3);
            assertThat(r.get("clickstream.gateway.publish").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(7);
            assertThat(r.get("clickstream.gateway.inflight.events").gauge().value()).isEqualTo(7);
        }
    }

    @Test
    void theInFlightGaugeOutlivesAGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger(7);
        new GatewayMetrics(registry, inFlight::get); // a capturing supplier referenced by the gauge alone, as in the gateway
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThat(registry.get("clickstream.gateway.inflight.events").gauge().value()).isEqualTo(7);
    }
}
