package io.clickstream.dimensions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserAgentsTest {

    /** Real user-agent strings as browsers, bots and tools send them. */
    static Stream<Arguments> realUserAgents() {
        return Stream.of(
                Arguments.of("Chrome on Windows 10",
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                        "desktop", "Chrome", "Windows NT"),
                Arguments.of("Firefox on Windows 10",
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
                        "desktop", "Firefox", "Windows NT"),
                Arguments.of("Edge on Windows 10",
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
                        "desktop", "Edge", "Windows NT"),
                Arguments.of("Safari on macOS",
                        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
                        "desktop", "Safari", "Mac OS"),
                Arguments.of("Chrome on macOS",
                        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                        "desktop", "Chrome", "Mac OS"),
                Arguments.of("Firefox on Linux",
                        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
                        "desktop", "Firefox", "Ubuntu"),
                Arguments.of("Chrome on Linux",
                        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                        "desktop", "Chrome", "Linux"),
                Arguments.of("Chrome on Android phone",
                        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
                        "phone", "Chrome", "Android"),
                Arguments.of("Firefox on Android phone",
                        "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
                        "phone", "Firefox", "Android"),
                Arguments.of("Safari on iPhone",
                        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
                        "phone", "Safari", "iOS"),
                Arguments.of("Safari on iPad",
                        "Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
                        "tablet", "Safari", "iOS"),
                Arguments.of("Chrome on Android tablet",
                        "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                        "tablet", "Chrome", "Android"),
                Arguments.of("Googlebot",
                        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                        "robot", "Googlebot", "Google Cloud"),
                Arguments.of("curl",
                        "curl/8.5.0",
                        "robot", "Curl", "Cloud"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realUserAgents")
    void classifiesRealUserAgents(String label, String userAgent, String device, String browser, String os) {
        UserAgents.Agent agent = UserAgents.classify(userAgent);
        assertThat(agent).isEqualTo(new UserAgents.Agent(device, browser, os));
    }

    @Test
    void noUserAgentIsNoneForEachDimension() {
        assertThat(UserAgents.classify(null)).isEqualTo(new UserAgents.Agent("(none)", "(none)", "(none)"));
        assertThat(UserAgents.classify("")).isEqualTo(UserAgents.classify(null));
        assertThat(UserAgents.classify("   ")).isEqualTo(UserAgents.classify(null));
    }

    @Test
    void aCachedParseIsTheSameAsAFreshOne() {
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";
        assertThat(UserAgents.classify(ua)).isSameAs(UserAgents.classify(ua)).isEqualTo(UserAgents.parse(ua));
    }

    @Test
    void garbageIsClassifiedNotThrown() {
        UserAgents.Agent agent = UserAgents.classify("}{ not a user agent \u0000 \uD83D\uDE00");
        assertThat(agent.device()).isNotBlank();
        assertThat(agent.browser()).isNotBlank();
        assertThat(agent.os()).isNotBlank();
    }
}
