package io.clickstream.stack.cli;

import io.clickstream.stack.process.Artifacts;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/**
 * {@code ./clickstream up|down|status}: the embedded Kafka + Elasticsearch for people. Errors are one
 * clear line on stderr and a non-zero exit code, never a stack trace.
 */
@Command(name = "clickstream",
        description = "Runs the embedded Kafka (KRaft) and Elasticsearch on loopback, no Docker.",
        mixinStandardHelpOptions = true,
        versionProvider = StackCli.Versions.class,
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class})
public final class StackCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code CLICKSTREAM_WORK_DIR} (the launcher sets it to the repository's {@code .stack}), else {@code .stack}. */
    static Path defaultWorkDir() {
        String env = System.getenv("CLICKSTREAM_WORK_DIR");
        return Path.of(env == null || env.isBlank() ? ".stack" : env).toAbsolutePath().normalize();
    }

    /** The Kafka and Elasticsearch versions this build runs, read from the artifacts it was built with. */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Clickstream local stack: " + Artifacts.describe()};
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new StackCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            System.err.println("error: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
