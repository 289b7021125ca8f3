package io.clickstream.analytics.alert;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates event-time clickstreams for the alert tests: normal users (a page view, up to three
 * clicks, sometimes a cart and a purchase, think times of one to eight seconds), injected bots,
 * resends of the same event, and a checkout outage (no purchases in a time range).
 */
final class Simulation {

    static final long T0 = 1_795_600_000_000L; // 2026-11-25T…, a fixed event-time origin

    final List<SimulatedEvent> events = new ArrayList<>();
    final Set<String> clickBots = new TreeSet<>();
    final Set<String> floodBots = new TreeSet<>();
    private final Random random;
    private int nextId;

    Simulation(long seed) {
        this.random = new Random(seed);
    }

    private String id() {
        return String.format("00000000-0000-0000-0000-%012d", nextId++);
    }

    private void add(String type, long ts, String user, BigDecimal revenue) {
        events.add(new SimulatedEvent(id(), type, ts, user, "shop", revenue));
    }

    /** {@code users} humans browsing from T0 for {@code durationMillis}; no purchases in [outageFrom, outageTo). */
    Simulation normalUsers(int users, long durationMillis, long outageFrom, long outageTo) {
        for (int u = 0; u < users; u++) {
            String user = "user-" + u;
            long t = T0 + random.nextInt(5_000);
            while (t < T0 + durationMillis) {
                add("page_view", t, user, null);
                int clicks = random.nextInt(4);
                for (int c = 0; c < clicks; c++) {
                    t += think();
                    add("click", t, user, null);
                }
                if (random.nextDouble() < 0.25) {
                    t += think();
                    add("add_to_cart", t, user, null);
                    if (random.nextDouble() < 0.5) {
                        t += think();
                        if (t < outageFrom || t >= outageTo) {
                            add("purchase", t, user, BigDecimal.valueOf(2_000 + random.nextInt(10_000), 2));
                        }
                    }
                }
                t += think();
            }
        }
        return this;
    }

    private long think() {
        return 1_000 + random.nextInt(7_000);
    }

    /** A bot clicking every {@code everyMillis} from {@code start} for {@code durationMillis}. */
    Simulation clickBot(String user, long start, long durationMillis, long everyMillis) {
        clickBots.add(user);
        for (long t = start; t < start + durationMillis; t += everyMillis) {
            add("click", t, user, null);
        }
        return this;
    }

    /** A scraper loading a page every {@code everyMillis}. */
    Simulation pageViewBot(String user, long start, long durationMillis, long everyMillis) {
        floodBots.add(user);
        for (long t = start; t < start + durationMillis; t += everyMillis) {
            add("page_view", t, user, null);
        }
        return this;
    }

    /** Resends a fraction of all events so far with their original id and time (producer retries). */
    Simulation resend(double fraction) {
        List<SimulatedEvent> copies = new ArrayList<>();
        for (SimulatedEvent e : events) {
            if (random.nextDouble() < fraction) {
                copies.add(e);
            }
        }
        events.addAll(copies);
        return this;
    }

    /** Events with {@code from <= ts < to}, in time order (ties by id). */
    List<SimulatedEvent> between(long from, long to) {
        return events.stream().filter(e -> e.ts() >= from && e.ts() < to)
                .sorted(Comparator.comparingLong(SimulatedEvent::ts).thenComparing(SimulatedEvent::eventId))
                .toList();
    }
}
