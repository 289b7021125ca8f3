package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.ledger.WindowCalculator;
import java.io.IOException;
import java.util.function.Consumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a ledger with what analytics wrote to Elasticsearch. Polls until everything matches or
 * {@code wait} runs out (the job may still be catching up), then returns the last comparison.
 */
public final class Verifier {

    /**
     * @param kpiIndex     KPI alias (default {@code clickstream-kpis})
     * @param alertIndex   alert alias (default {@code clickstream-alerts})
     * @param maxWait      how long to keep polling for a match (default 120 s)
     * @param pollInterval pause between polls (default 2 s)
     * @param checkAlerts  whether to check alert recall/precision (default true)
     * @param checkHourly  whether to compare the hourly roll-up too (default true)
     */
    public record Config(String kpiIndex, String alertIndex, Duration maxWait, Duration pollInterval, boolean checkAlerts,
                         boolean checkHourly) {
        public static Config defaults() {
            return new Config("clickstream-kpis", "clickstream-alerts", Duration.ofSeconds(120), Duration.ofSeconds(2),
                    true, true);
        }
    }

    /** The outcome: every row compared, and the alert check (null when alerts are not checked). */
    public record Report(List<Row> rows, AlertCheck alerts, int windows, Duration waited, List<String> notes) {
        public boolean passed() {
            return rows.stream().noneMatch(r -> r.status().fails()) && (alerts == null || alerts.passed());
        }

        public long count(Row.Status status) {
            return rows.stream().filter(r -> r.status() == status).count();
        }
    }

    /** Alert documents are looked up this far around the run (alerts carry their episode's window). */
    static final Duration ALERT_MARGIN = Duration.ofMinutes(15);

    private final EsClient es;
    private final Config config;
    private final Consumer<String> progress;

    public Verifier(EsClient es, Config config, Consumer<String> progress) {
        this.es = es;
        this.config = config;
        this.progress = progress;
    }

    public Report verify(Ledger ledger) throws IOException, InterruptedException {
        List<WindowKpis> windows = ledger.windows().stream()
                .filter(w -> config.checkHourly() || !WindowCalculator.HOURLY_GRANULARITY.equals(w.granularity()))
                .toList();
        long started = System.nanoTime();
        long deadline = started + config.maxWait().toNanos();
        long lastNote = started;
        while (true) {
            Report report = compareOnce(ledger, windows, Duration.ofNanos(System.nanoTime() - started));
            if (report.passed() || System.nanoTime() + config.pollInterval().toNanos() > deadline) {
                return report;
            }
            if (System.nanoTime() - lastNote > 10e9) {
                lastNote = System.nanoTime();
                long failing = report.rows().stream().filter(r -> r.status().fails()).count();
                progress.accept(String.format("waiting for analytics: %d of %d rows differ%s, %ds left", failing, report.rows().size(),
                        report.alerts() == null || report.alerts().passed() ? ""
                                : ", " + report.alerts().missed().size() + " bots not alerted, "
                                + report.alerts().unexpected().size() + " unexpected alerts",
                        Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L)));
            }
            Thread.sleep(config.pollInterval().toMillis());
        }
    }

    Report compareOnce(Ledger ledger, List<WindowKpis> windows, Duration waited) throws IOException, InterruptedException {
        Map<String, JsonNode> docs = es.getByIds(config.kpiIndex(), windows.stream().map(WindowKpis::documentId).toList());
        List<Row> rows = new ArrayList<>();
        for (WindowKpis w : windows) {
            rows.addAll(KpiComparator.compare(w, docs.get(w.documentId())));
        }
        List<String> notes = new ArrayList<>();
        if (docs.isEmpty() && !windows.isEmpty() && !es.exists(config.kpiIndex())) {
            notes.add("no index or alias '" + config.kpiIndex() + "' in " + es.base() + ": is the analytics job running?");
        }
        List<Row> failing = rows.stream().filter(r -> r.status().fails()).toList();
        if (!failing.isEmpty() && failing.stream().allMatch(r -> WindowCalculator.HOURLY_GRANULARITY.equals(r.granularity()))) {
            notes.add("only hourly windows differ: did other load run in the same hour? (--skip-hourly skips them)");
        }
        AlertCheck alerts = null;
        if (config.checkAlerts()) {
            alerts = AlertCheck.check(ledger.anomalies(), fetchAlerts(ledger.run().start(), ledger.run().end()));
            if (alerts.alerted() == 0 && alerts.expected() > 0 && !es.exists(config.alertIndex())) {
                notes.add("no index or alias '" + config.alertIndex() + "': are the alert queries running? "
                        + "(--no-alerts skips this check)");
            }
        }
        return new Report(rows, alerts, windows.size(), waited, notes);
    }

    private List<JsonNode> fetchAlerts(Instant start, Instant end) throws IOException, InterruptedException {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("size", 10_000);
        body.putObject("query").putObject("range").putObject("window_start")
                .put("gte", start.minus(ALERT_MARGIN).toString())
                .put("lte", end.plus(ALERT_MARGIN).toString());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode hit : es.search(config.alertIndex(), body)) {
            out.add(hit.path("_source"));
        }
        return out;
    }
}
