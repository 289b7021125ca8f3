package io.clickstream.gateway.ingest;

import io.clickstream.gateway.ratelimit.RateLimiter;
import jakarta.inject.Singleton;

/** The rate limits as every endpoint applies them: a refused request is a {@link RequestProblem} 429. */
@Singleton
public class RateLimitGate {

    private final RateLimiter limiter;

    public RateLimitGate(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** @throws RequestProblem 429 with Retry-After when a bucket of this key or address is empty */
    public void check(String writeKey, String clientIp) {
        if (!limiter.enabled()) {
            return;
        }
        RateLimiter.Verdict verdict = limiter.check(writeKey, clientIp);
        if (!verdict.allowed()) {
            throw RequestProblem.tooManyRequests(verdict.retryAfterSeconds(), "rate limit per "
                    + (RateLimiter.WRITE_KEY.equals(verdict.limit()) ? "write key" : "client address")
                    + " reached; retry after " + verdict.retryAfterSeconds() + " s");
        }
    }
}
