package io.clickstream.gateway.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** The packaged application under test, seen from outside as a client sees it. */
final class PackagedApplication {

    private static volatile boolean accepting;

    private PackagedApplication() {
    }

    /**
     * Waits until the application acknowledges events of every type. A cold producer first fetches
     * each topic's metadata, and on a busy machine that can outlast the publish timeout: the answer
     * is then the designed 503 (retry later), which is not what the tests are about.
     */
    static void awaitAcceptingEvents() {
        if (accepting) {
            return;
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                given().contentType("application/json")
                        .body("[" + Events.pageView(Events.id(), "warm-up") + "," + Events.click(Events.id(), "warm-up") + ","
                                + Events.addToCart(Events.id(), "warm-up") + "," + Events.purchase(Events.id(), "warm-up") + "]")
                        .post("/v1/events").statusCode() == 200);
        accepting = true;
    }
}
