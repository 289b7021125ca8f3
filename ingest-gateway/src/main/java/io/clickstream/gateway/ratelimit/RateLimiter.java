package io.clickstream.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Token buckets (Bucket4j) per write key and per client address: each request takes one token from
 * the bucket of its client address and then from that of its write key; an empty bucket refuses the
 * request with the time until its next token. Buckets of keys and addresses not seen for a while are
 * forgotten (a bounded cache), so a flood of spoofed addresses cannot grow the heap.
 */
public final class RateLimiter {

    /**
     * One kind of limit: {@code rate} requests per {@code period} on average.
     *
     * @param rate  tokens added per period; 0 turns this limit off
     * @param burst bucket size: requests allowed at once after a quiet period
     */
    public record Limit(long rate, Duration period, long burst) {
        public boolean enabled() {
            return rate > 0;
        }
    }

    /** A request's verdict: allowed, or refused by which limit and for how long. */
    public record Verdict(boolean allowed, String limit, long retryAfterSeconds) {
        static final Verdict ALLOWED = new Verdict(true, null, 0);
    }

    public static final String WRITE_KEY = "write_key";
    public static final String CLIENT_IP = "client_ip";

    private final Limit perWriteKey;
    private final Limit perClientIp;
    private final Cache<String, Bucket> writeKeyBuckets;
    private final Cache<String, Bucket> clientIpBuckets;
    private final Counter refusedByWriteKey;
    private final Counter refusedByClientIp;

    /**
     * @param maxTracked buckets kept per kind at most (least recently used forgotten first)
     * @param idle       a bucket unused this long is forgotten (it would be full again by then)
     */
    public RateLimiter(Limit perWriteKey, Limit perClientIp, long maxTracked, Duration idle, MeterRegistry registry) {
        this.perWriteKey = perWriteKey;
        this.perClientIp = perClientIp;
        this.writeKeyBuckets = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(idle).build();
        this.clientIpBuckets = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(idle).build();
        this.refusedByWriteKey = Counter.builder("clickstream.gateway.rate.limited")
                .description("Requests refused with 429 by a rate limit").tag("limit", WRITE_KEY).register(registry);
        this.refusedByClientIp = Counter.builder("clickstream.gateway.rate.limited")
                .description("Requests refused with 429 by a rate limit").tag("limit", CLIENT_IP).register(registry);
    }

    /** Whether any limit is on: if not, {@link #check} always allows and costs nothing. */
    public boolean enabled() {
        return perWriteKey.enabled() || perClientIp.enabled();
    }

    /**
     * @param writeKey     the request's write key, or null (no keys configured)
     * @param clientIp     the client address after trusted-proxy resolution, or null if unknown
     */
    public Verdict check(String writeKey, String clientIp) {
        if (perClientIp.enabled() && clientIp != null) {
            Verdict v = take(clientIpBuckets, clientIp, perClientIp, CLIENT_IP);
            if (!v.allowed()) {
                refusedByClientIp.increment();
                return v;
            }
        }
        if (perWriteKey.enabled() && writeKey != null && !writeKey.isBlank()) {
            Verdict v = take(writeKeyBuckets, writeKey.trim(), perWriteKey, WRITE_KEY);
            if (!v.allowed()) {
                refusedByWriteKey.increment();
                return v;
            }
        }
        return Verdict.ALLOWED;
    }

    private static Verdict take(Cache<String, Bucket> buckets, String id, Limit limit, String name) {
        Bucket bucket = buckets.get(id, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(1, limit.burst()))
                        .refillGreedy(limit.rate(), limit.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Verdict.ALLOWED;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Verdict(false, name, seconds);
    }
}
