package io.clickstream.load.anomaly;

import static io.clickstream.load.dsl.Chain.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.Page;
import io.clickstream.load.dsl.Events;
import io.clickstream.load.dsl.Scenario;
import io.clickstream.load.dsl.Session;
import java.time.Duration;

/**
 * Bot journeys that must trip the analytics' user-level alert rules, by a wide margin:
 * click_burst fires above 20 clicks in 10 s, page_view_flood above 60 page views in 60 s.
 */
public final class Bots {

    public static final String CLICK_BURST = "click_burst";
    public static final String PAGE_VIEW_FLOOD = "page_view_flood";

    /** 40 clicks in 5 s: twice the click_burst threshold in half its window. */
    public static final int CLICK_BOT_CLICKS = 40;
    public static final Duration CLICK_BOT_SPAN = Duration.ofSeconds(5);
    /** 100 page views in 30 s: well above 60 per 60 s. */
    public static final int FLOOD_BOT_VIEWS = 100;
    public static final Duration FLOOD_BOT_SPAN = Duration.ofSeconds(30);

    /** What the bots send as {@code context.user_agent}: a headless browser and a scripting library. */
    public static final String CLICK_BOT_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "HeadlessChrome/131.0.0.0 Safari/537.36";
    public static final String FLOOD_BOT_AGENT = "python-requests/2.32.3";

    private Bots() {
    }

    public static Scenario clickBot() {
        double gap = CLICK_BOT_SPAN.toNanos() / 1e9 / CLICK_BOT_CLICKS;
        return Scenario.scenario(CLICK_BURST, chain()
                .exec(s -> Events.pageView(s, new Page(origin(s) + "/", "/", null, "Home"), agent(CLICK_BOT_AGENT)))
                .pause(gap, gap)
                .repeat(CLICK_BOT_CLICKS, chain()
                        .exec(s -> Events.event(s, EventType.CLICK, new Page(origin(s) + "/", "/", null, null),
                                "#promo-banner", null, null, agent(CLICK_BOT_AGENT)))
                        .pause(gap, gap)));
    }

    public static Scenario pageViewFlood() {
        double gap = FLOOD_BOT_SPAN.toNanos() / 1e9 / FLOOD_BOT_VIEWS;
        return Scenario.scenario(PAGE_VIEW_FLOOD, chain()
                .repeat(FLOOD_BOT_VIEWS, chain()
                        .exec(s -> {
                            String path = "/products/sku-" + (1000 + s.random().nextInt(40));
                            return Events.pageView(s, new Page(origin(s) + path, path, null, null), agent(FLOOD_BOT_AGENT));
                        })
                        .pause(gap, gap)));
    }

    private static String origin(Session s) {
        return "https://" + s.site() + ".example.com";
    }

    private static ObjectNode agent(String userAgent) {
        return EventJson.mapper().createObjectNode().put("user_agent", userAgent);
    }

    /** How long the bot needs; a bot is only injected when it fits entirely in the run. */
    public static Duration span(String rule) {
        return CLICK_BURST.equals(rule) ? CLICK_BOT_SPAN.plusSeconds(1) : FLOOD_BOT_SPAN.plusSeconds(1);
    }
}
