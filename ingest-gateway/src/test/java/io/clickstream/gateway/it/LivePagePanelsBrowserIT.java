package io.clickstream.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.stack.browser.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page's session cards, funnel bar chart and breakdown table in Debian's headless Chromium,
 * fed by {@code /api/stream} from a real Elasticsearch. It starts with empty indices (the page must
 * say that there is nothing yet), then documents shaped as the job writes them
 * ({@link JobDocuments}: the KPI window with its session fields, the funnel's steps, breakdowns by site
 * and browser) are indexed for a window that ended two minutes ago, next to a newer window still in
 * progress that the page must not show. Passes when the cards, bars, drop-offs and rows show exactly
 * those documents, the selector switches the table between dimensions (and to its empty state for a
 * dimension without documents), and a referrer-like key holding markup is shown as text.
 */
@QuarkusTest
@QuarkusTestResource(value = LivePageStackResource.class, restrictToAnnotatedClass = true)
class LivePagePanelsBrowserIT {

    private static final String HOSTILE = "<img src=x onerror=\"window.__xss='breakdown'\">";
    private static final Duration RENDER = Duration.ofSeconds(30);

    @TestHTTPResource("/dashboard")
    URL page;

    @Test
    void sessionCardsFunnelBarsAndTheBreakdownTableShowTheNewestEndedWindowsDocuments() throws Exception {
        assertThat(HeadlessChromium.installed()).as("chromium and chromium-driver must be installed (.ci/run installs them)").isTrue();
        String es = LivePageStackResource.stack().elasticsearchUrl();
        JobDocuments.installTemplates(es);

        ChromeDriver browser = HeadlessChromium.start(Path.of("target", "it", "live-page-chromium"));
        try {
            browser.get(page.toString());
            WebDriverWait wait = new WebDriverWait(browser, RENDER);
            // Empty indices: a snapshot arrives and every new panel says there is nothing yet.
            wait.until(d -> !attribute(d, "main", "data-generated-at").isEmpty());
            assertThat(text(browser, "kpi-sessions")).isEqualTo("—");
            assertThat(text(browser, "kpi-bounce_rate")).isEqualTo("—");
            assertThat(browser.findElement(By.id("funnel-empty")).isDisplayed()).isTrue();
            assertThat(funnel(browser)).isEmpty();
            assertThat(browser.findElement(By.id("breakdown-empty")).isDisplayed()).isTrue();
            assertThat(rows(browser)).isEmpty();

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant newest = now.minusSeconds(now.getEpochSecond() % 10);
            Instant ended = newest.minusSeconds(120);
            seed(es, ended, newest, now);
            Instant seeded = Instant.now();
            // A snapshot generated after the last document was searchable holds them all.
            wait.until(d -> !attribute(d, "main", "data-generated-at").isEmpty()
                    && Instant.parse(attribute(d, "main", "data-generated-at")).isAfter(seeded));

            // Session cards of the ended window (the newer one, still in progress, has other figures).
            assertThat(text(browser, "kpi-sessions")).isEqualTo("40");
            assertThat(text(browser, "kpi-bounce_rate")).isEqualTo("25.00 %");
            assertThat(text(browser, "kpi-avg_session_duration_s")).isEqualTo("95.5 s");
            assertThat(text(browser, "kpi-pages_per_session")).isEqualTo("2.50");
            assertThat(text(browser, "kpi-open_sessions")).isEqualTo("4");
            assertThat(attribute(browser, "#window", "data-window-start")).isEqualTo(ended.toString());

            // The funnel: one bar per step, widths relative to step 1, reached and dropped sessions.
            assertThat(funnel(browser)).containsExactly(
                    List.of("1. page_view", "40", "5", "100%", "40 (100.00 %)", " −5 dropped (11.11 %)"),
                    List.of("2. add_to_cart", "12", "28", "30%", "12 (30.00 %)", " −28 dropped (70.00 %)"),
                    List.of("3. purchase", "3", "9", "7.5%", "3 (7.50 %)", " −9 dropped (75.00 %)"));
            assertThat(browser.findElement(By.id("funnel-empty")).isDisplayed()).isFalse();

            // The breakdown table: site by default, then browser, then a dimension without documents.
            assertThat(browser.findElement(By.id("breakdown-empty")).isDisplayed()).isFalse();
            assertThat(rows(browser)).containsExactly(
                    List.of("1", "shop.example", "60", "20", "12", "6", "19.90", "10.00 %", "30"),
                    List.of("2", "blog.example", "30", "10", "6", "3", "19.90", "10.00 %", "15"),
                    List.of("3", "other", "5", "1", "1", "0", "19.90", "0.00 %", "2"));
            Select dimension = new Select(browser.findElement(By.id("breakdown-dimension")));
            dimension.selectByValue("browser");
            wait.until(d -> "browser".equals(attribute(d, "#breakdown", "data-dimension")));
            assertThat(column(browser, 1)).containsExactly("Chrome", "Firefox");
            dimension.selectByValue("referrer");
            wait.until(d -> "referrer".equals(attribute(d, "#breakdown", "data-dimension")));
            assertThat(column(browser, 1)).containsExactly(HOSTILE);
            assertThat(browser.findElements(By.cssSelector("#breakdown img, main img"))).isEmpty();
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
            dimension.selectByValue("utm_campaign");
            wait.until(d -> "utm_campaign".equals(attribute(d, "#breakdown", "data-dimension")));
            assertThat(rows(browser)).isEmpty();
            assertThat(browser.findElement(By.id("breakdown-empty")).isDisplayed()).isTrue();
            // The choice survives the next snapshots.
            String generated = attribute(browser, "main", "data-generated-at");
            wait.until(d -> !attribute(d, "main", "data-generated-at").equals(generated));
            assertThat(attribute(browser, "#breakdown", "data-dimension")).isEqualTo("utm_campaign");
            assertThat(rows(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    static void seed(String es, Instant ended, Instant newest, Instant now) {
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.kpiId("60s/10s", ended), JobDocuments.withSessions(
                JobDocuments.kpi(ended, 95, 31, 19, 9, "179.10", 47, now), 40, 10, 95.5, 2.5, 4));
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.kpiId("60s/10s", newest), JobDocuments.withSessions(
                JobDocuments.kpi(newest, 7, 1, 0, 0, "0", 7, now), 3, 3, 0, 1, 3));
        index(es, ended, JobDocuments.funnel(ended, List.of("page_view", "add_to_cart", "purchase"), 45, new long[] {40, 12, 3}, now));
        index(es, newest, JobDocuments.funnel(newest, List.of("page_view", "add_to_cart", "purchase"), 3, new long[] {3, 0, 0}, now));
        String[][] sites = {{"shop.example", "60", "20", "12", "6", "30"}, {"blog.example", "30", "10", "6", "3", "15"},
            {"other", "5", "1", "1", "0", "2"}};
        for (int r = 0; r < sites.length; r++) {
            String[] s = sites[r];
            JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", ended, "site", r + 1),
                    JobDocuments.breakdown(ended, "site", s[0], r + 1, Long.parseLong(s[1]), Long.parseLong(s[2]), Long.parseLong(s[3]),
                            Long.parseLong(s[4]), "19.90", Long.parseLong(s[5]), now));
        }
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", ended, "browser", 1),
                JobDocuments.breakdown(ended, "browser", "Chrome", 1, 70, 25, 15, 7, "139.30", 35, now));
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", ended, "browser", 2),
                JobDocuments.breakdown(ended, "browser", "Firefox", 2, 25, 6, 4, 2, "39.80", 12, now));
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", ended, "referrer", 1),
                JobDocuments.breakdown(ended, "referrer", HOSTILE.replace("\"", "\\\""), 1, 95, 31, 19, 9, "179.10", 47, now));
        JobDocuments.index(es, "clickstream-kpis", JobDocuments.breakdownId("60s/10s", newest, "site", 1),
                JobDocuments.breakdown(newest, "site", "in-progress.example", 1, 7, 1, 0, 0, "0", 7, now));
    }

    private static void index(String es, Instant start, List<String> steps) {
        for (int k = 0; k < steps.size(); k++) {
            JobDocuments.index(es, "clickstream-kpis", JobDocuments.funnelId("60s/10s", start, k + 1), steps.get(k));
        }
    }

    /**
     * The breakdown table's cells, read in one script: the page redraws the table with every snapshot,
     * so elements found one call earlier may be gone.
     */
    @SuppressWarnings("unchecked")
    static List<List<String>> rows(WebDriver browser) {
        return (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#breakdown tbody tr'))"
                        + ".map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent));");
    }

    /** Per funnel bar: label, data-sessions, data-drop-off, bar width, reached and dropped text; in one script. */
    @SuppressWarnings("unchecked")
    static List<List<String>> funnel(WebDriver browser) {
        return (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#funnel .funnel-step')).map(s => ["
                        + "s.querySelector('.funnel-label').textContent, s.getAttribute('data-sessions'), s.getAttribute('data-drop-off'),"
                        + "s.querySelector('.funnel-bar').style.width, s.querySelector('.funnel-sessions').textContent,"
                        + "s.querySelector('.funnel-drop').textContent]);");
    }

    static List<String> column(WebDriver browser, int index) {
        return rows(browser).stream().map(r -> r.get(index)).toList();
    }

    static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getAttribute("textContent");
    }

    static String attribute(WebDriver browser, String css, String name) {
        String value = browser.findElement(By.cssSelector(css)).getAttribute(name);
        return value == null ? "" : value;
    }
}
