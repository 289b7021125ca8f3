package io.clickstream.gateway.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void alwaysRemembersTheLatestHalfOfMaxEntries() {
        RecentEventIds ids = new RecentEventIds(1_000, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            ids.acknowledged("id-" + i);
            for (int back = 0; back < 500 && back <= i; back += 37) {
                assertThat(ids.wasAcknowledged("id-" + (i - back))).as("id-%d after id-%d", i - back, i).isTrue();
            }
        }
        assertThat(ids.wasAcknowledged("id-0")).isFalse();
    }

    @Test
    void forgetsIdsOlderThanTheTtl() {
        AtomicLong now = new AtomicLong();
        RecentEventIds ids = new RecentEventIds(1_000, Duration.ofSeconds(10), now::get);
        ids.acknowledged("old");
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        ids.acknowledged("newer");
        now.addAndGet(Duration.ofSeconds(2).toNanos()); // 6 s
        assertThat(ids.wasAcknowledged("old")).as("within ttl").isTrue();
        ids.acknowledged("newest");
        now.addAndGet(Duration.ofSeconds(5).toNanos()); // 11 s: "old" and "newer" are past ttl / 2 of their generation's end
        assertThat(ids.wasAcknowledged("old")).isFalse();
        assertThat(ids.wasAcknowledged("newest")).isTrue();
        now.addAndGet(Duration.ofSeconds(20).toNanos()); // idle for two ttls
        assertThat(ids.wasAcknowledged("newest")).isFalse();
        assertThat(ids.size()).isZero();
    }

    @Test
    void aGenerationRotatedLateIsStillDroppedOnTime() {
        AtomicLong now = new AtomicLong();
        RecentEventIds ids = new RecentEventIds(1_000, Duration.ofSeconds(10), now::get);
        now.set(Duration.ofSeconds(1).toNanos());
        ids.acknowledged("a");
        now.set(Duration.ofSeconds(9).toNanos()); // first call after the generation's ttl / 2: rotates
        ids.acknowledged("b");
        now.set(Duration.ofSeconds(13).toNanos()); // "a" is 12 s old
        assertThat(ids.wasAcknowledged("a")).isFalse();
        assertThat(ids.wasAcknowledged("b")).isTrue();
    }
}
