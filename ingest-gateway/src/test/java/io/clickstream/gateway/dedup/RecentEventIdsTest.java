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

    /**
     * A request's ids acknowledged at once must leave the set exactly as acknowledging them one by one:
     * the same ids remembered, the same generations (so the same ones forgotten later), ids that are not
     * UUIDs and ids past a full table included.
     */
    @Test
    void acknowledgingABatchIsAcknowledgingEachInTurn() {
        java.util.Random random = new java.util.Random(42);
        AtomicLong now = new AtomicLong();
        RecentEventIds oneByOne = new RecentEventIds(300, Duration.ofSeconds(10), now::get);
        RecentEventIds batched = new RecentEventIds(300, Duration.ofSeconds(10), now::get);
        java.util.List<String> all = new java.util.ArrayList<>();
        for (int request = 0; request < 400; request++) {
            int size = 1 + random.nextInt(random.nextBoolean() ? 5 : 120);
            RecentEventIds.Key[] keys = new RecentEventIds.Key[size + 3];
            for (int i = 0; i < size; i++) {
                String id = switch (random.nextInt(10)) {
                    case 0 -> "not-a-uuid-" + random.nextInt(1_000);
                    case 1, 2 -> all.isEmpty() ? java.util.UUID.randomUUID().toString() : all.get(random.nextInt(all.size()));
                    default -> java.util.UUID.randomUUID().toString();
                };
                all.add(id);
                keys[i] = RecentEventIds.key(id);
                oneByOne.acknowledged(id);
            }
            batched.acknowledgedAll(keys, size);
            now.addAndGet(random.nextInt(400) * 1_000_000L);
            assertThat(batched.size()).as("after request %d", request).isEqualTo(oneByOne.size());
            for (int probe = 0; probe < 20; probe++) {
                String id = all.get(random.nextInt(all.size()));
                assertThat(batched.wasAcknowledged(id)).as(id).isEqualTo(oneByOne.wasAcknowledged(id));
            }
        }
        for (String id : all) {
            assertThat(batched.wasAcknowledged(id)).as(id).isEqualTo(oneByOne.wasAcknowledged(id));
        }
        assertThat(batched.size()).isLessThanOrEqualTo(300);
    }
}
