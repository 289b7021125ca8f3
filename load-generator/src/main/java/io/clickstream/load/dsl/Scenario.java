package io.clickstream.load.dsl;

import java.util.Objects;

/**
 * A named user journey. {@link #play(Session)} generates one user's events in virtual time.
 *
 * @param name          shows in the ledger and the report
 * @param chain         the steps
 * @param loggedInShare share of users carrying a {@code user_id}; the others only an {@code anonymous_id}
 */
public record Scenario(String name, Chain chain, double loggedInShare) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chain, "chain");
        Chain.checkProbability(loggedInShare);
    }

    /** A scenario whose users are all logged in. */
    public static Scenario scenario(String name, Chain chain) {
        return new Scenario(name, chain, 1.0);
    }

    public Scenario withLoggedInShare(double share) {
        return new Scenario(name, chain, share);
    }

    /**
     * Mean events per user, measured by playing {@code samples} journeys from a fixed seed (so the
     * value, and every rate derived from it, is the same in every run).
     */
    public double meanEventsPerUser(int samples) {
        long total = 0;
        for (int i = 0; i < samples; i++) {
            Session s = new Session(i, Session.randomFor(0, i, 99), java.time.Instant.EPOCH, 0, Long.MAX_VALUE / 4,
                    false, "sample");
            total += play(s).emitted().size();
        }
        return (double) total / samples;
    }

    public Session play(Session session) {
        chain.run(session);
        return session;
    }
}
