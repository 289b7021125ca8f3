package io.clickstream.load.scenario;

import static io.clickstream.load.dsl.Chain.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.Order;
import io.clickstream.event.OrderItem;
import io.clickstream.event.Page;
import io.clickstream.event.Product;
import io.clickstream.load.dsl.Chain;
import io.clickstream.load.dsl.Events;
import io.clickstream.load.dsl.Scenario;
import io.clickstream.load.dsl.Session;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The default journey of an online shop visitor, with funnel rates in the range shops report
 * (most visitors leave after a few pages, a few percent buy):
 * <pre>
 * land (page_view /)                                     100 %
 *  └ browse 1–6 product pages, think 1–5 s each;
 *    on each page click "details" with 45 %
 *  └ add to cart (1–3 units of the last product)          35 %
 *     └ 30 %: browse one more product and add it too
 *     └ go to checkout (page_view /checkout), click pay   45 % of carts
 *        └ purchase (order = cart)                        85 % of checkouts  → ≈ 13 % of visitors
 * </pre>
 * A user never comes close to the bot alert thresholds: think times are at least one second and a
 * journey holds at most 9 page views and 8 clicks.
 */
public final class ShopScenario {

    public static final String NAME = "shop";
    /** Share of visitors who are logged in (carry a {@code user_id}); the rest are anonymous. */
    public static final double LOGGED_IN_SHARE = 0.4;

    static final List<Product> CATALOGUE = IntStream.range(0, 40).mapToObj(i -> new Product(
            "sku-" + (1000 + i),
            List.of("shoes", "shirts", "bags", "hats", "watches").get(i % 5),
            new BigDecimal(4 + (i * 37) % 180 + ".99"),
            null)).toList();
    private static final List<String> REFERRERS = List.of("https://www.google.com/", "https://duckduckgo.com/",
            "https://news.example.org/deals", "");
    private static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148");
    private static final String SITE = "https://shop.example.com";

    private ShopScenario() {
    }

    public static Scenario scenario() {
        Chain productPage = chain()
                .exec(ShopScenario::viewProduct).pause(1, 5)
                .chance(0.45, chain().exec(s -> Events.click(s, page(s), "#details-" + currentProduct(s).id())).pause(1, 3));
        Chain addToCart = chain().exec(ShopScenario::addCurrentToCart).pause(2, 6);
        Chain checkout = chain()
                .exec(s -> Events.pageView(s, new Page(SITE + "/checkout", "/checkout", null, "Checkout"), null))
                .pause(3, 8)
                .exec(s -> Events.click(s, new Page(SITE + "/checkout", "/checkout", null, null), "#pay"))
                .pause(1, 2)
                .proceedWith(0.85)
                .exec(ShopScenario::purchaseCart);
        Chain journey = chain()
                .exec(ShopScenario::land).pause(1, 4)
                .repeat(1, 6, productPage)
                .proceedWith(0.35)
                .exec(addToCart)
                .chance(0.30, chain().exec(productPage).exec(addToCart))
                .proceedWith(0.45)
                .exec(checkout);
        return new Scenario(NAME, journey, LOGGED_IN_SHARE);
    }

    private static io.clickstream.event.ClickEvent land(Session s) {
        ObjectNode context = EventJson.mapper().createObjectNode()
                .put("user_agent", s.pick(AGENTS))
                .put("locale", s.chance(0.7) ? "en-GB" : "de-DE");
        String referrer = s.pick(REFERRERS);
        return Events.pageView(s, new Page(SITE + "/", "/", referrer.isEmpty() ? null : referrer, "Home"), context);
    }

    private static io.clickstream.event.ClickEvent viewProduct(Session s) {
        Product p = s.pick(CATALOGUE);
        s.set("product", p);
        return Events.pageView(s, productPage(p), null);
    }

    private static io.clickstream.event.ClickEvent addCurrentToCart(Session s) {
        Product p = currentProduct(s);
        Product line = new Product(p.id(), p.category(), p.price(), s.between(1, 3));
        List<OrderItem> cart = s.get("cart");
        if (cart == null) {
            cart = new ArrayList<>();
            s.set("cart", cart);
        }
        cart.add(new OrderItem(line.id(), line.price(), line.quantity()));
        return Events.addToCart(s, productPage(p), line);
    }

    private static io.clickstream.event.ClickEvent purchaseCart(Session s) {
        List<OrderItem> cart = s.get("cart");
        BigDecimal revenue = cart.stream().map(i -> i.price().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Order order = new Order("o-" + s.uuid(), revenue, "EUR", List.copyOf(cart));
        return Events.purchase(s, new Page(SITE + "/checkout/done", "/checkout/done", null, "Thank you"), order);
    }

    private static Product currentProduct(Session s) {
        return s.get("product");
    }

    private static Page page(Session s) {
        return productPage(currentProduct(s));
    }

    private static Page productPage(Product p) {
        String path = "/products/" + p.id();
        return new Page(SITE + path, path, null, null);
    }
}
