package io.clickstream.gateway.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FirstCopiesTest {

    /** Answers exactly as a {@code HashMap<String, Integer>.putIfAbsent} over the id strings. */
    @Test
    void agreesWithAMapOfTheIdStrings() {
        Random random = new Random(7);
        for (int request = 0; request < 2_000; request++) {
            int size = 1 + random.nextInt(random.nextBoolean() ? 8 : 500);
            List<String> ids = new ArrayList<>();
            FirstCopies copies = new FirstCopies(size);
            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < size; i++) {
                String id;
                int kind = random.nextInt(10);
                if (kind < 3 && !ids.isEmpty()) {
                    id = ids.get(random.nextInt(ids.size())); // a copy
                } else if (kind == 3 && !ids.isEmpty()) {
                    id = flipCase(ids.get(random.nextInt(ids.size())), random); // same digits, other case: another id
                } else if (kind == 4) {
                    id = "id-" + random.nextInt(20); // not a UUID
                } else {
                    id = UUID.randomUUID().toString();
                }
                ids.add(id);
                Integer first = expected.putIfAbsent(id, i);
                assertThat(copies.putIfAbsent(RecentEventIds.key(id), i)).as("%s at %d", id, i)
                        .isEqualTo(first == null ? -1 : first);
            }
        }
    }

    @Test
    void aSmallTableKeepsIdsAndTheirCaseApart() {
        FirstCopies copies = new FirstCopies(1); // 8 slots, more ids than announced
        String a = "0000000a-0000-4000-8000-00000000000b";
        String b = "00000000-0000-4000-8000-000000000002";
        assertThat(copies.putIfAbsent(RecentEventIds.key(a), 0)).isEqualTo(-1);
        assertThat(copies.putIfAbsent(RecentEventIds.key(b), 1)).isEqualTo(-1);
        assertThat(copies.putIfAbsent(RecentEventIds.key(a.toUpperCase()), 2)).isEqualTo(-1);
        assertThat(copies.putIfAbsent(RecentEventIds.key(b), 3)).isEqualTo(1);
        assertThat(copies.putIfAbsent(RecentEventIds.key(a), 4)).isEqualTo(0);
    }

    private static String flipCase(String id, Random random) {
        StringBuilder s = new StringBuilder(id);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c) && random.nextBoolean()) {
                s.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
        }
        return s.toString();
    }
}
