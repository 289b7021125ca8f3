package io.clickstream.dimensions;

/**
 * A benchmark, not a test ({@code bench/breakdowns/run.sh}): what one event costs, a user agent parsed
 * by Yauaa (uncached: a distinct string each time) against a cache hit, and the whole
 * {@link Dimensions#of} of a page view with a cached user agent. Prints the figures (the module
 * README quotes them).
 */
public final class UserAgentCostBenchmark {

    private static final String TEMPLATE =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.%d.0 Safari/537.36";

    private UserAgentCostBenchmark() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        UserAgents.warmUp();
        double buildMs = (System.nanoTime() - start) / 1e6;
        int warm = 2_000;
        int n = 5_000;
        for (int i = 0; i < warm; i++) {
            UserAgents.parse(String.format(TEMPLATE, 100_000 + i));
        }
        String[] fresh = new String[n];
        for (int i = 0; i < n; i++) {
            fresh[i] = String.format(TEMPLATE, i);
        }
        long t0 = System.nanoTime();
        int sink = 0;
        for (String ua : fresh) {
            sink += UserAgents.parse(ua).browser().length();
        }
        double uncachedNs = (System.nanoTime() - t0) / (double) n;

        String[] hot = new String[200];
        for (int i = 0; i < hot.length; i++) {
            hot[i] = String.format(TEMPLATE, i);
            UserAgents.classify(hot[i]);
        }
        int lookups = 2_000_000;
        for (int i = 0; i < lookups; i++) {
            sink += UserAgents.classify(hot[i % hot.length]).os().length();
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            sink += UserAgents.classify(hot[i % hot.length]).os().length();
        }
        double cachedNs = (System.nanoTime() - t1) / (double) lookups;

        String url = "https://shop.example.com/products/42?utm_source=newsletter&utm_medium=email&utm_campaign=spring";
        String referrer = "https://www.google.com/search?q=shoes";
        for (int i = 0; i < lookups; i++) {
            sink += Dimensions.of("shop", url, referrer, hot[i % hot.length], true).referrer().length();
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            sink += Dimensions.of("shop", url, referrer, hot[i % hot.length], true).referrer().length();
        }
        double eventNs = (System.nanoTime() - t2) / (double) lookups;

        System.out.printf("analyzer built in %.0f ms (once per JVM); ", buildMs);
        System.out.printf("user agent: uncached parse %.1f µs, cached %.0f ns; Dimensions.of (page view with UTM, cached UA) %.0f ns (%d)%n",
                uncachedNs / 1000, cachedNs, eventNs, sink % 10);
    }
}
