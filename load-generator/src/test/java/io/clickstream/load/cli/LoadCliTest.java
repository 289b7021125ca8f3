package io.clickstream.load.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.load.ledger.LedgerFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadCliTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LoadCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void loadHelpDocumentsEveryOptionWithADefault() {
        Run help = run("load", "--help");
        assertThat(help.exit()).isZero();
        CommandLine load = LoadCli.commandLine().getSubcommands().get("load");
        for (CommandLine.Model.OptionSpec option : load.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertThat(option.description()).as(option.longestName()).isNotEmpty();
            assertThat(help.out()).contains(option.longestName());
            boolean flag = option.typeInfo().isBoolean();
            boolean documentedDefault = option.defaultValue() != null || String.join(" ", option.description()).contains("Default:");
            assertThat(flag || documentedDefault).as("default of " + option.longestName()).isTrue();
        }
        assertThat(help.out()).contains("Default: http://127.0.0.1:8080", "GATEWAY_URL", "KAFKA_BOOTSTRAP");
    }

    @Test
    void verifyHelpNamesTheTolerancesAndExitCodes() {
        Run help = run("verify", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--ledger", "--es", "ES_URL", "--wait", "Default: 120s", "max(3 × 0.05 × expected, 2)",
                "Exit: 0 pass, 1 mismatch, 2 usage or connection error");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("load", "--transport", "carrier-pigeon").exit()).isEqualTo(2);
        assertThat(run("load", "--duration", "soon").exit()).isEqualTo(2);
        Run sites = run("load", "--sites", "Shop=wk_shop");
        assertThat(sites.exit()).isEqualTo(2);
        assertThat(sites.err()).contains("site 'Shop'", "site=writekey");
        Run funnel = run("load", "--funnel", "page_view,checkout");
        assertThat(funnel.exit()).isEqualTo(2);
        assertThat(funnel.err()).contains("unknown event type 'checkout'");
        assertThat(run("verify").exit()).isEqualTo(2);
        Run missing = run("verify", "--ledger", "does/not/exist.json");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read ledger");
    }

    @Test
    void verifyWithoutElasticsearchSaysWhatToCheck(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger.json");
        LedgerFiles.write(io.clickstream.load.ledger.LedgerCalculatorTestAccess.smallLedger(), ledger);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = run("verify", "--ledger", ledger.toString(), "--es", "http://127.0.0.1:" + port, "--wait", "1s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot reach Elasticsearch", "ES_URL");
    }

}
