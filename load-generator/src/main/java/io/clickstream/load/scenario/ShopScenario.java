package io.clickstream.load.scenario;

import static io.clickstream.load.dsl.Chain.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The default journey of an online shop visitor, with funnel rates in the range shops report
 * (a third leave after the first page, most after a few pages, a few percent buy):
 * <pre>
 * land (page_view of / or, for 35 %, a product page)    100 %
 *  └ bounce: leave after the landing page                 35 %
 *  └ browse 1–6 product pages, think 1–5 s each;
 *    on each page click "details" with 45 %
 *  └ add to cart (1–3 units of the last product)          35 % of the rest
 *     └ 30 %: browse one more product and add it too
 *     └ go to checkout (page_view /checkout), click pay   45 % of carts
 *        └ purchase (order = cart)                        85 % of checkouts  → ≈ 8.8 % of visitors
 * </pre>
 * Every event carries {@code page} {url, path, referrer} and {@code context.user_agent} as the
 * browser tracker sends them: the landing page's referrer and UTM parameters come from the
 * {@link TrafficSource#MIX}, later pages have the previous page as referrer (a self-referral), the
 * user agent is one of {@link UserAgents#BROWSERS}. Pages are on the user's site's host
 * ({@code https://<site>.example.com}).
 *
 * <p>A user never comes close to the bot alert thresholds: think times are at least one second and a
 * journey holds at most 9 page views and 8 clicks.
 */
public final class ShopScenario {

    public static final String NAME = "shop";
    /** Share of visitors who are logged in (carry a {@code user_id}); the rest are anonymous. */
    public static final double LOGGED_IN_SHARE = 0.4;
    /** Share of visitors who leave after the landing page. */
    public static final double BOUNCE_SHARE = 0.35;
    /** Share of visitors who land on a product page (from search or a campaign) instead of the home page. */
    public static final double PRODUCT_LANDING_SHARE = 0.35;

    static final List<Product> CATALOGUE = IntStream.range(0, 40).mapToObj(i -> new Product(
            "sku-" + (1000 + i),
            List.of("shoes", "shirts", "bags", "hats", "watches").get(i % 5),
            new BigDecimal(4 + (i * 37) % 180 + ".99"),
            null)).toList();

    private static final String CONTEXT = "context";
    private static final String PAGE = "page";
    /**
     * Every distinct page (url, path, referrer, title) once: the ledger keeps each sent event until the
     * end of the run, and a shop has a few thousand such pages, not one per event.
     */
    private static final Map<Page, Page> PAGES = new ConcurrentHashMap<>();

    private ShopScenario() {
    }

    public static Scenario scenario() {
        Chain productPage = chain()
                .exec(ShopScenario::viewProduct).pause(1, 5)
                .chance(0.45, chain().exec(s -> event(s, EventType.CLICK, "#details-" + currentProduct(s).id(), null, null))
                        .pause(1, 3));
        Chain addToCart = chain().exec(ShopScenario::addCurrentToCart).pause(2, 6);
        Chain checkout = chain()
                .exec(s -> view(s, "/checkout", "Checkout"))
                .pause(3, 8)
                .exec(s -> event(s, EventType.CLICK, "#pay", null, null))
                .pause(1, 2)
                .proceedWith(0.85)
                .exec(ShopScenario::purchaseCart);
        Chain journey = chain()
                .exec(ShopScenario::land).pause(1, 4)
                .proceedWith(1 - BOUNCE_SHARE)
                .repeat(1, 6, productPage)
                .proceedWith(0.35)
                .exec(addToCart)
                .chance(0.30, chain().exec(productPage).exec(addToCart))
                .proceedWith(0.45)
                .exec(checkout);
        return new Scenario(NAME, journey, LOGGED_IN_SHARE);
    }

    /** The host of the user's site. */
    static String origin(Session s) {
        return "https://" + s.site() + ".example.com";
    }

    private static ClickEvent land(Session s) {
        ObjectNode context = EventJson.mapper().createObjectNode()
                .put("user_agent", s.pickWeighted(UserAgents.BROWSERS, UserAgents.Agent::weight).userAgent())
                .put("locale", s.chance(0.7) ? "en-GB" : "de-DE");
        s.set(CONTEXT, context);
        TrafficSource source = s.pickWeighted(TrafficSource.MIX, TrafficSource::weight);
        String referrer = TrafficSource.SELF.equals(source.referrer()) ? origin(s) + "/" : source.referrer();
        String path = "/";
        String title = "Home";
        if (s.chance(PRODUCT_LANDING_SHARE)) {
            Product p = s.pick(CATALOGUE);
            s.set("product", p);
            path = productPath(p);
            title = null;
        }
        String url = origin(s) + path + (source.utm().isEmpty() ? "" : "?" + source.utm());
        Page page = intern(new Page(url, path, referrer, title));
        s.set(PAGE, page);
        return Events.pageView(s, page, context);
    }

    /** A page view of {@code path}, referred by the page the user is on. */
    private static ClickEvent view(Session s, String path, String title) {
        Page previous = s.get(PAGE);
        Page page = intern(new Page(origin(s) + path, path, previous == null ? null : previous.url(), title));
        s.set(PAGE, page);
        return Events.pageView(s, page, s.get(CONTEXT));
    }

    /** A non-page-view event on the current page: its url, path and referrer, as the tracker sends them. */
    private static ClickEvent event(Session s, EventType type, String element, Product product, Order order) {
        Page current = s.get(PAGE);
        Page page = intern(new Page(current.url(), current.path(), current.referrer(), null));
        return Events.event(s, type, page, element, product, order, s.get(CONTEXT));
    }

    private static ClickEvent viewProduct(Session s) {
        Product p = s.pick(CATALOGUE);
        s.set("product", p);
        return view(s, productPath(p), null);
    }

    private static ClickEvent addCurrentToCart(Session s) {
        Product p = currentProduct(s);
        Product line = new Product(p.id(), p.category(), p.price(), s.between(1, 3));
        List<OrderItem> cart = s.get("cart");
        if (cart == null) {
            cart = new ArrayList<>();
            s.set("cart", cart);
        }
        cart.add(new OrderItem(line.id(), line.price(), line.quantity()));
        return event(s, EventType.ADD_TO_CART, null, line, null);
    }

    private static ClickEvent purchaseCart(Session s) {
        List<OrderItem> cart = s.get("cart");
        BigDecimal revenue = cart.stream().map(i -> i.price().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Order order = new Order("o-" + s.uuid(), revenue, "EUR", List.copyOf(cart));
        Page checkout = s.get(PAGE);
        s.set(PAGE, intern(new Page(origin(s) + "/checkout/done", "/checkout/done", checkout.url(), "Thank you")));
        return event(s, EventType.PURCHASE, null, null, order);
    }

    private static Page intern(Page page) {
        return PAGES.computeIfAbsent(page, p -> p);
    }

    private static Product currentProduct(Session s) {
        return s.get("product");
    }

    private static String productPath(Product p) {
        return "/products/" + p.id();
    }
}
