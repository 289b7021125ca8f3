package io.clickstream.load.report;

import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.run.LoadRunner;
import io.clickstream.load.run.RunMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The end-of-run report, in the spirit of Gatling's: a summary table, throughput and latency over
 * time, the latency percentile distribution (HdrHistogram, log-scaled percentiles) and errors by
 * cause. One self-contained HTML file with inline SVG: it opens offline in any browser.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static void write(LoadRunner.Result result, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }

    public static String render(LoadRunner.Result r) {
        RunMetrics m = r.metrics();
        Ledger ledger = r.ledger();
        List<RunMetrics.Sample> timeline = m.timeline();
        double[] t = timeline.stream().mapToDouble(RunMetrics.Sample::seconds).toArray();
        Histogram latency = m.totalLatency();
        Histogram service = m.totalService();
        double seconds = Math.max(1e-3, (r.end().toEpochMilli() - r.start().toEpochMilli()) / 1000.0);

        StringBuilder html = new StringBuilder(64_000);
        html.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Clickstream load report</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:920px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}h2{margin-top:28px}")
                .append(".chart{display:block;margin:8px 0 16px;border:1px solid #eee}</style></head><body>");
        html.append("<h1>Clickstream load report</h1>");
        Ledger.RunInfo run = ledger.run();
        html.append("<p>Scenario <b>").append(SvgChart.esc(run.scenario())).append("</b>, seed <b>").append(run.seed())
                .append("</b>, ").append(SvgChart.esc(r.transport())).append(", from ").append(r.start()).append(" to ")
                .append(r.end()).append(r.interrupted() ? " <b>(interrupted)</b>" : "").append(".</p>");

        Ledger.Totals tot = ledger.totals();
        html.append("<h2>Summary</h2><table><tr><th>metric</th><th>value</th></tr>");
        row(html, "events sent (incl. resends, malformed)", String.format(Locale.ROOT, "%,d", tot.sent()));
        row(html, "mean send rate", String.format(Locale.ROOT, "%,.0f events/s", tot.sent() / seconds));
        row(html, "distinct events acknowledged", String.format(Locale.ROOT, "%,d", tot.acknowledged()));
        row(html, "unacknowledged (gave up)", String.format(Locale.ROOT, "%,d", tot.unacknowledged()));
        row(html, "valid events rejected", String.format(Locale.ROOT, "%,d", tot.rejected()));
        row(html, "malformed sent / accepted", tot.malformed() + " / " + tot.malformedAccepted());
        row(html, "duplicate resends / late / out-of-order", tot.duplicateResends() + " / " + tot.late() + " / " + tot.outOfOrder());
        row(html, "page views / clicks / add to cart / purchases", tot.pageViews() + " / " + tot.clicks() + " / "
                + tot.addToCart() + " / " + tot.purchases());
        row(html, "revenue / unique visitors", tot.revenue().toPlainString() + " / " + tot.uniqueVisitors());
        row(html, "bots injected", String.valueOf(ledger.anomalies().size()));
        html.append("</table>");

        html.append("<h2>Latency</h2><p>Measured from each event's <i>intended</i> send time in the open-model ")
                .append("schedule to its final answer (corrects coordinated omission; includes batching linger, ")
                .append("waits for a connection and retries). Service time: request sent → answer.</p>");
        html.append("<table><tr><th>percentile</th><th>latency (ms)</th><th>service time (ms)</th></tr>");
        for (double p : new double[] {50, 75, 95, 99, 99.9, 100}) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.2f</td><td>%.2f</td></tr>",
                    p == 100 ? "max" : "p" + SvgChart.fmt(p),
                    RunMetrics.ms(p == 100 ? latency.getMaxValue() : latency.getValueAtPercentile(p)),
                    RunMetrics.ms(p == 100 ? service.getMaxValue() : service.getValueAtPercentile(p))));
        }
        html.append("</table>");

        html.append("<h2>Throughput over time</h2>");
        html.append(SvgChart.line("events per second", "seconds since start", "events/s", List.of(
                new SvgChart.Series("sent", t, timeline.stream().mapToDouble(RunMetrics.Sample::sentPerSec).toArray()),
                new SvgChart.Series("acknowledged", t, timeline.stream().mapToDouble(RunMetrics.Sample::ackedPerSec).toArray()),
                new SvgChart.Series("errors + retries", t, timeline.stream().mapToDouble(RunMetrics.Sample::errorsPerSec).toArray())),
                null, null));
        html.append("<h2>Latency over time</h2>");
        html.append(SvgChart.line("latency of events answered each second", "seconds since start", "ms", List.of(
                new SvgChart.Series("p50", t, timeline.stream().mapToDouble(RunMetrics.Sample::p50Ms).toArray()),
                new SvgChart.Series("p99", t, timeline.stream().mapToDouble(RunMetrics.Sample::p99Ms).toArray()),
                new SvgChart.Series("max", t, timeline.stream().mapToDouble(RunMetrics.Sample::maxMs).toArray())),
                null, null));
        html.append("<h2>Percentile distribution</h2>");
        html.append(SvgChart.line("latency by percentile (log scale)", "percentile", "ms",
                List.of(percentileSeries("latency", latency), percentileSeries("service time", service)),
                HtmlReport::percentileLabel, new double[] {0, 1, 2, 3, 4, 5}));
        html.append("<h2>Errors by cause</h2><p>Retries (the event was sent again) and final failures, in events.</p>");
        Map<String, Long> errors = m.errorsByCause();
        html.append(SvgChart.bars("errors by cause", new ArrayList<>(errors.keySet()), new ArrayList<>(errors.values())));

        html.append("<h2>Injected anomalies</h2><table><tr><th>rule</th><th>entity</th><th>first event</th><th>events</th>")
                .append("<th>acknowledged</th><th>alert expected</th></tr>");
        for (Ledger.AnomalyRecord a : ledger.anomalies()) {
            html.append("<tr><td>").append(a.rule()).append("</td><td>").append(SvgChart.esc(a.entity())).append("</td><td>")
                    .append(a.start()).append("</td><td>").append(a.events()).append("</td><td>").append(a.acknowledged())
                    .append("</td><td>").append(a.expectAlert() ? "yes" : "no").append("</td></tr>");
        }
        html.append("</table><p>Check the analytics against this run with <code>./clickstream verify --ledger FILE</code>.</p>");
        return html.append("</body></html>").toString();
    }

    /** x = −log10(1 − p): 0 → 0 %, 1 → 90 %, 2 → 99 %, … (HdrHistogram's plotter scale). */
    private static SvgChart.Series percentileSeries(String name, Histogram h) {
        List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 0.999999) {
                    break;
                }
                points.add(new double[] {-Math.log10(1 - p), RunMetrics.ms(v.getValueIteratedTo())});
            }
            points.add(new double[] {5, RunMetrics.ms(h.getMaxValue())});
        }
        return new SvgChart.Series(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    private static String percentileLabel(double x) {
        if (x < 0.5) {
            return "0%";
        }
        // 1 → 90 %, 2 → 99 %, 3 → 99.9 % …: x nines
        int nines = (int) Math.round(x);
        return nines == 1 ? "90%" : "99" + (nines > 2 ? "." + "9".repeat(nines - 2) : "") + "%";
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><td>").append(SvgChart.esc(name)).append("</td><td>").append(SvgChart.esc(value)).append("</td></tr>");
    }
}
