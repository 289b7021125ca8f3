package io.clickstream.load.dsl;

import java.time.Duration;
import java.util.List;

/**
 * A sequence of {@link InjectionStep}s, played one after another, in Gatling's vocabulary:
 * <pre>{@code
 * injectOpen(nothingFor(5s), atOnceUsers(10), rampUsersPerSec(1, 50).during(30s), constantUsersPerSec(50).during(60s))
 * }</pre>
 * {@link #targetEventsPerSec(double, Duration, double)} converts an event rate into users per second
 * with the scenario's mean events per user.
 */
public record InjectionProfile(List<InjectionStep> steps) {

    public InjectionProfile {
        steps = List.copyOf(steps);
    }

    public static InjectionProfile injectOpen(InjectionStep... steps) {
        return new InjectionProfile(List.of(steps));
    }

    public static InjectionStep atOnceUsers(long n) {
        return new InjectionStep.AtOnceUsers(n);
    }

    public static InjectionStep nothingFor(Duration d) {
        return new InjectionStep.NothingFor(d);
    }

    public static Rate constantUsersPerSec(double rate) {
        return new Rate(rate, rate);
    }

    public static Rate rampUsersPerSec(double from, double to) {
        return new Rate(from, to);
    }

    /** Builder half of {@code constantUsersPerSec(r).during(d)} and {@code rampUsersPerSec(a, b).during(d)}. */
    public record Rate(double from, double to) {
        public InjectionStep during(Duration d) {
            return from == to ? new InjectionStep.ConstantUsersPerSec(from, d) : new InjectionStep.RampUsersPerSec(from, to, d);
        }
    }

    /**
     * A constant user arrival rate that yields {@code eventsPerSec} once journeys overlap in steady
     * state (after about one mean journey length).
     */
    public static InjectionStep targetEventsPerSec(double eventsPerSec, Duration during, double meanEventsPerUser) {
        if (meanEventsPerUser <= 0) {
            throw new IllegalArgumentException("the scenario emits no events");
        }
        return new InjectionStep.ConstantUsersPerSec(eventsPerSec / meanEventsPerUser, during);
    }

    public Duration duration() {
        return steps.stream().map(InjectionStep::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public long users() {
        return steps.stream().mapToLong(InjectionStep::users).sum();
    }

    /** Every arrival offset from the profile start, in nanoseconds, ascending. */
    public long[] arrivals() {
        long total = users();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many users: " + total);
        }
        long[] out = new long[(int) total];
        int k = 0;
        long stepStart = 0;
        for (InjectionStep step : steps) {
            for (long i = 0; i < step.users(); i++) {
                out[k++] = stepStart + step.arrivalNanos(i);
            }
            stepStart += step.duration().toNanos();
        }
        return out;
    }

    /** Users arriving in [fromNanos, toNanos) — handy for checking rates. */
    public long usersBetween(long fromNanos, long toNanos) {
        long n = 0;
        for (long a : arrivals()) {
            if (a >= fromNanos && a < toNanos) {
                n++;
            }
        }
        return n;
    }

    public static InjectionProfile of(List<InjectionStep> steps) {
        return new InjectionProfile(steps);
    }
}
