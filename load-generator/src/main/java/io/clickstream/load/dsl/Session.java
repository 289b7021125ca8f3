package io.clickstream.load.dsl;

import io.clickstream.event.ClickEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The state of one virtual user while its journey is generated: its own seeded random generator,
 * its identity, the virtual clock and free-form attributes (cart content, last product …).
 *
 * <p>Everything a journey does is a function of the run seed and the user index, so a run is
 * reproducible: the generator never reads the wall clock or a shared random source.
 */
public final class Session {

    private final long userIndex;
    private final SplittableRandom random;
    private final Instant runStart;
    private final long horizonNanos;
    private final String userId;
    private final String anonymousId;
    private final String sessionId;
    private final Map<String, Object> attributes = new HashMap<>();
    private final List<ClickEvent> emitted = new ArrayList<>();
    private final List<Long> emittedAt = new ArrayList<>();
    private long nowNanos;
    private boolean stopped;
    private String site = DEFAULT_SITE;

    /** The site of a session nobody assigned one to. */
    public static final String DEFAULT_SITE = "shop";

    /**
     * @param userIndex    index of the user in the run (also part of its identity)
     * @param random       the user's own generator, derived from the run seed and {@code userIndex}
     * @param runStart     instant of run offset 0; event {@code ts} = runStart + offset
     * @param arrivalNanos offset at which the user arrives
     * @param horizonNanos offset after which the journey is cut off (the run ends)
     * @param loggedIn     whether the user carries a {@code user_id} (else only an {@code anonymous_id})
     * @param idPrefix     prefix of the user's identity, e.g. {@code u} or {@code bot-click}
     */
    public Session(long userIndex, SplittableRandom random, Instant runStart, long arrivalNanos, long horizonNanos,
                   boolean loggedIn, String idPrefix) {
        this.userIndex = userIndex;
        this.random = random;
        this.runStart = runStart;
        this.nowNanos = arrivalNanos;
        this.horizonNanos = horizonNanos;
        String anon = idPrefix + "-" + uuid().toString().substring(0, 18);
        this.userId = loggedIn ? idPrefix + "-" + userIndex : null;
        this.anonymousId = anon;
        this.sessionId = "s-" + uuid();
    }

    /** Derives the generator of one user from the run seed: independent streams, same for every run. */
    public static SplittableRandom randomFor(long runSeed, long userIndex, long stream) {
        // SplittableRandom's mixing makes neighbouring seeds independent; the multipliers keep
        // (seed, index, stream) triples from colliding.
        return new SplittableRandom(runSeed * 0x9E3779B97F4A7C15L + userIndex * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL);
    }

    public SplittableRandom random() {
        return random;
    }

    /** A version-4 UUID from the user's seeded random bits (never {@link UUID#randomUUID()}). */
    public UUID uuid() {
        long msb = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    public long userIndex() {
        return userIndex;
    }

    public String userId() {
        return userId;
    }

    public String anonymousId() {
        return anonymousId;
    }

    /** The Kafka partition key of this user's events (user_id, else anonymous_id). */
    public String userKey() {
        return ClickEvent.partitionKey(userId, anonymousId);
    }

    public String sessionId() {
        return sessionId;
    }

    /** The site the user visits: its events go with that site's write key, its pages are on its host. */
    public String site() {
        return site;
    }

    public void site(String name) {
        this.site = name;
    }

    /** Virtual time as offset from the run start, in nanoseconds. */
    public long nowNanos() {
        return nowNanos;
    }

    /** Virtual time as an instant: the {@code ts} of an event emitted now. */
    public Instant now() {
        return runStart.plusNanos(nowNanos);
    }

    public void advance(long nanos) {
        nowNanos += nanos;
        if (nowNanos > horizonNanos) {
            stopped = true;
        }
    }

    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) attributes.get(key);
    }

    public void set(String key, Object value) {
        attributes.put(key, value);
    }

    /** Records an event at the current virtual time; ignored once the journey is cut off. */
    public void emit(ClickEvent event) {
        if (!stopped && nowNanos <= horizonNanos) {
            emitted.add(event);
            emittedAt.add(nowNanos);
        }
    }

    public List<ClickEvent> emitted() {
        return emitted;
    }

    /** Send offsets of {@link #emitted()}, index by index. */
    public List<Long> emittedAt() {
        return emittedAt;
    }

    public double uniform(double min, double max) {
        return min == max ? min : min + random.nextDouble() * (max - min);
    }

    public int between(int minInclusive, int maxInclusive) {
        return minInclusive == maxInclusive ? minInclusive : random.nextInt(minInclusive, maxInclusive + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** One of {@code options}, each with the probability of its weight among the total. */
    public <T> T pickWeighted(List<T> options, java.util.function.ToDoubleFunction<T> weight) {
        double total = 0;
        for (T o : options) {
            total += weight.applyAsDouble(o);
        }
        double r = random.nextDouble() * total;
        for (T o : options) {
            r -= weight.applyAsDouble(o);
            if (r < 0) {
                return o;
            }
        }
        return options.get(options.size() - 1);
    }
}
