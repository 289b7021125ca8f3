package io.clickstream.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.dimensions.Dimensions;
import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.load.dsl.Session;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shop's traffic mix: referrers, UTM campaigns, user agents and the page of every event. */
class TrafficMixTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final int USERS = 10_000;

    private static Session play(int i, String site) {
        Session s = new Session(i, Session.randomFor(23, i, 0), T0, 0, Long.MAX_VALUE / 4, false, "u");
        s.site(site);
        return ShopScenario.scenario().play(s);
    }

    @Test
    void landingReferrersAndCampaignsFollowTheMix() {
        Map<String, Integer> sources = new HashMap<>();
        int campaigns = 0;
        for (int i = 0; i < USERS; i++) {
            ClickEvent landing = play(i, "shop").emitted().get(0);
            String referrer = landing.page().referrer();
            sources.merge(referrer == null ? "direct" : referrer.replaceAll("^https://([^/]+)/.*$", "$1"), 1, Integer::sum);
            if (landing.page().url().contains("?utm_source=")) {
                campaigns++;
            }
        }
        double n = USERS;
        double total = TrafficSource.totalWeight();
        assertThat(sources.get("direct") / n).isBetween((28 + 8) / total - 0.03, (28 + 8) / total + 0.03);
        assertThat(sources.get("www.google.com") / n).isBetween((25 + 6) / total - 0.03, (25 + 6) / total + 0.03);
        assertThat(sources.get("shop.example.com") / n).as("self-referrals").isBetween(0.03, 0.07);
        assertThat(sources.keySet()).contains("www.bing.com", "duckduckgo.com", "m.facebook.com", "t.co",
                "www.reddit.com", "l.instagram.com", "news.example.org");
        assertThat(campaigns / n).isBetween(17 / total - 0.02, 17 / total + 0.02);
    }

    @Test
    void everyEventCarriesItsPageAndARealBrowserUserAgent() {
        Set<String> agents = UserAgents.BROWSERS.stream().map(UserAgents.Agent::userAgent).collect(Collectors.toSet());
        Map<String, Integer> perAgent = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            String site = i % 3 == 0 ? "blog" : "shop";
            List<ClickEvent> events = play(i, site).emitted();
            String previousUrl = null;
            String agent = events.get(0).context().path("user_agent").asText();
            perAgent.merge(agent, 1, Integer::sum);
            for (int k = 0; k < events.size(); k++) {
                ClickEvent e = events.get(k);
                assertThat(e.page()).as("page of every event").isNotNull();
                assertThat(e.page().url()).startsWith("https://" + site + ".example.com" + e.page().path());
                assertThat(e.context().path("user_agent").asText()).isEqualTo(agent).isIn(agents);
                if (e.type() == EventType.PAGE_VIEW && k > 0) {
                    assertThat(e.page().referrer()).as("an inner page is referred by the previous page").isEqualTo(previousUrl);
                }
                if (e.type() == EventType.PAGE_VIEW) {
                    previousUrl = e.page().url();
                }
            }
        }
        assertThat(perAgent.keySet()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(perAgent.get(UserAgents.BROWSERS.get(0).userAgent()) / 2000.0).isBetween(0.19, 0.29);   // 24 %
    }

    @Test
    void theUserAgentsParseToAMixOfDevicesBrowsersAndSystems() {
        Map<String, Double> devices = new HashMap<>();
        Set<String> browsers = new java.util.HashSet<>();
        Set<String> systems = new java.util.HashSet<>();
        for (UserAgents.Agent agent : UserAgents.BROWSERS) {
            Dimensions d = Dimensions.of("shop", "https://shop.example.com/", null, agent.userAgent(), true);
            devices.merge(d.device(), agent.weight(), Double::sum);
            browsers.add(d.browser());
            systems.add(d.os());
        }
        double total = UserAgents.BROWSERS.stream().mapToDouble(UserAgents.Agent::weight).sum();
        assertThat(devices.keySet()).containsExactlyInAnyOrder("desktop", "phone", "tablet");
        assertThat(devices.get("phone") / total).isBetween(0.3, 0.5);
        assertThat(browsers).contains("Chrome", "Safari", "Firefox", "Edge", "SamsungBrowser");
        assertThat(systems).contains("Windows NT", "Mac OS", "iOS", "Android", "Linux");
    }

    @Test
    void theMixIsDeterministic() {
        for (int i = 0; i < 200; i++) {
            List<String> first = play(i, "shop").emitted().stream().map(EventJson::write).toList();
            List<String> again = play(i, "shop").emitted().stream().map(EventJson::write).toList();
            assertThat(again).isEqualTo(first);
        }
    }
}
