package io.clickstream.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightLimiterTest {

    @Test
    void takesAllOrNone() {
        InFlightLimiter limiter = new InFlightLimiter(10);
        assertThat(limiter.tryAcquire(6)).isTrue();
        assertThat(limiter.tryAcquire(5)).isFalse();
        assertThat(limiter.inFlight()).isEqualTo(6);
        assertThat(limiter.tryAcquire(4)).isTrue();
        limiter.release(10);
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.tryAcquire(11)).isFalse();
    }
}
