package io.clickstream.load.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./clickstream load} and {@code ./clickstream verify}.
 * Exit codes: 0 success; 1 verify mismatch, or a load run with nothing acknowledged; 2 usage or
 * connection problems.
 */
@Command(name = "clickstream", mixinStandardHelpOptions = true, version = "clickstream load-generator 0.1.0",
        description = "Load generator with a ground-truth ledger, and the verifier that checks Elasticsearch against it.",
        subcommands = {LoadCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class LoadCli {

    public static void main(String[] args) {
        // Kafka's client logs through SLF4J: warnings only (simplelogger.properties).
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LoadCli());
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 2;
        });
        return cl;
    }
}
