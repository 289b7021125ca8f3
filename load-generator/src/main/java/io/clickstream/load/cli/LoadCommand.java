package io.clickstream.load.cli;

import static io.clickstream.load.dsl.InjectionProfile.atOnceUsers;
import static io.clickstream.load.dsl.InjectionProfile.constantUsersPerSec;
import static io.clickstream.load.dsl.InjectionProfile.rampUsersPerSec;

import io.clickstream.cli.DurationConverter;
import io.clickstream.load.anomaly.AnomalyConfig;
import io.clickstream.load.anomaly.SiteAnomaly;
import io.clickstream.load.dsl.InjectionProfile;
import io.clickstream.load.dsl.InjectionStep;
import io.clickstream.load.dsl.Scenario;
import io.clickstream.load.schedule.Simulation;
import io.clickstream.load.schedule.Sites;
import io.clickstream.load.ledger.AnalyticsSettings;
import io.clickstream.load.ledger.FunnelDefinition;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.LedgerFiles;
import io.clickstream.load.ledger.WindowCalculator;
import io.clickstream.load.report.HtmlReport;
import io.clickstream.load.run.RunMetrics;
import io.clickstream.load.schedule.EventSchedule;
import io.clickstream.load.run.LoadRunner;
import io.clickstream.load.scenario.ShopScenario;
import io.clickstream.load.transport.HttpTransport;
import io.clickstream.load.transport.HttpTransportConfig;
import io.clickstream.load.transport.KafkaTransport;
import io.clickstream.load.transport.Transport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false, showDefaultValues = true,
        description = {
                "Runs the shop scenario as an open-model load test against the gateway (or Kafka), "
                        + "injects bots and dirt, prints a progress line every few seconds, and writes the "
                        + "ground-truth ledger and an HTML report.",
                "A fixed --seed, --run-id and --start give byte-identical event streams; another run id gives "
                        + "other events from the same seed.",
                "Exit: 0 done, 1 nothing was acknowledged, 2 usage error."})
final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--transport", description = "Where events go: http (the gateway) or kafka (straight to the topics).",
            defaultValue = "http")
    String transport;

    @Option(names = "--gateway-url", description = "Gateway base URL; events are POSTed to <url>/v1/events. Env GATEWAY_URL.",
            defaultValue = "${env:GATEWAY_URL:-http://127.0.0.1:8080}")
    String gatewayUrl;

    @Option(names = "--kafka", description = "Kafka bootstrap servers for --transport kafka. Env KAFKA_BOOTSTRAP.",
            defaultValue = "${env:KAFKA_BOOTSTRAP:-127.0.0.1:9092}")
    String kafka;

    @Option(names = "--rate", description = "Target events per second in steady state (converted to users/s with the "
            + "scenario's mean events per user).", defaultValue = "1000")
    double rate;

    @Option(names = "--users-per-sec", description = "Arriving users per second instead of --rate (0 = use --rate).",
            defaultValue = "0")
    double usersPerSec;

    @Option(names = "--at-once-users", description = "Users that arrive all at once at the start, on top of the rate.",
            defaultValue = "0")
    long atOnceUsers;

    @Option(names = "--ramp-up", description = "Ramp the arrival rate linearly from 0 over this time first (part of --duration).",
            defaultValue = "0s", converter = DurationConverter.class)
    Duration rampUp;

    @Option(names = "--duration", description = "Run length; journeys still going at the end are cut off.",
            defaultValue = "60s", converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--seed", description = "Run seed: all randomness (journeys, event ids, dirt, bots) derives from it.",
            defaultValue = "42")
    long seed;

    @Option(names = "--run-id", description = "Run identity (1-16 lower-case letters or digits), part of every user key "
            + "and mixed into every event and order id, so two runs with one seed are distinct events. Default: 8 random "
            + "hex digits. Reuse a ledger's run_id with its seed and --start to reproduce that run byte for byte.")
    String runId;

    @Option(names = "--anomaly", split = ",", description = "Site-level anomalies to inject, in order (a traffic stall last): revenue-drop, "
            + "conversion-drop, traffic-stall, cart-without-purchase (repeat or comma-separate). The first starts 600 s "
            + "into the run (the site baselines need that long), each is followed by 300 s of normal traffic; the "
            + "expected alerts go into the ledger. Default: none.")
    List<String> siteAnomalies = new ArrayList<>();

    @Option(names = "--anomaly-duration", description = "How long each site-level anomaly lasts (at least 70s; a "
            + "traffic stall at least 90s).", defaultValue = "90s", converter = DurationConverter.class)
    Duration anomalyDuration;

    @Option(names = "--top-n", description = "Entries per top pages / products ranking, as analytics is configured.",
            defaultValue = "10")
    int topN;

    @Option(names = "--session-gap", description = "Inactivity that splits a session, as analytics' --session-gap.",
            defaultValue = "30m", converter = DurationConverter.class)
    Duration sessionGap;

    @Option(names = "--funnel", description = "Funnel steps, as analytics' --funnel: event types, each with an optional "
            + "filter type[field=glob] (field: page.path, page.url, element, product.id, product.category).",
            defaultValue = FunnelDefinition.DEFAULT_SPEC)
    String funnel;

    @Option(names = "--funnel-name", description = "The funnel's name, as analytics' --funnel-name.",
            defaultValue = FunnelDefinition.DEFAULT_NAME)
    String funnelName;

    @Option(names = "--breakdown-top", description = "Values kept per breakdown window and dimension (the rest sum "
            + "as 'other'), as analytics' --breakdown-top.", defaultValue = "10")
    int breakdownTop;

    @Option(names = "--sites", description = "The sites users visit, each with the gateway write key that names it "
            + "(site=key,…; the gateway needs clickstream.sites.<key>=<site> for each). Users are spread over the "
            + "sites by rank (shares 1, 1/2, 1/3 …). site= sends without a key (a gateway without write keys stamps "
            + "its default site: use --sites default=).", defaultValue = Sites.DEFAULT_SPEC)
    String sites;

    @Option(names = "--start", description = "Event time of run offset 0 (ISO-8601). Default: now. Set it to reproduce "
            + "a run byte for byte.")
    Instant start;

    @Option(names = "--batch-size", description = "Events per HTTP request (1 = single JSON objects, more = JSON arrays).",
            defaultValue = "100")
    int batchSize;

    @Option(names = "--linger", description = "How long a batch waits to fill up (adds to measured latency).",
            defaultValue = "20ms", converter = DurationConverter.class)
    Duration linger;

    @Option(names = "--max-in-flight", description = "Concurrent HTTP requests, hence connections.", defaultValue = "32")
    int maxInFlight;

    @Option(names = "--request-timeout", description = "Timeout of one HTTP request.", defaultValue = "10s",
            converter = DurationConverter.class)
    Duration requestTimeout;

    @Option(names = "--max-retry-time", description = "Retry budget per event after 503/429/connection errors "
            + "(honouring Retry-After); then it is recorded as unacknowledged.", defaultValue = "2m",
            converter = DurationConverter.class)
    Duration maxRetryTime;

    @Option(names = "--click-bots-per-min", description = "Click bots per minute (40 clicks in 5 s each → click_burst).",
            defaultValue = "2")
    double clickBotsPerMin;

    @Option(names = "--flood-bots-per-min", description = "Page-view flood bots per minute (100 page views in 30 s each "
            + "→ page_view_flood).", defaultValue = "1")
    double floodBotsPerMin;

    @Option(names = "--duplicate-rate", description = "Share of shop events resent with the same event_id.",
            defaultValue = "0.01")
    double duplicateRate;

    @Option(names = "--late-rate", description = "Share of shop events with ts 20 s … --max-lateness in the past.",
            defaultValue = "0.01")
    double lateRate;

    @Option(names = "--out-of-order-rate", description = "Share of shop events with ts 1–8 s in the past.",
            defaultValue = "0.02")
    double outOfOrderRate;

    @Option(names = "--malformed-rate", description = "Malformed events added per shop event (must be rejected).",
            defaultValue = "0.005")
    double malformedRate;

    @Option(names = "--max-lateness", description = "Latest late event; keep it ≤ half the analytics watermark (2 min).",
            defaultValue = "60s", converter = DurationConverter.class)
    Duration maxLateness;

    @Option(names = "--clean", description = "No bots and no dirt (overrides the anomaly options).")
    boolean clean;

    @Option(names = "--window-size", description = "KPI sliding window size (as configured in analytics).",
            defaultValue = "60s", converter = DurationConverter.class)
    Duration windowSize;

    @Option(names = "--window-slide", description = "KPI sliding window slide.", defaultValue = "10s",
            converter = DurationConverter.class)
    Duration windowSlide;

    @Option(names = "--ledger", description = "Ledger file to write. Default: load-results/<start>/ledger.json.")
    Path ledger;

    @Option(names = "--acknowledged-ids", description = "Also write the event_id of every acknowledged event, one per "
            + "line, to this file (lets a test prove each of them is in Kafka). Default: not written.")
    Path acknowledgedIds;

    @Option(names = "--report", description = "HTML report to write. Default: report.html next to the ledger.")
    Path report;

    @Option(names = "--progress-interval", description = "Console progress period (0 = silent).", defaultValue = "5s",
            converter = DurationConverter.class)
    Duration progressInterval;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!transport.equals("http") && !transport.equals("kafka")) {
            throw new ParameterException(spec.commandLine(), "--transport must be http or kafka, found " + transport);
        }
        if (rampUp.compareTo(duration) > 0) {
            throw new ParameterException(spec.commandLine(), "--ramp-up must not be longer than --duration");
        }
        Scenario scenario = ShopScenario.scenario();
        AnomalyConfig anomalies = clean ? AnomalyConfig.none() : new AnomalyConfig(clickBotsPerMin, floodBotsPerMin,
                duplicateRate, lateRate, outOfOrderRate, malformedRate, maxLateness);
        double meanEvents = scenario.meanEventsPerUser(2000);
        double users = usersPerSec > 0 ? usersPerSec : rate / meanEvents;
        List<InjectionStep> steps = new ArrayList<>();
        if (atOnceUsers > 0) {
            steps.add(atOnceUsers(atOnceUsers));
        }
        if (!rampUp.isZero()) {
            steps.add(rampUsersPerSec(0, users).during(rampUp));
        }
        if (duration.compareTo(rampUp) > 0) {
            steps.add(constantUsersPerSec(users).during(duration.minus(rampUp)));
        }
        List<SiteAnomaly> site;
        try {
            site = SiteAnomaly.sequence(siteAnomalies.stream().map(SiteAnomaly.Kind::parse).toList(), anomalyDuration);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Duration needed = SiteAnomaly.requiredRunLength(site);
        if (duration.compareTo(needed) < 0) {
            throw new ParameterException(spec.commandLine(), "--anomaly " + String.join(",", siteAnomalies) + " needs --duration "
                    + needed.toSeconds() + "s or more (600 s of baseline first, 300 s of recovery after each)");
        }
        AnalyticsSettings analytics;
        Sites siteKeys;
        try {
            analytics = new AnalyticsSettings(topN, sessionGap, funnel, funnelName, breakdownTop);
            siteKeys = Sites.parse(sites);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String id = runId != null ? runId : Simulation.newRunId();
        Simulation simulation;
        try {
            simulation = new Simulation(scenario, InjectionProfile.of(steps), seed, id, anomalies, site, duration, siteKeys);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--run-id: " + e.getMessage());
        }
        WindowCalculator windows = new WindowCalculator(windowSize, windowSlide);
        Instant runStart = start != null ? start : Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path ledgerFile = ledger != null ? ledger : Path.of("load-results",
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(runStart), "ledger.json");
        Path reportFile = report != null ? report : ledgerFile.toAbsolutePath().resolveSibling("report.html");

        RunMetrics metrics = new RunMetrics();
        Transport.RetryListener retries = (cause, n) -> metrics.error("retry: " + cause, n);
        EventSchedule schedule = new EventSchedule(simulation, runStart);
        out.printf(Locale.ROOT, "load: run id %s, scenario %s (%.2f events/user), %.2f users/s for %ss, seed %d, %d bots, "
                        + "start %s%n", id, scenario.name(), meanEvents, users, duration.toSeconds(), seed,
                schedule.anomalies().size(), runStart);
        Sites used = simulation.effectiveSites();
        out.printf(Locale.ROOT, "load: sites %s (the gateway needs %s)%s%n", used.spec(),
                used.gatewayProperties().isEmpty() ? "no write keys"
                        : String.join(" ", used.gatewayProperties().stream().map(p -> "-D" + p).toList()),
                used.sites().size() < siteKeys.sites().size() ? "; with --anomaly all users visit the first site" : "");
        for (EventSchedule.SiteWindow w : schedule.siteAnomalies()) {
            out.printf(Locale.ROOT, "load: %s from %s to %s (expect %s)%n", w.kind().cliName(),
                    runStart.plusNanos(w.fromNanos()), runStart.plusNanos(w.toNanos()),
                    String.join(", ", w.kind().expectedRules()));
        }
        try (Transport t = transport.equals("http")
                ? new HttpTransport(new HttpTransportConfig(URI.create(gatewayUrl), maxInFlight, requestTimeout, maxRetryTime,
                        siteKeys.writeKeys()), retries)
                : new KafkaTransport(kafka, maxRetryTime)) {
            out.println("load: sending to " + t.describe() + "; ledger " + ledgerFile);
            out.flush();
            LoadRunner runner = new LoadRunner(new LoadRunner.Config(batchSize, linger, progressInterval, line -> {
                out.println(line);
                out.flush();
            }), metrics);
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                runner.requestStop();
                try {
                    finished.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                LoadRunner.Result result = runner.run(schedule, t, windows, seed, scenario.name(), analytics);
                LedgerFiles.write(result.ledger(), ledgerFile);
                if (acknowledgedIds != null) {
                    LedgerFiles.writeAcknowledgedIds(result.deliveries(), acknowledgedIds);
                }
                HtmlReport.write(result, reportFile);
                summary(out, result, ledgerFile, reportFile);
                return result.ledger().totals().acknowledged() == 0 ? 1 : 0;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting because of Ctrl-C: the hook is running, nothing to remove
                }
            }
        }
    }

    private static void summary(PrintWriter out, LoadRunner.Result r, Path ledgerFile, Path reportFile) {
        Ledger.Totals t = r.ledger().totals();
        var h = r.metrics().totalLatency();
        double seconds = Math.max(1e-3, (r.end().toEpochMilli() - r.start().toEpochMilli()) / 1000.0);
        out.printf(Locale.ROOT, "done%s: %,d events sent in %.1f s (%,.0f/s); %,d acknowledged, %,d unacknowledged, "
                        + "%,d valid rejected, %,d malformed (%,d accepted)%n",
                r.interrupted() ? " (interrupted)" : "", t.sent(), seconds, t.sent() / seconds, t.acknowledged(),
                t.unacknowledged(), t.rejected(), t.malformed(), t.malformedAccepted());
        out.printf(Locale.ROOT, "latency from intended send time: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
        if (!r.metrics().errorsByCause().isEmpty()) {
            out.println("errors by cause: " + r.metrics().errorsByCause());
        }
        out.println("ledger: " + ledgerFile.toAbsolutePath());
        out.println("report: " + reportFile.toAbsolutePath());
        out.println("check it: ./clickstream verify --ledger " + ledgerFile);
        out.flush();
    }
}
