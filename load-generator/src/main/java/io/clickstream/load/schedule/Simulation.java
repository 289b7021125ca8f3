package io.clickstream.load.schedule;

import io.clickstream.load.anomaly.AnomalyConfig;
import io.clickstream.load.dsl.InjectionProfile;
import io.clickstream.load.dsl.Scenario;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides what a run sends: the journey, when users arrive, the seed and the
 * injected anomalies. Two runs of the same simulation from the same start instant send
 * byte-identical events.
 *
 * @param scenario    the user journey
 * @param profile     open-model arrivals
 * @param seed        the run seed; every user's generator derives from it and the user index
 * @param anomalies   bots and dirt to inject
 * @param maxDuration hard end of the run: journeys still going then are cut off (the visitor
 *                    closed the tab); defaults to the profile's duration
 */
public record Simulation(Scenario scenario, InjectionProfile profile, long seed, AnomalyConfig anomalies,
                         Duration maxDuration) {

    public Simulation {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(anomalies, "anomalies");
        if (maxDuration == null) {
            maxDuration = profile.duration();
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("the run needs a positive duration (profile or maxDuration)");
        }
    }

    public static Simulation of(Scenario scenario, InjectionProfile profile, long seed) {
        return new Simulation(scenario, profile, seed, AnomalyConfig.none(), null);
    }

    public Simulation withAnomalies(AnomalyConfig config) {
        return new Simulation(scenario, profile, seed, config, maxDuration);
    }

    public Simulation withMaxDuration(Duration d) {
        return new Simulation(scenario, profile, seed, anomalies, d);
    }
}
