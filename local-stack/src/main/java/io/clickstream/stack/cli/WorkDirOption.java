package io.clickstream.stack.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --work-dir}, shared by every subcommand. */
final class WorkDirOption {
    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Data, logs and PID files (default: $CLICKSTREAM_WORK_DIR or .stack).")
    Path workDir;

    Path resolve() {
        return workDir == null ? StackCli.defaultWorkDir() : workDir.toAbsolutePath().normalize();
    }
}
