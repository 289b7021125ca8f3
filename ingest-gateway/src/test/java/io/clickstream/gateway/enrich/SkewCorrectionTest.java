package io.clickstream.gateway.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SkewCorrectionTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration THRESHOLD = Duration.ofSeconds(5);
    private static final Duration MAX_FUTURE = Duration.ofMinutes(1);

    @Test
    void smallSkewIsLeftAlone() {
        Instant ts = RECEIVED.minusSeconds(10);
        SkewCorrection c = SkewCorrection.apply(ts, RECEIVED.minusSeconds(3), RECEIVED, THRESHOLD, MAX_FUTURE);
        assertThat(c).isEqualTo(new SkewCorrection(ts, false));
    }

    @Test
    void aClockBehindIsShiftedForward() {
        // Client clock 1 h behind: it stamped the event 2 s before sending.
        Instant sentAt = RECEIVED.minus(Duration.ofHours(1));
        Instant ts = sentAt.minusSeconds(2);
        SkewCorrection c = SkewCorrection.apply(ts, sentAt, RECEIVED, THRESHOLD, MAX_FUTURE);
        assertThat(c).isEqualTo(new SkewCorrection(RECEIVED.minusSeconds(2), true));
    }

    @Test
    void aClockAheadIsShiftedBack() {
        Instant sentAt = RECEIVED.plus(Duration.ofMinutes(30));
        Instant ts = sentAt.minusSeconds(7);
        SkewCorrection c = SkewCorrection.apply(ts, sentAt, RECEIVED, THRESHOLD, MAX_FUTURE);
        assertThat(c).isEqualTo(new SkewCorrection(RECEIVED.minusSeconds(7), true));
    }

    @Test
    void farFutureWithoutSentAtIsClampedAndFlagged() {
        SkewCorrection c = SkewCorrection.apply(RECEIVED.plus(Duration.ofDays(3)), null, RECEIVED, THRESHOLD, MAX_FUTURE);
        assertThat(c).isEqualTo(new SkewCorrection(RECEIVED, true));
    }

    @Test
    void slightlyFutureWithinToleranceIsKept() {
        Instant ts = RECEIVED.plusSeconds(30);
        assertThat(SkewCorrection.apply(ts, null, RECEIVED, THRESHOLD, MAX_FUTURE)).isEqualTo(new SkewCorrection(ts, false));
    }

    @Test
    void exactlyTheThresholdIsNotCorrected() {
        Instant ts = RECEIVED.minusSeconds(60);
        SkewCorrection c = SkewCorrection.apply(ts, RECEIVED.minus(THRESHOLD), RECEIVED, THRESHOLD, MAX_FUTURE);
        assertThat(c.corrected()).isFalse();
    }
}
