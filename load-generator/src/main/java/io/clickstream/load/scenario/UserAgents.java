package io.clickstream.load.scenario;

import java.util.List;

/**
 * Real browser user-agent strings with the weights of a typical shop's traffic (desktop Chrome and
 * mobile Safari lead), so device, browser and OS breakdowns parse real strings the way they would in
 * production.
 */
final class UserAgents {

    record Agent(String userAgent, double weight) {
    }

    static final List<Agent> BROWSERS = List.of(
            new Agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36", 24),
            new Agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36", 9),
            new Agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/18.1 Safari/605.1.15", 7),
            new Agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", 5),
            new Agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", 6),
            new Agent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 2),
            new Agent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/18.1.1 Mobile/15E148 Safari/604.1", 22),
            new Agent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.6778.81 Mobile Safari/537.36", 10),
            new Agent("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", 7),
            new Agent("Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.7 Mobile/15E148 Safari/604.1", 4),
            new Agent("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36", 2),
            new Agent("Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.6778.81 Safari/537.36", 2));

    private UserAgents() {
    }
}
