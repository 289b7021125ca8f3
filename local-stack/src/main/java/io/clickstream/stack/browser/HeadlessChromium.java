package io.clickstream.stack.browser;

import io.clickstream.stack.process.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its ChromeDriver, for the browser tests of the pages a
 * person looks at (the tracker's demo shop, the live dashboard). It never downloads a browser or a
 * driver: the binaries come from the {@code chromium} and {@code chromium-driver} packages that
 * {@code .ci/run} installs, or from {@code CHROMIUM_BINARY} / {@code CHROMEDRIVER} when set.
 *
 * <p>Each call starts a fresh browser with its own empty profile under {@code workDir}, so tests do
 * not share cookies or storage. The flags are the ones that work on a closed network as root: no
 * sandbox, no GPU, and no background networking (whose connections the machine refuses).
 *
 * <p>Selenium is an optional dependency of local-stack: a module that calls this declares
 * {@code org.seleniumhq.selenium:selenium-java} in test scope.
 */
public final class HeadlessChromium {

    /** Where Debian's {@code chromium} package puts the browser. */
    public static final String DEFAULT_BINARY = "/usr/bin/chromium";
    /** Where Debian's {@code chromium-driver} package puts the driver. */
    public static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {}

    /** True when both the browser and its driver are installed (tests use it to say what is missing). */
    public static boolean installed() {
        return new File(binary()).canExecute() && new File(driver()).canExecute();
    }

    /**
     * Starts a headless browser with a 1280×900 window. The caller quits it ({@code driver.quit()}).
     *
     * @param workDir a directory for the browser's profile and the driver's log
     * @throws StackException when Chromium or ChromeDriver is not installed, naming the fix
     */
    public static ChromeDriver start(Path workDir) {
        if (!installed()) {
            throw new StackException("headless Chromium is not installed (looked for " + binary() + " and "
                    + driver() + "): run `apt-get install -y chromium chromium-driver fonts-dejavu-core` "
                    + "(.ci/run does), or set CHROMIUM_BINARY and CHROMEDRIVER");
        }
        try {
            Files.createDirectories(workDir);
            Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(driver()))
                    .usingAnyFreePort()
                    .withLogFile(workDir.resolve("chromedriver.log").toFile())
                    .build();
            ChromeDriver browser = new ChromeDriver(service, options);
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return browser;
        } catch (IOException e) {
            throw new StackException("cannot prepare a Chromium profile under " + workDir + ": " + e.getMessage(), e);
        }
    }

    private static String binary() {
        String configured = System.getenv("CHROMIUM_BINARY");
        return configured == null || configured.isBlank() ? DEFAULT_BINARY : configured;
    }

    private static String driver() {
        String configured = System.getenv("CHROMEDRIVER");
        return configured == null || configured.isBlank() ? DEFAULT_DRIVER : configured;
    }
}
