package io.clickstream.gateway.ingest;

import io.clickstream.gateway.config.GatewayConfig;

/**
 * The per-request limits, as plain values so body decoding stays a pure function.
 * Each limit's config key is what error bodies name.
 */
public record RequestLimits(int maxBodyBytes, int maxDecompressedBytes, int maxEventsPerBatch, int maxEventBytes) {

    public static final String MAX_BODY_BYTES = "clickstream.limits.max-body-bytes";
    public static final String MAX_DECOMPRESSED_BYTES = "clickstream.limits.max-decompressed-bytes";
    public static final String MAX_EVENTS_PER_BATCH = "clickstream.limits.max-events-per-batch";
    public static final String MAX_EVENT_BYTES = "clickstream.limits.max-event-bytes";

    public static RequestLimits from(GatewayConfig.Limits limits) {
        return new RequestLimits(limits.maxBodyBytes(), limits.maxDecompressedBytes(),
                limits.maxEventsPerBatch(), limits.maxEventBytes());
    }
}
