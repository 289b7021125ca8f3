package io.clickstream.load.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable sequence of steps, built fluently in Gatling's style:
 * <pre>{@code
 * chain().exec(landing).pause(1, 3).repeat(1, 5, chain().exec(productView).pause(2, 6))
 *        .proceedWith(0.3).exec(addToCart)
 * }</pre>
 * Every method returns a new chain, so partial chains can be shared between scenarios.
 */
public final class Chain {

    private final List<Step> steps;

    private Chain(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Chain chain() {
        return new Chain(List.of());
    }

    public List<Step> steps() {
        return steps;
    }

    public Chain then(Step step) {
        List<Step> next = new ArrayList<>(steps);
        next.add(step);
        return new Chain(next);
    }

    public Chain exec(EventFactory factory) {
        return then(new Step.Exec(factory));
    }

    public Chain exec(Chain other) {
        List<Step> next = new ArrayList<>(steps);
        next.addAll(other.steps);
        return new Chain(next);
    }

    /** Think time in seconds, uniform in [min, max]. */
    public Chain pause(double minSeconds, double maxSeconds) {
        return pause(seconds(minSeconds), seconds(maxSeconds));
    }

    public Chain pause(Duration min, Duration max) {
        return then(new Step.Pause(min, max));
    }

    public Chain chance(double probability, Chain chain) {
        return then(new Step.Chance(probability, chain));
    }

    /** Funnel: continue with {@code probability}, otherwise the user leaves. */
    public Chain proceedWith(double probability) {
        return then(new Step.ProceedWith(probability));
    }

    public Chain repeat(int times, Chain chain) {
        return repeat(times, times, chain);
    }

    public Chain repeat(int min, int max, Chain chain) {
        return then(new Step.Repeat(min, max, chain));
    }

    public Chain randomSwitch(List<Double> weights, List<Chain> branches) {
        return then(new Step.RandomSwitch(weights, branches));
    }

    void run(Session session) {
        for (Step step : steps) {
            if (session.stopped()) {
                return;
            }
            step.run(session);
        }
    }

    static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], found " + p);
        }
    }

    static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
