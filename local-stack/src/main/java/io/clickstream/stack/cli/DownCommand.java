package io.clickstream.stack.cli;

import io.clickstream.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true, versionProvider = StackCli.Versions.class,
        description = "Stops every process of the stack (SIGTERM, SIGKILL after 20 s) and checks they are gone.")
final class DownCommand implements Callable<Integer> {
    @Mixin
    WorkDirOption workDir;

    @Option(names = "--purge", description = "Also delete the data (Kafka logs, Elasticsearch indices).")
    boolean purge;

    @Override
    public Integer call() {
        Path dir = workDir.resolve();
        List<Long> pids = LocalStack.runningPids(dir);
        if (pids.isEmpty()) {
            System.out.println("stack: nothing running from " + dir);
        } else {
            System.out.println("stack: stopping " + pids.size() + " process(es) " + pids);
            LocalStack.stop(dir);
            List<Long> left = LocalStack.runningPids(dir);
            if (!left.isEmpty()) {
                System.err.println("error: still running: " + left);
                return 1;
            }
            System.out.println("stack: stopped");
        }
        if (purge) {
            LocalStack.purge(dir).ifPresent(deleted -> System.out.println("stack: deleted " + deleted));
        }
        return 0;
    }
}
