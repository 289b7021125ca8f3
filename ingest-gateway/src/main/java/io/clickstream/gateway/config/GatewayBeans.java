package io.clickstream.gateway.config;

import io.clickstream.event.EventValidator;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.ingest.CompactEventReader;
import io.clickstream.gateway.dedup.RecentEventIds;
import io.clickstream.gateway.enrich.EventEnricher;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.clickstream.gateway.publish.InFlightLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the framework-free building blocks from {@link GatewayConfig}. */
public class GatewayBeans {

    /** The validator and the compact reader must judge by the same limits and clock. */
    private static final ValidationLimits VALIDATION_LIMITS = ValidationLimits.defaults();
    private static final Clock VALIDATION_CLOCK = Clock.systemUTC();

    @Produces
    @Singleton
    EventValidator validator() {
        return new EventValidator(VALIDATION_LIMITS, VALIDATION_CLOCK);
    }

    @Produces
    @Singleton
    CompactEventReader compactEventReader() {
        return new CompactEventReader(VALIDATION_LIMITS, VALIDATION_CLOCK);
    }

    @Produces
    @Singleton
    EventEnricher enricher(GatewayConfig config) {
        return new EventEnricher(config.skew().threshold(), config.skew().maxFuture());
    }

    @Produces
    @Singleton
    RecentEventIds recentEventIds(GatewayConfig config) {
        return new RecentEventIds(config.dedup().maxEntries(), config.dedup().ttl());
    }

    @Produces
    @Singleton
    InFlightLimiter inFlightLimiter(GatewayConfig config) {
        return new InFlightLimiter(config.publish().maxInFlight());
    }

    @Produces
    @Singleton
    GatewayMetrics metrics(MeterRegistry registry, InFlightLimiter inFlight) {
        return new GatewayMetrics(registry, inFlight::inFlight);
    }
}
