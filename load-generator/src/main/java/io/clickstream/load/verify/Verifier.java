package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.dimensions.Dimensions;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.ledger.WindowCalculator;
import io.clickstream.load.schedule.Sites;
import io.clickstream.load.verify.Row.Status;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares a ledger with what analytics wrote to Elasticsearch: every field of every KPI and ranking
 * document of the run's windows, the documents around them the ledger does not predict, and the alerts
 * of the run. Polls until everything matches or {@code wait} runs out (the job may still be catching
 * up), then returns the last comparison.
 */
public final class Verifier {

    /**
     * @param kpiIndex     KPI alias (default {@code clickstream-kpis})
     * @param alertIndex   alert alias (default {@code clickstream-alerts})
     * @param maxWait      how long to keep polling for a match (default 120 s)
     * @param pollInterval pause between polls (default 2 s)
     * @param checkAlerts  whether to check alert recall/precision (default true)
     * @param checkHourly  whether to compare the hourly roll-up too (default true)
     * @param maxUncertain most windows allowed to stay uncertain; null: the windows that hold unacknowledged
     *                     events (0 when every event was acknowledged)
     */
    public record Config(String kpiIndex, String alertIndex, Duration maxWait, Duration pollInterval, boolean checkAlerts,
                         boolean checkHourly, Integer maxUncertain) {
        public Config(String kpiIndex, String alertIndex, Duration maxWait, Duration pollInterval, boolean checkAlerts,
                      boolean checkHourly) {
            this(kpiIndex, alertIndex, maxWait, pollInterval, checkAlerts, checkHourly, null);
        }

        public static Config defaults() {
            return new Config("clickstream-kpis", "clickstream-alerts", Duration.ofSeconds(120), Duration.ofSeconds(2),
                    true, true, null);
        }
    }

    /**
     * The outcome.
     *
     * @param rows            every field compared (and every extra document)
     * @param alerts          the alert check (null when alerts are not checked)
     * @param problems        failures that are not a row: an empty ledger, too many uncertain windows
     * @param foreign         documents near the run that belong to other traffic, named, not judged
     * @param uncertainWindows windows left uncertain; {@code uncertainBound} how many may be
     * @param replayed        every KPI document of the run was written before the run began sending: the
     *                        ledger's events were already in Kafka
     */
    public record Report(List<Row> rows, AlertCheck alerts, int windows, Duration waited, List<String> notes,
                         List<String> problems, List<String> foreign, int uncertainWindows, int uncertainBound,
                         long uncertainEvents, boolean replayed) {
        public boolean passed() {
            return problems.isEmpty() && rows.stream().noneMatch(r -> r.status().fails())
                    && (alerts == null || alerts.passed());
        }

        public long count(Row.Status status) {
            return rows.stream().filter(r -> r.status() == status).count();
        }
    }

    /** Alert documents are looked up this far around the run (alerts carry their episode's window). */
    static final Duration ALERT_MARGIN = Duration.ofMinutes(15);
    /**
     * Documents around the run are read in slices of this length: a 60 s/10 s window has about 115
     * documents (KPI, 20 ranks, funnel steps, 8 breakdown dimensions of up to 11 ranks), so a slice stays
     * far below the 10 000 hits of one search.
     */
    private static final Duration SLICE = Duration.ofMinutes(2);

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
            if (report.passed() || System.nanoTime() + config.pollInterval().toNanos() > deadline
                    || !report.problems().isEmpty() && report.rows().isEmpty()) {
                return report;
            }
            if (System.nanoTime() - lastNote > 10e9) {
                lastNote = System.nanoTime();
                long failing = report.rows().stream().filter(r -> r.status().fails()).count();
                progress.accept(String.format("waiting for analytics: %d of %d fields differ (%s)%s, %ds left", failing,
                        report.rows().size(), failingByKind(report.rows()), report.alerts() == null || report.alerts().passed() ? ""
                                : ", alerts: " + report.alerts().missed().size() + " missed, "
                                + report.alerts().unexpected().size() + " unexpected, "
                                + report.alerts().duplicates().size() + " duplicated",
                        Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L)));
            }
            Thread.sleep(config.pollInterval().toMillis());
        }
    }

    /** Failing fields by document kind ({@code kpi}, {@code top}, {@code funnel}, {@code breakdown}). */
    static String failingByKind(List<Row> rows) {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        for (String kind : List.of("kpi", "top", "funnel", "breakdown")) {
            byKind.put(kind, 0L);
        }
        for (Row r : rows) {
            if (r.status().fails()) {
                String kind = r.document().contains("|") ? r.document().substring(0, r.document().indexOf('|')) : r.document();
                byKind.merge(kind, 1L, Long::sum);
            }
        }
        return String.join(", ", List.of("kpi", "top", "funnel", "breakdown").stream()
                .map(k -> k + " " + byKind.get(k)).toList());
    }

    Report compareOnce(Ledger ledger, List<WindowKpis> windows, Duration waited) throws IOException, InterruptedException {
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        int topN = ledger.run().topN();
        if (ledger.totals().acknowledged() == 0 || windows.isEmpty()) {
            problems.add("the ledger holds no acknowledged event, so there is nothing to verify: an empty ledger never "
                    + "passes (check the load run's errors and that the gateway answered)");
        }
        List<String> ids = new ArrayList<>();
        Set<String> predicted = new HashSet<>();
        for (WindowKpis w : windows) {
            ids.add(w.documentId());
            for (String dimension : KpiComparator.DIMENSIONS) {
                for (int rank = 1; rank <= topN; rank++) {
                    ids.add(w.rankDocumentId(dimension, rank));
                }
            }
            // One past the last step: a document there is extra.
            for (int step = 1; step <= w.funnel().size() + (w.funnel().isEmpty() ? 0 : 1); step++) {
                ids.add(w.funnelDocumentId(step));
            }
            ids.addAll(BreakdownComparator.documentIds(w));
        }
        predicted.addAll(ids);
        Map<String, JsonNode> docs = es.getByIds(config.kpiIndex(), ids);

        List<Row> rows = new ArrayList<>();
        String sliding = ledger.run().granularity();
        Duration size = Duration.ofSeconds(ledger.run().windowSizeSeconds());
        List<Instant> foreignStarts = new ArrayList<>();
        List<Row> extra = extraAndForeign(windows, sliding, size, predicted, foreign, foreignStarts);
        List<String> sharedWindows = new ArrayList<>();
        for (WindowKpis w : windows) {
            if (w.granularity().equals(sliding) && overlapsForeign(w, size, foreignStarts)) {
                // Another run's events lie in this window: exact values cannot be expected of it.
                List<Row> own = new ArrayList<>(KpiComparator.compare(w, docs.get(w.documentId())));
                for (String dimension : KpiComparator.DIMENSIONS) {
                    own.addAll(KpiComparator.compareRanking(w, dimension, docs, topN));
                }
                own.addAll(KpiComparator.compareFunnel(w, ledger.run().funnelName(), docs));
                own.addAll(BreakdownComparator.compare(w, docs));
                if (own.stream().anyMatch(r -> r.status().fails())) {
                    sharedWindows.add(w.documentId());
                    own = own.stream().map(r -> r.status().fails() ? new Row(r.document(), r.granularity(), r.windowStart(),
                            r.metric(), r.expected(), r.actual(), Status.SHARED) : r).toList();
                }
                rows.addAll(own);
                continue;
            }
            if (WindowCalculator.HOURLY_GRANULARITY.equals(w.granularity())) {
                List<JsonNode> others = otherTraffic(w, sliding, predicted);
                if (!others.isEmpty()) {
                    rows.addAll(sharedHour(w, docs.get(w.documentId()), others, sliding, size));
                    notes.add("1h window " + w.windowStart() + " is shared with other traffic (" + others.size() + " "
                            + sliding + " windows this run did not make, e.g. " + others.get(0).path("_id").asText()
                            + "): its counts and revenue are judged as the sum of its " + size.toSeconds()
                            + " s windows; its rates, unique visitors, rankings, sessions, funnel and breakdowns are "
                            + "not judged");
                    continue;
                }
            }
            rows.addAll(KpiComparator.compare(w, docs.get(w.documentId())));
            for (String dimension : KpiComparator.DIMENSIONS) {
                rows.addAll(KpiComparator.compareRanking(w, dimension, docs, topN));
            }
            rows.addAll(KpiComparator.compareFunnel(w, ledger.run().funnelName(), docs));
            rows.addAll(BreakdownComparator.compare(w, docs));
        }
        rows.addAll(extra);
        if (rows.stream().anyMatch(r -> r.document().startsWith("breakdown|") && r.document().contains("|site|")
                && r.metric().equals("key") && r.actual().equals(Dimensions.DEFAULT_SITE) && r.status().fails())) {
            Sites sites = Sites.parse(ledger.run().sites() == null ? Sites.DEFAULT_SPEC : ledger.run().sites());
            notes.add("the job counted this run's events for site '" + Dimensions.DEFAULT_SITE + "': the gateway does not "
                    + "know the write keys the run sent with (" + sites.spec() + "), so it stamped its default site. "
                    + "Start the gateway with " + String.join(" ", sites.gatewayProperties().stream().map(p -> "-D" + p)
                    .toList()) + ", or run load with --sites " + Dimensions.DEFAULT_SITE
                    + "= against a gateway without write keys");
        }
        if (!sharedWindows.isEmpty()) {
            notes.add(sharedWindows.size() + " " + sliding + " windows at the run's edge also hold other traffic (documents "
                    + "just outside the run, listed as skipped, overlap them in time), so their values are not judged: "
                    + String.join(", ", sharedWindows) + ". Leave two minutes between runs (late events reach 60 s back)");
        }

        if (docs.isEmpty() && !windows.isEmpty() && !es.exists(config.kpiIndex())) {
            notes.add("no index or alias '" + config.kpiIndex() + "' in " + es.base() + ": is the analytics job running?");
        }
        int uncertainBound = config.maxUncertain() != null ? config.maxUncertain()
                : (int) windows.stream().filter(w -> w.unacknowledged() != null).count();
        Set<String> uncertain = new HashSet<>();
        rows.stream().filter(r -> r.status() == Status.UNCERTAIN).forEach(r -> uncertain.add(r.granularity() + r.windowStart()));
        long uncertainEvents = windows.stream().filter(w -> uncertain.contains(w.granularity() + w.windowStart()))
                .mapToLong(w -> w.unacknowledged().pageViews() + w.unacknowledged().clicks()
                        + w.unacknowledged().addToCart() + w.unacknowledged().purchases()).sum();
        if (uncertain.size() > uncertainBound) {
            problems.add(uncertain.size() + " windows are uncertain, more than the " + uncertainBound + " allowed ("
                    + (config.maxUncertain() != null ? "--max-uncertain" : "the windows holding unacknowledged events")
                    + ")");
        }
        boolean replayed = replayed(ledger, windows, docs);
        if (replayed) {
            notes.add("every KPI document of this run's windows was last written before the run began sending ("
                    + ledger.run().sendingStarted() + "): the ledger's events were already in Kafka. This run repeats an "
                    + "earlier one (same seed, run id and --start), and the job rightly dropped the repeats; run "
                    + "'load' without --run-id and --start to make new events");
        }
        AlertCheck alerts = null;
        if (config.checkAlerts()) {
            List<AlertCheck.AlertDoc> alertDocs = new ArrayList<>();
            for (JsonNode hit : es.alertsBetween(config.alertIndex(), ledger.run().start().minus(ALERT_MARGIN),
                    ledger.run().end().plus(ALERT_MARGIN))) {
                alertDocs.add(AlertCheck.AlertDoc.of(hit));
            }
            alerts = AlertCheck.check(ledger, alertDocs);
            if (alerts.judged() == 0 && alerts.expected() > 0 && !es.exists(config.alertIndex())) {
                notes.add("no index or alias '" + config.alertIndex() + "': are the alert queries running? "
                        + "(--no-alerts skips this check)");
            }
        }
        return new Report(rows, alerts, windows.size(), waited, notes, problems, foreign, uncertain.size(), uncertainBound,
                uncertainEvents, replayed);
    }

    /** The sliding KPI documents of the hour that this run's ledger does not predict. */
    private List<JsonNode> otherTraffic(WindowKpis hour, String sliding, Set<String> predicted)
            throws IOException, InterruptedException {
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode hit : es.windowDocuments(config.kpiIndex(), sliding, hour.windowStart(), hour.windowEnd(), true, 1000)) {
            if (!predicted.contains(hit.path("_id").asText())) {
                others.add(hit);
            }
        }
        return others;
    }

    /**
     * An hour shared with other traffic: its counts and revenue must be the sums over the sliding
     * windows that tile it ({@code size} apart from the hour's start), whoever sent the events.
     */
    private List<Row> sharedHour(WindowKpis w, JsonNode doc, List<JsonNode> others, String sliding, Duration size)
            throws IOException, InterruptedException {
        String id = w.documentId();
        List<Row> rows = new ArrayList<>();
        if (doc == null) {
            rows.add(KpiComparator.row(w, id, "document", "present", "missing", Status.MISSING));
            return rows;
        }
        if (Duration.ofHours(1).toMillis() % size.toMillis() != 0) {
            rows.add(KpiComparator.row(w, id, "all fields", "not judged", "shared", Status.SHARED));
            return rows;
        }
        String[] counts = {"page_views", "clicks", "add_to_cart", "purchases", "orders"};
        long[] sums = new long[counts.length];
        BigDecimal revenue = BigDecimal.ZERO;
        for (JsonNode hit : es.windowDocuments(config.kpiIndex(), sliding, w.windowStart(), w.windowEnd(), true, 1000)) {
            JsonNode s = hit.path("_source");
            Instant start = Instant.parse(s.path("window_start").asText());
            long offset = Duration.between(w.windowStart(), start).toMillis();
            if (offset % size.toMillis() != 0) {
                continue;
            }
            for (int i = 0; i < counts.length; i++) {
                sums[i] += s.path(counts[i]).asLong();
            }
            revenue = revenue.add(s.path("revenue").decimalValue());
        }
        long[] own = {w.pageViews(), w.clicks(), w.addToCart(), w.purchases(), w.orders()};
        for (int i = 0; i < counts.length; i++) {
            long actual = doc.path(counts[i]).asLong();
            rows.add(KpiComparator.row(w, id, counts[i], "Σ " + sums[i] + " (this run " + own[i] + ")", Long.toString(actual),
                    actual == sums[i] && actual >= own[i] ? Status.OK : Status.MISMATCH));
        }
        BigDecimal actualRevenue = KpiComparator.cents(doc.path("revenue").decimalValue());
        rows.add(KpiComparator.row(w, id, "revenue", "Σ " + KpiComparator.cents(revenue).toPlainString(),
                actualRevenue.toPlainString(), actualRevenue.compareTo(KpiComparator.cents(revenue)) == 0 ? Status.OK : Status.MISMATCH));
        rows.add(KpiComparator.row(w, id, "rates, unique_visitors, rankings, sessions, funnel, breakdowns", "not judged",
                "shared with "
                + others.size() + " windows of other traffic", Status.SHARED));
        return rows;
    }

    /**
     * Documents of the sliding granularity from one window before the run's first window to one window
     * after its last: unpredicted ones inside the run's range are {@link Status#EXTRA}; outside it they
     * are other traffic, listed in {@code foreign}.
     */
    private List<Row> extraAndForeign(List<WindowKpis> windows, String sliding, Duration size, Set<String> predicted,
                                      List<String> foreign, List<Instant> foreignStarts)
            throws IOException, InterruptedException {
        List<WindowKpis> slidingWindows = windows.stream().filter(w -> w.granularity().equals(sliding)).toList();
        List<Row> rows = new ArrayList<>();
        if (slidingWindows.isEmpty()) {
            return rows;
        }
        Instant first = slidingWindows.get(0).windowStart();
        Instant last = slidingWindows.get(slidingWindows.size() - 1).windowStart();
        Map<Instant, WindowKpis> byStart = new HashMap<>();
        slidingWindows.forEach(w -> byStart.put(w.windowStart(), w));
        Instant to = last.plus(size).plusMillis(1);
        for (Instant from = first.minus(size); from.isBefore(to); from = from.plus(SLICE)) {
            Instant sliceEnd = from.plus(SLICE).isBefore(to) ? from.plus(SLICE) : to;
            for (JsonNode hit : es.windowDocuments(config.kpiIndex(), sliding, from, sliceEnd, false, 10_000)) {
                String id = hit.path("_id").asText();
                if (predicted.contains(id)) {
                    continue;
                }
                JsonNode s = hit.path("_source");
                Instant start = Instant.parse(s.path("window_start").asText());
                String what = describe(s);
                if (!start.isBefore(first) && !start.isAfter(last)) {
                    WindowKpis near = byStart.get(start);
                    String granularity = near != null ? near.granularity() : sliding;
                    rows.add(new Row(id, granularity, start, "document", "absent (the ledger predicts no such document)",
                            what, Status.EXTRA));
                } else {
                    foreign.add(id + " (" + what + ")");
                    foreignStarts.add(start);
                }
            }
        }
        return rows;
    }

    /** A short description of a document for the table: what it counts. */
    static String describe(JsonNode source) {
        if (source.has("step")) {
            return "funnel step " + source.path("step").asText() + " " + source.path("step_name").asText() + ", "
                    + source.path("sessions").asText() + " sessions";
        }
        if (source.has("dimension") && source.has("count")) {
            return source.path("key").asText() + " ×" + source.path("count").asText();
        }
        if (source.has("dimension")) {
            return source.path("dimension").asText() + " " + source.path("key").asText() + ", "
                    + source.path("page_views").asText() + " page views";
        }
        return source.path("page_views").asText() + " page views, " + source.path("clicks").asText() + " clicks";
    }

    /** Whether the window [start, start + size) meets a foreign document's window. */
    private static boolean overlapsForeign(WindowKpis w, Duration size, List<Instant> foreignStarts) {
        for (Instant f : foreignStarts) {
            if (f.isBefore(w.windowStart().plus(size)) && f.plus(size).isAfter(w.windowStart())) {
                return true;
            }
        }
        return false;
    }

    /** Whether every KPI document found for the run's windows predates the run's sending. */
    private static boolean replayed(Ledger ledger, List<WindowKpis> windows, Map<String, JsonNode> docs) {
        Instant sending = ledger.run().sendingStarted();
        if (sending == null) {
            return false;
        }
        int found = 0;
        for (WindowKpis w : windows) {
            JsonNode doc = docs.get(w.documentId());
            if (doc == null || !doc.hasNonNull("updated_at")) {
                continue;
            }
            found++;
            if (!Instant.parse(doc.get("updated_at").asText()).isBefore(sending)) {
                return false;
            }
        }
        return found > 0;
    }
}
