package io.clickstream.load.dsl;

import static io.clickstream.load.dsl.InjectionProfile.atOnceUsers;
import static io.clickstream.load.dsl.InjectionProfile.constantUsersPerSec;
import static io.clickstream.load.dsl.InjectionProfile.injectOpen;
import static io.clickstream.load.dsl.InjectionProfile.nothingFor;
import static io.clickstream.load.dsl.InjectionProfile.rampUsersPerSec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InjectionProfileTest {

    private static final long S = 1_000_000_000L;

    @Test
    void constantRateInjectsRateTimesDurationUsersEvenlySpaced() {
        InjectionProfile p = injectOpen(constantUsersPerSec(50).during(Duration.ofSeconds(10)));
        assertThat(p.users()).isEqualTo(500);
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(10));
        long[] a = p.arrivals();
        assertThat(a[0]).isZero();
        assertThat(a[1]).isEqualTo(20_000_000L);
        for (int second = 0; second < 10; second++) {
            assertThat(p.usersBetween(second * S, (second + 1) * S)).as("second %d", second).isEqualTo(50);
        }
    }

    @Test
    void rampInjectsTheIntegralOfTheRateAndAcceleratesLinearly() {
        InjectionProfile p = injectOpen(rampUsersPerSec(10, 30).during(Duration.ofSeconds(10)));
        // ∫ (10 + 2t) dt over 0..10 = 100 + 100
        assertThat(p.users()).isEqualTo(200);
        // first half: ∫0..5 = 50 + 25 = 75, second half 125
        assertThat(p.usersBetween(0, 5 * S)).isBetween(74L, 76L);
        assertThat(p.usersBetween(5 * S, 10 * S)).isBetween(124L, 126L);
        // rate near the end ≈ 29–30 users/s
        assertThat(p.usersBetween(9 * S, 10 * S)).isBetween(28L, 30L);
        long[] a = p.arrivals();
        for (int i = 1; i < a.length; i++) {
            assertThat(a[i]).isGreaterThanOrEqualTo(a[i - 1]);
        }
        assertThat(a[a.length - 1]).isLessThan(10 * S);
    }

    @Test
    void rampFromZeroWorks() {
        InjectionProfile p = injectOpen(rampUsersPerSec(0, 100).during(Duration.ofSeconds(4)));
        assertThat(p.users()).isEqualTo(200);
        assertThat(p.usersBetween(0, 2 * S)).isBetween(49L, 51L);
    }

    @Test
    void stepsRunOneAfterAnother() {
        InjectionProfile p = injectOpen(nothingFor(Duration.ofSeconds(2)), atOnceUsers(7),
                constantUsersPerSec(5).during(Duration.ofSeconds(4)));
        assertThat(p.users()).isEqualTo(27);
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(6));
        assertThat(p.usersBetween(0, 2 * S)).isZero();
        // 7 at once at t = 2 s, plus the first of the constant step at exactly 2 s
        assertThat(p.usersBetween(2 * S, 2 * S + 1)).isEqualTo(8);
        assertThat(p.usersBetween(2 * S, 6 * S)).isEqualTo(27);
    }

    @Test
    void targetEventsPerSecDividesByMeanEventsPerUser() {
        InjectionStep step = InjectionProfile.targetEventsPerSec(1000, Duration.ofSeconds(60), 8);
        assertThat(step).isEqualTo(new InjectionStep.ConstantUsersPerSec(125, Duration.ofSeconds(60)));
        assertThat(step.users()).isEqualTo(7500);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> constantUsersPerSec(-1).during(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> atOnceUsers(-3)).isInstanceOf(IllegalArgumentException.class);
    }
}
