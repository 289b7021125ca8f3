package io.clickstream.stack.cli;

import io.clickstream.stack.status.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = StackCli.Versions.class,
        description = "Shows each process (port, PID, health), the topics with partition counts and the "
                + "Elasticsearch indices. Exit code 0 when everything is healthy, 1 otherwise.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    WorkDirOption workDir;

    @Override
    public Integer call() {
        StackStatus status = StackStatus.inspect(workDir.resolve());
        System.out.print(status.render());
        return status.healthy() ? 0 : 1;
    }
}
