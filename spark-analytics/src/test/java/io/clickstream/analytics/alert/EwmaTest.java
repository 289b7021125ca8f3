package io.clickstream.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaTest {

    @Test
    void constantSeriesHasThatMeanAndNoDeviation() {
        Ewma e = new Ewma(0.1);
        for (int i = 0; i < 50; i++) {
            e.update(100);
        }
        assertThat(e.mean()).isEqualTo(100.0);
        assertThat(e.stddev()).isZero();
        assertThat(e.count()).isEqualTo(50);
        assertThat(e.dropThreshold(0.5, 3)).isEqualTo(50.0);
    }

    @Test
    void meanFollowsALevelShiftGeometrically() {
        Ewma e = new Ewma(0.5);
        e.update(0);
        e.update(100);
        assertThat(e.mean()).isEqualTo(50.0);
        e.update(100);
        assertThat(e.mean()).isEqualTo(75.0);
    }

    @Test
    void noisyBaselineWidensTheBandSoOnlyLargeDropsFire() {
        Ewma e = new Ewma(0.1);
        for (int i = 0; i < 200; i++) {
            e.update(i % 2 == 0 ? 60 : 140); // mean 100, stddev about 40
        }
        assertThat(e.mean()).isCloseTo(100, within(5.0));
        assertThat(e.stddev()).isCloseTo(40, within(5.0));
        // 3 sigma below the mean is below zero: clipped at 0, and since a drop must be strictly
        // below the threshold, this baseline is too noisy to fire at all with k = 3.
        assertThat(e.dropThreshold(0.5, 3)).isZero();
        assertThat(e.dropThreshold(0.5, 1)).isCloseTo(50, within(5.0));
    }

    @Test
    void alphaMustBeAWeight() {
        assertThatThrownBy(() -> new Ewma(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ewma(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
