package io.clickstream.load.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void secondsAndHttpDatesAreUnderstood() {
        assertThat(RetryAfter.parse("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 10:00:07 GMT", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void garbageMeansNoHint() {
        assertThat(RetryAfter.parse(null, NOW)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-3", NOW)).isEmpty();
    }

    @Test
    void backoffDoublesUpToFiveSeconds() {
        assertThat(HttpTransport.backoff(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(HttpTransport.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(HttpTransport.backoff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(HttpTransport.backoff(30)).isEqualTo(Duration.ofSeconds(5));
    }
}
