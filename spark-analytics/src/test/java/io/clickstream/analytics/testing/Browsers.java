package io.clickstream.analytics.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a browser tracker adds to every event: {@code context.user_agent} (real browser strings) and
 * a {@code page} with a referrer and, on some landings, UTM parameters. The benchmark's events carry
 * them so that the breakdowns' parse-time derivation costs what it costs with real traffic.
 */
public final class Browsers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Real browsers' user agent strings: desktop, phone and tablet; Chrome, Safari, Firefox, Edge. */
    public static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
            "Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1");

    private static final List<String> REFERRERS = List.of("", "https://www.google.com/", "https://t.co/x",
            "https://www.bing.com/search?q=shop", "https://shop.example/");

    private static final List<String> CAMPAIGNS = List.of("", "", "", "?utm_source=newsletter&utm_medium=email&utm_campaign=winter",
            "?utm_source=google&utm_medium=cpc&utm_campaign=brand");

    private Browsers() {
    }

    /** {@code json} as the {@code n}-th visitor's browser would send it (the same visitor, the same browser). */
    public static String from(String json, int visitor) {
        try {
            return addTo((ObjectNode) JSON.readTree(json), visitor).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an event: " + json, e);
        }
    }

    /** Adds the {@code n}-th visitor's browser context to {@code event} (a live load builds trees, not text to parse again). */
    public static ObjectNode addTo(ObjectNode event, int visitor) {
        event.putObject("context").put("user_agent", USER_AGENTS.get(Math.floorMod(visitor, USER_AGENTS.size())));
        ObjectNode page = event.has("page") ? (ObjectNode) event.get("page") : event.putObject("page");
        if (!page.has("url")) {
            page.put("url", "https://shop.example/").put("path", "/");
        }
        page.put("url", page.get("url").asText() + CAMPAIGNS.get(Math.floorMod(visitor / 7, CAMPAIGNS.size())));
        String referrer = REFERRERS.get(Math.floorMod(visitor / 3, REFERRERS.size()));
        if (!referrer.isEmpty()) {
            page.put("referrer", referrer);
        }
        return event;
    }
}
