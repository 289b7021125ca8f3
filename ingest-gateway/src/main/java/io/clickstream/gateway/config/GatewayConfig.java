package io.clickstream.gateway.config;

import io.clickstream.gateway.enrich.PrivacyAction;
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

    Segment segment();

    Snowplow snowplow();

    @WithName("rate-limit")
    RateLimit rateLimit();

    Benchmark benchmark();

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
        @WithDefault("anonymise")
        PrivacyAction dnt();

        /** What to do with events from clients sending {@code Sec-GPC: 1}. */
        @WithDefault("anonymise")
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

    /** How Segment's calls map onto the contract's types (the Segment endpoints, /v1/track …). */
    interface Segment {
        /** Whether {@code page} calls become page_view events. */
        @WithDefault("true")
        boolean mapPages();

        /**
         * {@code track} event names and their types, as {@code name=type} entries; {@code name=ignore}
         * unmaps one. Unmapped names are answered {@code ignored} and counted.
         */
        @WithDefault("Product Clicked=click,Product Added=add_to_cart,Order Completed=purchase")
        List<String> trackEvents();
    }

    /** How Snowplow tracker events map onto the contract's types ({@code GET /i}, {@code POST …/tp2}). */
    interface Snowplow {
        /** Whether page views ({@code e=pv}) become page_view events. */
        @WithDefault("true")
        boolean mapPageViews();

        /** Structured events ({@code e=se}): the action {@code se_ac} and its type, {@code action=type}. */
        @WithDefault("click=click,add_to_cart=add_to_cart,purchase=purchase")
        List<String> structuredActions();

        /** Self-describing events ({@code e=ue}): the schema's {@code vendor/name} and its type. */
        @WithDefault("com.snowplowanalytics.snowplow/link_click=click")
        List<String> selfDescribing();

        /** Currency of a structured purchase whose {@code se_pr} is not a currency code. */
        @WithDefault("EUR")
        String defaultCurrency();
    }

    /**
     * Token buckets per write key and per client address (after the trusted proxies); a request
     * finding either empty gets 429 with Retry-After. A rate of 0 turns that limit off (the default).
     */
    interface RateLimit {
        Bucket perWriteKey();

        Bucket perClientIp();

        /** Buckets remembered per kind at most; the least recently used are forgotten first. */
        @WithDefault("100000")
        long maxTracked();

        /** A bucket unused this long is forgotten (it would have refilled by then). */
        @WithDefault("PT10M")
        Duration idle();

        interface Bucket {
            /** Requests per {@link #period()}, on average; 0: no limit. */
            @WithDefault("0")
            long rate();

            /** The period of {@link #rate()}. */
            @WithDefault("PT1S")
            Duration period();

            /** Requests allowed at once after a quiet period (the bucket's size). */
            @WithDefault("100")
            long burst();
        }
    }

    /** Only for bench/beacons/run.sh. */
    interface Benchmark {
        /** Registers {@code /bench/bare}, a route that only answers 204: the benchmark's baseline. */
        @WithDefault("false")
        boolean bareRoute();
    }
}
