package io.clickstream.load.cli;

import io.clickstream.cli.DurationConverter;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.LedgerFiles;
import io.clickstream.load.verify.EsClient;
import io.clickstream.load.verify.TablePrinter;
import io.clickstream.load.verify.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false, showDefaultValues = true,
        description = {
                "Compares a load run's ledger with the KPI (with its session fields), ranking, funnel, breakdown "
                        + "and alert documents in Elasticsearch: every field of every document of the run's windows, "
                        + "documents the ledger does not predict, and alert recall and precision for every rule; prints "
                        + "the fields that differ, naming each document. Reads ledgers of format " + Ledger.FORMAT
                        + " only.",
                "Counts, revenue and avg_order_value (in cents) and rankings must be equal; rates within 1e-9; unique "
                        + "visitors within max(3 × 0.05 × expected, 2) (HyperLogLog, rsd 0.05); open_sessions at most "
                        + "sessions. Windows with "
                        + "unacknowledged events are UNCERTAIN, not failed, when the actual value lies between "
                        + "acknowledged and acknowledged + unacknowledged (see --max-uncertain).",
                "Only the run's own data is judged: alerts of its users (their keys carry its run id) and site "
                        + "alerts inside its judged range; foreign documents and alerts nearby are listed as skipped.",
                "Exit: 0 pass, 1 mismatch, 2 usage or connection error."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ledger", required = true, description = "Ledger file written by 'load'.")
    Path ledger;

    @Option(names = "--es", description = "Elasticsearch URL. Env ES_URL.", defaultValue = "${env:ES_URL:-http://127.0.0.1:9200}")
    String es;

    @Option(names = "--wait", description = "Keep polling this long for a match (analytics may still be catching up).",
            defaultValue = "120s", converter = DurationConverter.class)
    Duration maxWait;

    @Option(names = "--poll-interval", description = "Pause between polls.", defaultValue = "2s",
            converter = DurationConverter.class)
    Duration pollInterval;

    @Option(names = "--all", description = "Print every row, not only the ones that are not OK.")
    boolean all;

    @Option(names = "--kpi-index", description = "KPI index or alias.", defaultValue = "clickstream-kpis")
    String kpiIndex;

    @Option(names = "--alert-index", description = "Alert index or alias.", defaultValue = "clickstream-alerts")
    String alertIndex;

    @Option(names = "--no-alerts", description = "Skip the alert recall/precision check.")
    boolean noAlerts;

    @Option(names = "--max-uncertain", description = "Most windows that may stay UNCERTAIN. Default: the windows "
            + "holding unacknowledged events (0 when every event was acknowledged).")
    Integer maxUncertain;

    @Option(names = "--skip-hourly", description = "Skip the hourly roll-up (e.g. when other load ran in the same hour).")
    boolean skipHourly;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isReadable(ledger)) {
            err.println("error: cannot read ledger " + ledger + " (write one with ./clickstream load --ledger FILE)");
            return 2;
        }
        Ledger l;
        try {
            l = LedgerFiles.read(ledger);
        } catch (IOException e) {
            err.println("error: " + ledger + " is not a ledger: " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        Verifier verifier = new Verifier(new EsClient(URI.create(es)), new Verifier.Config(kpiIndex, alertIndex, maxWait,
                pollInterval, !noAlerts, !skipHourly, maxUncertain), line -> {
                    out.println(line);
                    out.flush();
                });
        out.printf("verify: %s (run id %s, seed %d, %s … %s, %d windows, %d bots, %d site anomalies) against %s%n", ledger,
                l.run().runId(), l.run().seed(), l.run().start(), l.run().end(), l.windows().size(), l.anomalies().size(),
                l.siteAnomalies().size(), es);
        out.flush();
        Verifier.Report report;
        try {
            report = verifier.verify(l);
        } catch (EsClient.EsUnavailableException e) {
            err.println("error: " + e.getMessage());
            err.println("check that Elasticsearch runs (./clickstream status) and that --es / ES_URL point to it");
            err.flush();
            return 2;
        }
        TablePrinter.print(report, all, out);
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
