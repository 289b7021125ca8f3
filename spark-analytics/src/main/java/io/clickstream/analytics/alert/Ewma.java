package io.clickstream.analytics.alert;

import java.io.Serializable;

/**
 * Exponentially weighted moving average and variance (West's incremental form): the trailing
 * baseline of a site metric. {@code alpha} is the weight of the newest value; with 0.1 the baseline
 * "remembers" roughly the last 10–20 windows.
 */
public final class Ewma implements Serializable {
    private final double alpha;
    private double mean;
    private double variance;
    private int count;

    public Ewma(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("EWMA alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    public void update(double x) {
        if (count == 0) {
            mean = x;
            variance = 0;
        } else {
            double diff = x - mean;
            double increment = alpha * diff;
            mean += increment;
            variance = (1 - alpha) * (variance + diff * increment);
        }
        count++;
    }

    public double mean() {
        return mean;
    }

    public double stddev() {
        return Math.sqrt(variance);
    }

    /** How many values the baseline has seen. */
    public int count() {
        return count;
    }

    /**
     * The value below which an observation counts as a drop: it must be both {@code dropRatio} below
     * the mean and {@code deviations} standard deviations below it, so neither a noisy baseline nor a
     * tiny relative wobble of a very steady one fires. Never negative.
     */
    public double dropThreshold(double dropRatio, double deviations) {
        return Math.max(0, Math.min(mean * (1 - dropRatio), mean - deviations * stddev()));
    }
}
