package io.clickstream.analytics.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic shop session mix for the integration tests: page views, clicks, add-to-carts and
 * purchases with one to three items, from a few dozen visitors over a few minutes of event time,
 * slightly out of order, with some events sent twice. {@link KpiOracle} computes what the job must
 * write for it.
 */
public final class Scenario {

    /** One event as the tests produce it and as the oracle counts it. */
    public record Event(String id, String type, Instant ts, String user, String path, String orderId,
                        BigDecimal revenue, List<Item> items, String json) {
        public String topic() {
            return switch (type) {
                case "page_view" -> "page_views";
                case "click" -> "clicks";
                case "add_to_cart" -> "add_to_cart";
                default -> "purchases";
            };
        }
    }

    public record Item(String productId, BigDecimal price, int quantity) {
    }

    private static final String[] PAGES = {"/", "/home", "/search", "/product/p-1", "/product/p-2", "/product/p-3",
            "/cart", "/checkout"};
    private static final String[] PRODUCTS = {"p-1", "p-2", "p-3", "p-4", "p-5"};
    private static final String[] PRICES = {"9.99", "12.50", "19.00", "4.25", "99.90"};

    private Scenario() {
    }

    /**
     * {@code count} distinct events starting at {@code start}, spread over {@code spanSeconds}, with
     * ids {@code <idPrefix>-<n>}. Every tenth event is followed, a little later in the list, by an
     * identical copy (a producer retry): the list then holds more records than distinct events.
     */
    public static List<Event> generate(long seed, String idPrefix, Instant start, int count, int spanSeconds, int users) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long offsetMs = (long) n * spanSeconds * 1000 / count + random.nextInt(3000) - 1500;
            Instant ts = start.plusMillis(Math.max(0, offsetMs));
            String user = (random.nextInt(4) == 0 ? "anon-" : "u-") + random.nextInt(users);
            String id = String.format("%s-%08d", idPrefix, n);
            int roll = random.nextInt(100);
            String tsText = ts.toString();
            Event e;
            if (roll < 55) {
                String path = PAGES[random.nextInt(PAGES.length)];
                e = new Event(id, "page_view", ts, user, path, null, null, List.of(), Events.pageView(id, tsText, user, path));
            } else if (roll < 80) {
                e = new Event(id, "click", ts, user, null, null, null, List.of(), Events.click(id, tsText, user, "#b" + random.nextInt(5)));
            } else if (roll < 92) {
                int p = random.nextInt(PRODUCTS.length);
                e = new Event(id, "add_to_cart", ts, user, null, null, null, List.of(),
                        Events.addToCart(id, tsText, user, PRODUCTS[p], PRICES[p], 1 + random.nextInt(2)));
            } else {
                List<Item> items = new ArrayList<>();
                List<Object> flat = new ArrayList<>();
                BigDecimal revenue = BigDecimal.ZERO;
                for (int i = 0, k = 1 + random.nextInt(3); i < k; i++) {
                    int p = random.nextInt(PRODUCTS.length);
                    int q = 1 + random.nextInt(3);
                    items.add(new Item(PRODUCTS[p], new BigDecimal(PRICES[p]), q));
                    flat.add(PRODUCTS[p]);
                    flat.add(PRICES[p]);
                    flat.add(q);
                    revenue = revenue.add(new BigDecimal(PRICES[p]).multiply(BigDecimal.valueOf(q)));
                }
                String orderId = "o-" + id;
                e = new Event(id, "purchase", ts, user, null, orderId, revenue, items,
                        Events.purchase(id, tsText, user, orderId, revenue.toPlainString(), flat.toArray()));
            }
            events.add(e);
            if (n % 10 == 3) {
                events.add(e);
            }
        }
        return events;
    }
}
