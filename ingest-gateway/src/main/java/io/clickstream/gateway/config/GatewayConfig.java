package io.clickstream.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every knob of the gateway, under {@code clickstream.*} in application.properties (or the matching
 * environment variables, e.g. {@code CLICKSTREAM_LIMITS_MAX_BODY_BYTES}). The README lists each key
 * with its default; keep the two in step.
 */
@ConfigMapping(prefix = "clickstream")
public interface GatewayConfig {

    Kafka kafka();

    Limits limits();

    Publish publish();

    Skew skew();

    Client client();

    Privacy privacy();

    Dedup dedup();

    /**
     * Write keys mapped to site names ({@code clickstream.sites.<key>=<site>}). Empty: every request
     * is attributed to {@link #defaultSite()} and keys are ignored. Non-empty: a request must carry
     * a known key, else 401.
     */
    Map<String, String> sites();

    /** The site of requests when no write keys are configured. */
    @WithName("default-site")
    @WithDefault("default")
    String defaultSite();

    /** Which browser origins may send events to the beacon endpoints (CORS), per write key. */
    Cors cors();

    /** The JavaScript tracker served at {@code GET /sdk/clickstream.js}. */
    Sdk sdk();

    interface Kafka {
        /** Bootstrap servers of the cluster that receives the events. */
        @WithDefault("${KAFKA_BOOTSTRAP:127.0.0.1:9092}")
        String bootstrap();

        /** Producer compression (lz4, zstd, gzip, snappy, none). */
        @WithDefault("lz4")
        String compression();

        /** How long the producer waits to fill a batch; small, it adds to every request's latency. */
        @WithDefault("PT0.005S")
        Duration linger();

        /** Producer batch size per partition, bytes. */
        @WithDefault("65536")
        int batchBytes();

        /** Producer buffer memory, bytes. */
        @WithDefault("33554432")
        long bufferBytes();
    }

    interface Limits {
        /** Largest request body on the wire (compressed if gzip), bytes. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** Largest body after gzip decompression, bytes: the decompression-bomb cap. */
        @WithDefault("4194304")
        int maxDecompressedBytes();

        /** Most events in one request (JSON array or NDJSON lines). */
        @WithDefault("500")
        int maxEventsPerBatch();

        /** Largest single event, bytes of its JSON text. */
        @WithDefault("32768")
        int maxEventBytes();
    }

    interface Publish {
        /**
         * Longest time a request waits for Kafka's acknowledgements before answering 503. The
         * producer's own delivery timeout is derived from it so that every send completes.
         */
        @WithDefault("PT1.5S")
        Duration timeout();

        /** Most events awaiting Kafka's acknowledgement at once; past it requests get 503 at once. */
        @WithDefault("20000")
        int maxInFlight();

        /** Value of the Retry-After header on 503, seconds. */
        @WithDefault("2")
        int retryAfterSeconds();
    }

    interface Skew {
        /** Client clock skew (received_at − sent_at) above which {@code ts} is corrected. */
        @WithDefault("PT5S")
        Duration threshold();

        /** {@code ts} later than received_at + this is clamped to received_at and flagged. */
        @WithDefault("PT1M")
        Duration maxFuture();
    }

    interface Client {
        /**
         * Reverse proxies in front of the gateway that append to X-Forwarded-For. 0: the TCP peer
         * is the client and X-Forwarded-For is ignored. N: the client is the N-th address from the
         * right of (X-Forwarded-For…, peer); anything further left can be forged by the client.
         */
        @WithDefault("0")
        int trustedProxyHops();
    }

    interface Privacy {
        /** What to do with events from clients sending {@code DNT: 1}. */
        @WithDefault("anonymize")
        PrivacyAction dnt();

        /** What to do with events from clients sending {@code Sec-GPC: 1}. */
        @WithDefault("anonymize")
        PrivacyAction gpc();
    }

    interface Dedup {
        /** Event ids remembered (after Kafka acknowledged them) to answer "duplicate". */
        @WithDefault("200000")
        long maxEntries();

        /** How long an acknowledged event id is remembered. */
        @WithDefault("PT10M")
        Duration ttl();
    }

    interface Cors {
        /**
         * Origins allowed per write key: {@code clickstream.cors.origins.<write-key>=https://shop.example,https://*.shop.example}.
         * An entry is an origin ({@code scheme://host[:port]}), {@code https://*.domain} (any subdomain),
         * {@code loopback} (http/https on localhost, 127.0.0.0/8 or [::1], any port) or {@code *} (any origin,
         * still echoed, never a wildcard header). A key without an entry accepts no cross-origin browser requests.
         */
        Map<String, List<String>> origins();

        /** Origins allowed while no write keys are configured ({@code clickstream.sites} empty). */
        @WithDefault("loopback")
        List<String> defaultOrigins();

        /** How long a browser may cache a preflight answer ({@code Access-Control-Max-Age}). */
        @WithDefault("PT10M")
        Duration maxAge();
    }

    interface Sdk {
        /** {@code Cache-Control: public, max-age} of the tracker script; browsers revalidate with its ETag after it. */
        @WithDefault("PT5M")
        Duration maxAge();
    }
}
