package io.clickstream.dimensions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import nl.basjes.parse.useragent.AbstractUserAgentAnalyzer;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * The {@code device}, {@code browser} and {@code os} dimensions of a {@code context.user_agent}, by
 * Yauaa: {@code DeviceClass} lower-cased ({@code desktop}, {@code phone}, {@code tablet},
 * {@code robot}…), {@code AgentName} and {@code OperatingSystemName} as Yauaa names them
 * ({@code Chrome}, {@code Windows NT}…); {@link Dimensions#NONE} for each when there is no user
 * agent (null or blank).
 *
 * <p>One analyzer per JVM, built on first use (a few seconds: Yauaa compiles its rule set, restricted
 * here to the three fields) and shared by all threads; parses go through a bounded cache of the
 * results ({@value #CACHE_SIZE} user agents, Caffeine's frequency-aware eviction), because real
 * traffic repeats a few hundred user agents and a cached lookup costs a hash, not a parse.
 */
public final class UserAgents {

    /** Distinct user agents kept parsed; a bot cycling random strings evicts only rare entries. */
    public static final int CACHE_SIZE = 10_000;

    /** The three values of a user agent. */
    public record Agent(String device, String browser, String os) {
    }

    static final Agent NONE = new Agent(Dimensions.NONE, Dimensions.NONE, Dimensions.NONE);

    private static final Cache<String, Agent> CACHE = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

    private UserAgents() {
    }

    /** The device class, browser and OS of {@code userAgent} (cached). */
    public static Agent classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return NONE;
        }
        return CACHE.get(userAgent, UserAgents::parse);
    }

    /** Parses without the cache (for measurements; the job uses {@link #classify}). */
    static Agent parse(String userAgent) {
        UserAgent parsed = Analyzer.INSTANCE.parse(userAgent);
        return new Agent(
                parsed.getValue(UserAgent.DEVICE_CLASS).toLowerCase(Locale.ROOT),
                parsed.getValue(UserAgent.AGENT_NAME),
                parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME));
    }

    /** Builds the shared analyzer now rather than at the first event (e.g. at job start). */
    public static void warmUp() {
        Analyzer.INSTANCE.getClass();
    }

    /** Lazily built on first access (class initialisation is thread-safe and runs once). */
    private static final class Analyzer {
        static final AbstractUserAgentAnalyzer INSTANCE = UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .withoutCache()
                .dropTests()
                .withFields(UserAgent.DEVICE_CLASS, UserAgent.AGENT_NAME, UserAgent.OPERATING_SYSTEM_NAME)
                .immediateInitialization()
                .build();
    }
}
