package io.clickstream.load.dsl;

import java.time.Duration;

/**
 * One step of an open-model injection profile: users arrive on a schedule whatever the system
 * under test does (like Gatling's {@code injectOpen}). Arrival times are exact and deterministic:
 * the i-th user of a constant step arrives at i / rate, of a ramp where the integral of the rate
 * reaches i.
 */
public sealed interface InjectionStep {

    /** How long this step lasts; the next step starts after it. */
    Duration duration();

    /** Number of users this step injects. */
    long users();

    /** Arrival offset of user {@code i} (0-based) relative to the step start, in nanoseconds. */
    long arrivalNanos(long i);

    /** {@code n} users at once, at the start of the step. */
    record AtOnceUsers(long n) implements InjectionStep {
        public AtOnceUsers {
            if (n < 0) {
                throw new IllegalArgumentException("atOnceUsers needs n >= 0, found " + n);
            }
        }

        @Override
        public Duration duration() {
            return Duration.ZERO;
        }

        @Override
        public long users() {
            return n;
        }

        @Override
        public long arrivalNanos(long i) {
            return 0;
        }
    }

    /** {@code rate} users per second for {@code during}: floor(rate × seconds) users. */
    record ConstantUsersPerSec(double rate, Duration during) implements InjectionStep {
        public ConstantUsersPerSec {
            if (!(rate >= 0) || during.isNegative()) {
                throw new IllegalArgumentException("constantUsersPerSec needs rate >= 0 and a positive duration");
            }
        }

        @Override
        public Duration duration() {
            return during;
        }

        @Override
        public long users() {
            return (long) Math.floor(rate * seconds(during) + 1e-9);
        }

        @Override
        public long arrivalNanos(long i) {
            return Math.round(i / rate * 1e9);
        }
    }

    /** Rate ramps linearly from {@code from} to {@code to} users/s over {@code during}. */
    record RampUsersPerSec(double from, double to, Duration during) implements InjectionStep {
        public RampUsersPerSec {
            if (!(from >= 0) || !(to >= 0) || during.isNegative() || during.isZero()) {
                throw new IllegalArgumentException("rampUsersPerSec needs rates >= 0 and a positive duration");
            }
        }

        @Override
        public Duration duration() {
            return during;
        }

        @Override
        public long users() {
            return (long) Math.floor((from + to) / 2 * seconds(during) + 1e-9);
        }

        @Override
        public long arrivalNanos(long i) {
            double d = seconds(during);
            double a = (to - from) / (2 * d);
            double t;
            if (Math.abs(a) < 1e-12) {
                t = i / from;
            } else {
                // N(t) = from·t + a·t² = i  →  t = (−from + √(from² + 4ai)) / 2a
                t = (-from + Math.sqrt(from * from + 4 * a * i)) / (2 * a);
            }
            return Math.round(t * 1e9);
        }
    }

    /** A pause in the injection. */
    record NothingFor(Duration during) implements InjectionStep {
        @Override
        public Duration duration() {
            return during;
        }

        @Override
        public long users() {
            return 0;
        }

        @Override
        public long arrivalNanos(long i) {
            throw new IndexOutOfBoundsException("nothingFor injects no users");
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
