package io.clickstream.gateway.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UuidSetTest {

    @Test
    void keysAreEqualExactlyWhenTheStringsAre() {
        Random random = new Random(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            ids.add(id.toUpperCase());
            StringBuilder mixed = new StringBuilder(id);
            int at = random.nextInt(36);
            mixed.setCharAt(at, Character.toUpperCase(mixed.charAt(at)));
            ids.add(mixed.toString());
        }
        ids.add("00000000-0000-0000-0000-000000000000");
        ids.add("ffffffff-ffff-ffff-ffff-ffffffffffff");
        ids.add("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF");
        Set<String> distinct = new HashSet<>(ids);
        UuidSet set = new UuidSet(distinct.size());
        Set<String> added = new HashSet<>();
        for (String id : ids) {
            long[] key = UuidSet.key(id);
            assertThat(key).as(id).isNotNull();
            assertThat(set.contains(key)).as(id).isEqualTo(added.contains(id));
            assertThat(set.add(key)).isEqualTo(added.add(id) ? UuidSet.ADDED : UuidSet.PRESENT);
        }
        assertThat(set.size()).isEqualTo(distinct.size());
        for (String other : new String[] {"", "a", "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
            "123e4567xe89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456-42661417400G"}) {
            assertThat(UuidSet.key(other)).as(other).isNull();
        }
    }

    @Test
    void aFullSetSaysSoAndRecentEventIdsStillRemembersTheRest() {
        UuidSet small = new UuidSet(4);
        int added = 0;
        while (small.add(UuidSet.key(UUID.randomUUID().toString())) == UuidSet.ADDED) {
            added++;
        }
        assertThat(added).isGreaterThanOrEqualTo(4);

        RecentEventIds ids = new RecentEventIds(Long.MAX_VALUE / 2, Duration.ofDays(1)); // a capped UuidSet
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 600_000; i++) { // more than the UuidSet's cap: the rest in the generation's concurrent set
            many.add(UUID.randomUUID().toString());
        }
        many.forEach(ids::acknowledged);
        assertThat(many).allMatch(ids::wasAcknowledged);
        assertThat(ids.wasAcknowledged(many.get(0).toUpperCase())).isFalse();
        assertThat(ids.wasAcknowledged("not-a-uuid")).isFalse();
        ids.acknowledged("not-a-uuid");
        assertThat(ids.wasAcknowledged("not-a-uuid")).isTrue();
    }

    @Test
    void readersSeeEveryIdOnceItWasAdded() throws Exception {
        UuidSet set = new UuidSet(100_000);
        List<long[]> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add(UuidSet.key(UUID.randomUUID().toString()));
        }
        java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean wrong = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            Random random = new Random(2);
            while (published.get() < keys.size()) {
                int upTo = published.get();
                if (upTo > 0 && !set.contains(keys.get(random.nextInt(upTo)))) {
                    wrong.set(true);
                }
            }
        });
        reader.start();
        for (long[] key : keys) {
            set.add(key);
            published.incrementAndGet();
        }
        reader.join();
        assertThat(wrong).isFalse();
    }
}
