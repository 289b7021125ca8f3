package io.clickstream.stack.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The browser harness really renders a loopback page and runs its script (Debian's chromium, no download). */
class HeadlessChromiumIT {

    @Test
    void rendersALoopbackPageAndRunsItsScript() throws Exception {
        assertThat(HeadlessChromium.installed())
                .as("chromium and chromium-driver must be installed (.ci/run installs them)").isTrue();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = ("<!doctype html><title>probe</title><p id=out>static</p>"
                + "<script>document.getElementById('out').textContent = 'ran ' + (6 * 7);</script>")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        ChromeDriver browser = HeadlessChromium.start(Path.of("target", "it", "chromium"));
        try {
            browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(browser.getTitle()).isEqualTo("probe");
            assertThat(browser.findElement(By.id("out")).getText()).isEqualTo("ran 42");
        } finally {
            browser.quit();
            server.stop(0);
        }
    }
}
