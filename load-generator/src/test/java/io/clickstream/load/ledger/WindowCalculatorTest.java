package io.clickstream.load.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowCalculatorTest {

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void slidingWindowsAreAlignedToTheEpochLikeSparkWindow() {
        WindowCalculator w = WindowCalculator.defaults();
        assertThat(w.granularity()).isEqualTo("60s/10s");
        // 10:00:25.5 lies in the six windows starting 09:59:30, :40, :50, 10:00:00, :10, :20
        assertThat(w.windowStarts(Instant.parse("2026-11-25T10:00:25.500Z"))).containsExactly(
                ms("2026-11-25T09:59:30Z"), ms("2026-11-25T09:59:40Z"), ms("2026-11-25T09:59:50Z"),
                ms("2026-11-25T10:00:00Z"), ms("2026-11-25T10:00:10Z"), ms("2026-11-25T10:00:20Z"));
    }

    @Test
    void anEventOnABoundaryStartsAWindowAndLeavesTheOneEndingThere() {
        WindowCalculator w = WindowCalculator.defaults();
        long[] starts = w.windowStarts(Instant.parse("2026-11-25T10:01:00Z"));
        assertThat(starts[starts.length - 1]).isEqualTo(ms("2026-11-25T10:01:00Z"));
        assertThat(starts[0]).isEqualTo(ms("2026-11-25T10:00:10Z"));   // [10:00:00, 10:01:00) excluded
    }

    @Test
    void tumblingAndHourly() {
        WindowCalculator tumbling = new WindowCalculator(Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(tumbling.granularity()).isEqualTo("30s/30s");
        assertThat(tumbling.windowStarts(Instant.parse("2026-11-25T10:00:59.999Z"))).containsExactly(ms("2026-11-25T10:00:30Z"));
        assertThat(WindowCalculator.hourStart(Instant.parse("2026-11-25T10:59:59.999Z"))).isEqualTo(ms("2026-11-25T10:00:00Z"));
    }

    @Test
    void sizeMustBeAMultipleOfTheSlide() {
        assertThatThrownBy(() -> new WindowCalculator(Duration.ofSeconds(60), Duration.ofSeconds(7)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
