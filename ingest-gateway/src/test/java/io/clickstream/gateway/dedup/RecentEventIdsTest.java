package io.clickstream.gateway.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

    @Test
    void remembersOnlyAcknowledgedIds() {
        RecentEventIds ids = new RecentEventIds(100, Duration.ofMinutes(1));
        assertThat(ids.wasAcknowledged("a")).isFalse();
        ids.acknowledged("a");
        assertThat(ids.wasAcknowledged("a")).isTrue();
        assertThat(ids.wasAcknowledged("b")).isFalse();
    }

    @Test
    void memoryIsBounded() {
        RecentEventIds ids = new RecentEventIds(1_000, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            ids.acknowledged("id-" + i);
        }
        assertThat(ids.size()).isLessThanOrEqualTo(1_000);
    }
}
