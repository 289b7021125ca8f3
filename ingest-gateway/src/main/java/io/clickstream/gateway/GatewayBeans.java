package io.clickstream.gateway;

import io.clickstream.event.EventValidator;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.dedup.RecentEventIds;
import io.clickstream.gateway.enrich.EventEnricher;
import io.clickstream.gateway.ingest.CompactEventReader;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.clickstream.gateway.publish.InFlightLimiter;
import io.clickstream.gateway.publish.ProducerSettings;
import io.clickstream.gateway.protocol.TypeMapping;
import io.clickstream.gateway.protocol.segment.SegmentMapper;
import io.clickstream.gateway.protocol.snowplow.SnowplowMapper;
import io.clickstream.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the framework-free building blocks from {@link GatewayConfig}. It sits above every package of
 * the gateway and nothing imports it: the packages below take plain values, so they import one way.
 */
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

    @Produces
    @Singleton
    ProducerSettings producerSettings(GatewayConfig config) {
        GatewayConfig.Kafka kafka = config.kafka();
        return new ProducerSettings(kafka.bootstrap(), kafka.compression(), kafka.linger(), kafka.batchBytes(),
                kafka.bufferBytes(), config.publish().timeout());
    }

    @Produces
    @Singleton
    SegmentMapper segmentMapper(GatewayConfig config) {
        return new SegmentMapper(new SegmentMapper.Settings(config.segment().mapPages(),
                TypeMapping.parse("clickstream.segment.track-events", config.segment().trackEvents())));
    }

    @Produces
    @Singleton
    SnowplowMapper snowplowMapper(GatewayConfig config) {
        GatewayConfig.Snowplow snowplow = config.snowplow();
        return new SnowplowMapper(new SnowplowMapper.Settings(snowplow.mapPageViews(),
                TypeMapping.parse("clickstream.snowplow.structured-actions", snowplow.structuredActions()),
                TypeMapping.parse("clickstream.snowplow.self-describing", snowplow.selfDescribing()),
                snowplow.defaultCurrency()));
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(GatewayConfig config, MeterRegistry registry) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        return new RateLimiter(
                new RateLimiter.Limit(limits.perWriteKey().rate(), limits.perWriteKey().period(), limits.perWriteKey().burst()),
                new RateLimiter.Limit(limits.perClientIp().rate(), limits.perClientIp().period(), limits.perClientIp().burst()),
                limits.maxTracked(), limits.idle(), registry);
    }
}
