package io.clickstream.load.dsl;

import java.time.Duration;
import java.util.List;

/**
 * One building block of a journey. Steps are immutable descriptions; {@link #run(Session)} plays
 * them against a user's session in virtual time (nothing sleeps while a journey is generated).
 */
public sealed interface Step {

    void run(Session session);

    /** Emits one event built from the session (type, page, product … are the factory's business). */
    record Exec(EventFactory factory) implements Step {
        @Override
        public void run(Session session) {
            session.emit(factory.create(session));
        }
    }

    /** Think time, uniform between {@code min} and {@code max}. */
    record Pause(Duration min, Duration max) implements Step {
        public Pause {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("pause needs 0 <= min <= max, found " + min + ".." + max);
            }
        }

        @Override
        public void run(Session session) {
            long lo = min.toNanos();
            long hi = max.toNanos();
            session.advance(lo == hi ? lo : lo + (long) (session.random().nextDouble() * (hi - lo)));
        }
    }

    /** Runs {@code chain} with the given probability, then continues either way. */
    record Chance(double probability, Chain chain) implements Step {
        public Chance {
            Chain.checkProbability(probability);
        }

        @Override
        public void run(Session session) {
            if (session.chance(probability)) {
                chain.run(session);
            }
        }
    }

    /** The funnel step: the user goes on with the given probability, otherwise the journey ends here. */
    record ProceedWith(double probability) implements Step {
        public ProceedWith {
            Chain.checkProbability(probability);
        }

        @Override
        public void run(Session session) {
            if (!session.chance(probability)) {
                session.stop();
            }
        }
    }

    /** Runs {@code chain} a uniformly drawn number of times in [min, max]. */
    record Repeat(int min, int max, Chain chain) implements Step {
        public Repeat {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("repeat needs 0 <= min <= max, found " + min + ".." + max);
            }
        }

        @Override
        public void run(Session session) {
            int times = session.between(min, max);
            for (int i = 0; i < times && !session.stopped(); i++) {
                chain.run(session);
            }
        }
    }

    /** Picks one branch by weight (weights are relative; they need not sum to 1). */
    record RandomSwitch(List<Double> weights, List<Chain> branches) implements Step {
        public RandomSwitch {
            if (weights.size() != branches.size() || weights.isEmpty()) {
                throw new IllegalArgumentException("randomSwitch needs one weight per branch");
            }
            weights = List.copyOf(weights);
            branches = List.copyOf(branches);
        }

        @Override
        public void run(Session session) {
            double total = weights.stream().mapToDouble(Double::doubleValue).sum();
            double r = session.random().nextDouble() * total;
            for (int i = 0; i < weights.size(); i++) {
                r -= weights.get(i);
                if (r < 0) {
                    branches.get(i).run(session);
                    return;
                }
            }
            branches.get(branches.size() - 1).run(session);
        }
    }
}
