package io.clickstream.load.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.cli.LoadCli;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.LedgerFiles;
import io.clickstream.load.ledger.WindowCalculator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A whole {@code load} run through the CLI against the in-test gateway, with a burst of 503s in
 * the middle: the ledger must describe exactly what the gateway stored, and the report must exist
 * with its charts.
 */
class LoadRunIT {

    @Test
    void theLedgerMatchesWhatTheGatewayStored() throws Exception {
        // kept under target/ so the report can be opened after the build
        Path dir = Files.createDirectories(Path.of("target", "load-run-it"));
        try (FakeGateway gateway = new FakeGateway()) {
            Thread outage = new Thread(() -> {
                try {
                    // The outage starts mid-run: once the gateway has stored a third of the load
                    // (12 s at 400 events/s), however fast or slow the machine runs it.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (gateway.stored.size() < 1_600 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    gateway.storeBefore503 = true;
                    gateway.retryAfter = "1";
                    gateway.unavailable.set(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            outage.start();
            Path ledgerFile = dir.resolve("ledger.json");
            StringWriter out = new StringWriter();
            var cli = LoadCli.commandLine();
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute("load", "--gateway-url", gateway.url(), "--duration", "12s", "--rate", "400",
                    "--seed", "5", "--click-bots-per-min", "10", "--duplicate-rate", "0.05", "--malformed-rate", "0.02",
                    "--late-rate", "0.03", "--out-of-order-rate", "0.03", "--ledger", ledgerFile.toString(),
                    "--progress-interval", "0");
            outage.join();
            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("done", "ledger:", "report:");

            Ledger ledger = LedgerFiles.read(ledgerFile);
            Ledger.Totals t = ledger.totals();
            List<JsonNode> stored = new ArrayList<>();
            for (String json : gateway.stored.values()) {
                stored.add(EventJson.readTree(json));
            }
            assertThat(gateway.bodies.size()).isGreaterThan(5);
            assertThat(t.acknowledged()).isEqualTo(stored.size()).isGreaterThan(1500);
            assertThat(t.unacknowledged()).isZero();
            assertThat(t.malformed()).isPositive();
            assertThat(t.malformedAccepted()).isZero();
            assertThat(t.duplicateResends()).isPositive();
            assertThat(t.pageViews()).isEqualTo(count(stored, "page_view"));
            assertThat(t.clicks()).isEqualTo(count(stored, "click"));
            assertThat(t.addToCart()).isEqualTo(count(stored, "add_to_cart"));
            assertThat(t.purchases()).isEqualTo(count(stored, "purchase"));
            BigDecimal revenue = stored.stream().filter(e -> e.get("type").asText().equals("purchase"))
                    .map(e -> e.get("order").get("revenue").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(t.revenue()).isEqualByComparingTo(revenue);
            assertThat(t.uniqueVisitors()).isEqualTo(stored.stream().map(e -> e.has("user_id") ? e.get("user_id").asText()
                    : e.get("anonymous_id").asText()).distinct().count());
            long hourlyViews = ledger.windows().stream().filter(w -> w.granularity().equals(WindowCalculator.HOURLY_GRANULARITY))
                    .mapToLong(Ledger.WindowKpis::pageViews).sum();
            assertThat(hourlyViews).isEqualTo(t.pageViews());
            assertThat(ledger.anomalies()).hasSize(2).allSatisfy(a -> {
                assertThat(a.rule()).isEqualTo("click_burst");
                assertThat(a.expectAlert()).isTrue();
                assertThat(a.acknowledged()).isEqualTo(40);
            });

            String report = Files.readString(dir.resolve("report.html"));
            assertThat(report).contains("<svg", "<polyline", "Throughput over time", "Percentile distribution",
                    "Errors by cause", "retry: http 503");
            assertThat(report).doesNotContain("<script", "https://cdn");
        }
    }

    @Test
    void aFixedSeedAndStartSendTheSameBytesTwice() throws Exception {
        List<String> first = storedAfterRun("2026-11-25T10:00:00Z", "11");
        List<String> second = storedAfterRun("2026-11-25T10:00:00Z", "11");
        List<String> otherSeed = storedAfterRun("2026-11-25T10:00:00Z", "12");
        assertThat(first).hasSizeGreaterThan(200).isEqualTo(second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    /** Runs a short load and returns the bodies of every stored event, sorted (requests interleave). */
    private static List<String> storedAfterRun(String start, String seed) throws Exception {
        try (FakeGateway gateway = new FakeGateway()) {
            Path dir = Files.createDirectories(Path.of("target", "load-run-it", "seed-" + seed + "-" + System.nanoTime()));
            var cli = LoadCli.commandLine();
            cli.setOut(new PrintWriter(new StringWriter()));
            int exit = cli.execute("load", "--gateway-url", gateway.url(), "--duration", "4s", "--rate", "300", "--seed", seed,
                    "--run-id", "fixed", "--start", start, "--ledger", dir.resolve("ledger.json").toString(), "--progress-interval", "0");
            assertThat(exit).isZero();
            return gateway.stored.values().stream().sorted().toList();
        }
    }

    private static long count(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).count();
    }
}
