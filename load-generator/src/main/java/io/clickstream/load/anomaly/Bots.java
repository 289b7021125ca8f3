package io.clickstream.load.anomaly;

import static io.clickstream.load.dsl.Chain.chain;

import io.clickstream.event.Page;
import io.clickstream.load.dsl.Events;
import io.clickstream.load.dsl.Scenario;
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

    private static final String SITE = "https://shop.example.com";

    private Bots() {
    }

    public static Scenario clickBot() {
        double gap = CLICK_BOT_SPAN.toNanos() / 1e9 / CLICK_BOT_CLICKS;
        return Scenario.scenario(CLICK_BURST, chain()
                .exec(s -> Events.pageView(s, new Page(SITE + "/", "/", null, "Home"), null))
                .pause(gap, gap)
                .repeat(CLICK_BOT_CLICKS, chain()
                        .exec(s -> Events.click(s, new Page(SITE + "/", "/", null, null), "#promo-banner"))
                        .pause(gap, gap)));
    }

    public static Scenario pageViewFlood() {
        double gap = FLOOD_BOT_SPAN.toNanos() / 1e9 / FLOOD_BOT_VIEWS;
        return Scenario.scenario(PAGE_VIEW_FLOOD, chain()
                .repeat(FLOOD_BOT_VIEWS, chain()
                        .exec(s -> {
                            String path = "/products/sku-" + (1000 + s.random().nextInt(40));
                            return Events.pageView(s, new Page(SITE + path, path, null, null), null);
                        })
                        .pause(gap, gap)));
    }

    /** How long the bot needs; a bot is only injected when it fits entirely in the run. */
    public static Duration span(String rule) {
        return CLICK_BURST.equals(rule) ? CLICK_BOT_SPAN.plusSeconds(1) : FLOOD_BOT_SPAN.plusSeconds(1);
    }
}
