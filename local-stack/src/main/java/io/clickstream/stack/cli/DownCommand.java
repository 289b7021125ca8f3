package io.clickstream.stack.cli;

import io.clickstream.stack.LocalStack;
import io.clickstream.stack.StackState;
import io.clickstream.stack.elasticsearch.ElasticsearchNode;
import io.clickstream.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops every process of the stack (SIGTERM, SIGKILL after 20 s) and checks they are gone.")
final class DownCommand implements Callable<Integer> {
    @Mixin
    WorkDirOption workDir;

    @Option(names = "--purge", description = "Also delete the data (Kafka logs, Elasticsearch indices).")
    boolean purge;

    @Override
    public Integer call() throws IOException {
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
            purge(dir);
        }
        return 0;
    }

    private static void purge(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        // Only ever delete a directory that is recognisably a stack work dir.
        if (!Files.exists(StackState.file(dir)) && !Files.isDirectory(dir.resolve("kafka"))
                && !Files.isDirectory(dir.resolve("pids"))) {
            System.err.println("error: " + dir + " does not look like a stack work dir; not deleting it");
            return;
        }
        Path esHome = StackState.load(dir).map(StackState::elasticsearchHome)
                .orElseGet(() -> ElasticsearchNode.runDir(dir, StackConfig.defaultCacheDir()));
        if (!esHome.startsWith(dir)) {
            deleteTree(esHome.getParent());
        }
        deleteTree(dir);
        System.out.println("stack: deleted " + dir + (esHome.startsWith(dir) ? "" : " and " + esHome.getParent()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
