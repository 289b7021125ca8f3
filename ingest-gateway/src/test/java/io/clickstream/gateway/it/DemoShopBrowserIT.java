package io.clickstream.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.Topics;
import io.clickstream.stack.browser.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person shopping in headless Chromium: the demo shop is served by another origin than the gateway's
 * ({@link DemoPageServer}), loads {@code /sdk/clickstream.js} from the gateway and sends its events
 * cross-origin under a write key whose allowlist names the shop's origin. The walk goes products →
 * product → add to cart → cart → checkout (single-page navigation, events sent by fetch) → place order,
 * a real navigation that hides the checkout page, so its last events leave by {@code sendBeacon}. Every
 * event the browser generated (the tracker's debug log) must be in its Kafka topic exactly once, under
 * the right key.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = DemoPageServer.class, restrictToAnnotatedClass = true)
class DemoShopBrowserIT {

    /** What the tracker's debug log (sessionStorage "cs_debug") says about one event. */
    record Logged(String type, String key, String via, Object status) {
    }

    private static final TypeReference<Map<String, Logged>> LOG = new TypeReference<>() {
    };
    /** Long enough that nothing leaves by timer: the test decides when the fetch path runs (flush()). */
    private static final int FLUSH_INTERVAL_MS = 600_000;

    @TestHTTPResource("/")
    URL gatewayUrl;

    @Test
    void aShoppersEventsReachKafkaExactlyOnceByFetchAndByBeaconFromAnotherOrigin() throws Exception {
        assertThat(HeadlessChromium.installed())
                .as("chromium and chromium-driver must be installed (.ci/run installs them)").isTrue();
        String gateway = "http://127.0.0.1:" + gatewayUrl.getPort();
        assertThat(DemoPageServer.origin()).isNotEqualTo(gateway);
        BrowserRequests.SEEN.clear();

        ChromeDriver browser = HeadlessChromium.start(Path.of("target", "it", "demo-shop-chromium"));
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(DemoPageServer.origin() + "/demo/?gateway=" + gateway + "&key=" + DemoPageServer.WRITE_KEY
                    + "&debug=true&flush=" + FLUSH_INTERVAL_MS);
            click(wait, "product-sku-mug");
            WebElement quantity = wait.until(ExpectedConditions.elementToBeClickable(By.id("quantity")));
            quantity.clear();
            quantity.sendKeys("2");
            click(wait, "add-to-cart");
            click(wait, "go-to-cart");
            wait.until(ExpectedConditions.textToBe(By.id("total"), "29.80 EUR"));
            click(wait, "checkout");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("place-order")));

            // The single-page part leaves by fetch; every result is read back (the answer carries CORS headers).
            browser.executeScript("clickstream.flush()");
            Map<String, Logged> beforeOrder = awaitSettled(browser);
            assertThat(beforeOrder.values()).extracting(Logged::type).containsExactlyInAnyOrder(
                    "page_view", "click", "page_view", "click", "add_to_cart", "click", "page_view", "click", "page_view");
            assertThat(beforeOrder.values()).allSatisfy(e -> {
                assertThat(e.via()).isEqualTo("fetch");
                assertThat(e.status()).isEqualTo("accepted");
            });

            // Placing the order navigates away: the click and the purchase are handed to sendBeacon on page hide.
            click(wait, "place-order");
            wait.until(ExpectedConditions.urlContains("/demo/thanks.html"));
            wait.until(ExpectedConditions.textMatches(By.id("order-id"), java.util.regex.Pattern.compile("order-.+")));
            browser.executeScript("clickstream.flush()"); // the thank-you page's own page view
            Map<String, Logged> all = awaitSettled(browser);

            assertThat(all).hasSize(12);
            List<Logged> beaconed = all.values().stream().filter(e -> "beacon".equals(e.via())).toList();
            assertThat(beaconed).extracting(Logged::type).containsExactlyInAnyOrder("click", "purchase");
            assertThat(all.values()).filteredOn(e -> "purchase".equals(e.type())).singleElement()
                    .satisfies(e -> assertThat(e.key()).as("identify() before the purchase").isEqualTo("customer-42"));
            assertThat(all.values()).filteredOn(e -> "fetch".equals(e.via()))
                    .hasSize(10).allSatisfy(e -> assertThat(e.status()).isEqualTo("accepted"));

            // The gateway saw the beacon: a text/plain no-cors request from the shop's origin (fetch is mode cors).
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(BrowserRequests.SEEN)
                    .anySatisfy(seen -> {
                        assertThat(seen.fetchMode()).isEqualTo("no-cors");
                        assertThat(seen.contentType()).startsWith("text/plain");
                        assertThat(seen.origin()).isEqualTo(DemoPageServer.origin());
                    }));
            assertThat(BrowserRequests.SEEN).allSatisfy(seen -> assertThat(seen.method()).isEqualTo("POST"));

            assertExactlyOnceInKafka(all);
        } finally {
            browser.quit();
        }
    }

    private static void click(WebDriverWait wait, String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The debug log once every event sent by fetch has its result (beacon answers cannot be read). */
    private static Map<String, Logged> awaitSettled(ChromeDriver browser) {
        Map<String, Logged>[] log = new Map[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Object json = browser.executeScript("return sessionStorage.getItem('cs_debug')");
            log[0] = json == null ? Map.of() : EventJson.mapper().readValue(json.toString(), LOG);
            return !log[0].isEmpty() && log[0].values().stream()
                    .allMatch(e -> "beacon".equals(e.via()) || "fetch".equals(e.via()) && e.status() != null);
        });
        return log[0];
    }

    private static void assertExactlyOnceInKafka(Map<String, Logged> generated) {
        Set<String> ids = generated.keySet();
        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.EVENT_TOPICS, Duration.ofSeconds(30),
                rs -> rs.stream().map(TopicReader::eventId).collect(Collectors.toSet()).containsAll(ids));
        List<ConsumerRecord<String, String>> fromTheShop = records.stream()
                .filter(r -> DemoPageServer.SITE.equals(TopicReader.json(r).path("site").asText())).toList();
        Map<String, Long> copies = fromTheShop.stream()
                .collect(Collectors.groupingBy(TopicReader::eventId, Collectors.counting()));
        assertThat(copies.keySet()).as("every event the page generated, and nothing else from the shop")
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(copies).as("copies per event_id").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        Map<String, ConsumerRecord<String, String>> byId = fromTheShop.stream()
                .collect(Collectors.toMap(TopicReader::eventId, Function.identity()));
        Map<String, String> topicOf = new HashMap<>();
        for (EventType type : EventType.values()) {
            topicOf.put(type.wireName(), type.topic());
        }
        generated.forEach((id, logged) -> {
            ConsumerRecord<String, String> record = byId.get(id);
            assertThat(record.topic()).as(id).isEqualTo(topicOf.get(logged.type()));
            assertThat(record.key()).as(id).isEqualTo(logged.key());
            JsonNode event = TopicReader.json(record);
            assertThat(event.path("type").asText()).isEqualTo(logged.type());
            assertThat(event.path("session_id").asText()).isNotBlank();
        });
        JsonNode purchase = byId.values().stream().map(TopicReader::json)
                .filter(e -> e.path("type").asText().equals("purchase")).findFirst().orElseThrow();
        assertThat(purchase.path("order").path("revenue").decimalValue()).isEqualByComparingTo("29.8");
        assertThat(purchase.path("order").path("items").get(0).path("product_id").asText()).isEqualTo("sku-mug");
        assertThat(purchase.path("user_id").asText()).isEqualTo("customer-42");
    }
}
