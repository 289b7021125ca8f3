package io.clickstream.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void eachAddressAndKeyHasItsOwnBucketAndAnEmptyOneSaysHowLongToWait() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(1, Duration.ofHours(1), 3), new RateLimiter.Limit(1, Duration.ofSeconds(1), 2), 100,
                Duration.ofMinutes(1), registry);
        assertThat(limiter.check("k", "10.0.0.1").allowed()).isTrue();
        assertThat(limiter.check("k", "10.0.0.1").allowed()).isTrue();
        RateLimiter.Verdict third = limiter.check("k", "10.0.0.1");
        assertThat(third.allowed()).isFalse();
        assertThat(third.limit()).isEqualTo(RateLimiter.CLIENT_IP);
        assertThat(third.retryAfterSeconds()).isEqualTo(1);
        // another address of the same key: the key's bucket has one token left, then it is empty
        assertThat(limiter.check("k", "10.0.0.2").allowed()).isTrue();
        RateLimiter.Verdict byKey = limiter.check("k", "10.0.0.3");
        assertThat(byKey.allowed()).isFalse();
        assertThat(byKey.limit()).isEqualTo(RateLimiter.WRITE_KEY);
        assertThat(limiter.check("other", "10.0.0.4").allowed()).isTrue();
        assertThat(registry.get("clickstream.gateway.rate.limited").tag("limit", "client_ip").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("clickstream.gateway.rate.limited").tag("limit", "write_key").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRateOfZeroIsNoLimit() {
        RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(0, Duration.ofSeconds(1), 1), new RateLimiter.Limit(0, Duration.ofSeconds(1), 1), 100,
                Duration.ofMinutes(1), new SimpleMeterRegistry());
        assertThat(limiter.enabled()).isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.check("k", "10.0.0.1").allowed()).isTrue();
        }
    }
}
