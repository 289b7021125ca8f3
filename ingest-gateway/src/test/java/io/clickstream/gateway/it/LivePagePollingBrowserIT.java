package io.clickstream.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.stack.LocalStack;
import io.clickstream.stack.browser.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page's fallback when {@code /api/stream} is refused (here: at most 0 streams): it polls
 * {@code /api/kpis}, {@code /api/funnel} and {@code /api/breakdowns} for the selected dimension only,
 * so choosing another dimension must poll that one at once. Passes when the session cards, the funnel
 * and the breakdown rows of the seeded ended window appear while polling, and the rows follow the
 * selector to another dimension.
 */
@QuarkusTest
@TestProfile(LivePagePollingBrowserIT.StreamsRefused.class)
@QuarkusTestResource(value = LivePagePollingBrowserIT.PollingStackResource.class, restrictToAnnotatedClass = true)
class LivePagePollingBrowserIT {

    /** Every {@code /api/stream} is answered 503, as when the gateway serves its maximum of streams. */
    public static class StreamsRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clickstream.query.max-streams", "0");
        }
    }

    /** A stack in a work directory of its own (fresh indices). */
    public static class PollingStackResource extends ElasticsearchStackResource {
        public static LocalStack stack() {
            return running(PollingStackResource.class);
        }
    }

    @TestHTTPResource("/dashboard")
    URL page;

    @Test
    void whenTheStreamIsRefusedThePagePollsTheNewPanelsAndTheSelectedDimension() throws Exception {
        assertThat(HeadlessChromium.installed()).as("chromium and chromium-driver must be installed (.ci/run installs them)").isTrue();
        String es = PollingStackResource.stack().elasticsearchUrl();
        JobDocuments.installTemplates(es);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant newest = now.minusSeconds(now.getEpochSecond() % 10);
        LivePagePanelsBrowserIT.seed(es, newest.minusSeconds(120), newest, now);

        ChromeDriver browser = HeadlessChromium.start(Path.of("target", "it", "live-page-polling-chromium"));
        try {
            browser.get(page.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> LivePagePanelsBrowserIT.text(d, "mode").startsWith("polling every 5 s (stream refused)"));
            wait.until(d -> LivePagePanelsBrowserIT.text(d, "kpi-sessions").equals("40"));
            assertThat(LivePagePanelsBrowserIT.text(browser, "kpi-bounce_rate")).isEqualTo("25.00 %");
            wait.until(d -> LivePagePanelsBrowserIT.funnel(d).size() == 3);
            assertThat(LivePagePanelsBrowserIT.funnel(browser)).extracting(step -> step.get(1)).containsExactly("40", "12", "3");
            wait.until(d -> LivePagePanelsBrowserIT.column(d, 1).equals(List.of("shop.example", "blog.example", "other")));

            // Right after a poll has been drawn, the next timed one is 5 s away: rows of the new dimension
            // within 3 s come from the poll the change itself made.
            String drawn = LivePagePanelsBrowserIT.attribute(browser, "main", "data-generated-at");
            wait.until(d -> !LivePagePanelsBrowserIT.attribute(d, "main", "data-generated-at").equals(drawn));
            new Select(browser.findElement(By.id("breakdown-dimension"))).selectByValue("browser");
            new WebDriverWait(browser, Duration.ofSeconds(3))
                    .until(d -> LivePagePanelsBrowserIT.column(d, 1).equals(List.of("Chrome", "Firefox")));
            assertThat(LivePagePanelsBrowserIT.attribute(browser, "#breakdown", "data-dimension")).isEqualTo("browser");
        } finally {
            browser.quit();
        }
    }
}
