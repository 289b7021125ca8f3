package io.clickstream.stack.kafka;

import io.clickstream.stack.process.Artifacts;
import io.clickstream.stack.process.ProcessTerminator;
import io.clickstream.stack.process.StackException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parent side of {@link AdminTool}: runs it in a short-lived child JVM on the Kafka classpath (about a
 * second of JVM start) and parses its output.
 */
public final class KafkaAdmin {
    private final Path workDir;

    public KafkaAdmin(Path workDir) {
        this.workDir = workDir;
    }

    /** What {@code describe} reports. */
    public record Description(int brokers, List<Topic> topics) {
    }

    /** One topic: partitions, replication factor and {@code min.insync.replicas} ("?" if unknown). */
    public record Topic(String name, int partitions, int replicationFactor, String minInsyncReplicas) {
    }

    /**
     * Waits until {@code brokers} brokers are registered, creates (or grows) the topics and waits until
     * every partition has a leader and {@code minIsr} in-sync replicas.
     *
     * @param logsToRead named in the error when Kafka does not become ready
     * @param abort checked while waiting: a non-empty value (e.g. "kafka-1 exited, see …") stops the wait
     */
    public void ensure(String bootstrap, int brokers, int partitions, int rf, int minIsr, List<String> topics,
                       Duration timeout, Supplier<Optional<String>> abort, String logsToRead) {
        List<String> args = new ArrayList<>(List.of("ensure", bootstrap, String.valueOf(brokers),
                String.valueOf(partitions), String.valueOf(rf), String.valueOf(minIsr),
                String.valueOf(timeout.toMillis())));
        args.addAll(topics);
        Result result = run(args, timeout.plusSeconds(15), abort);
        if (result.exitCode != 0) {
            throw new StackException("Kafka at " + bootstrap + " is not ready: " + result.stderr.strip()
                    + "; read " + logsToRead);
        }
    }

    public Description describe(String bootstrap, Duration timeout) {
        Result result = run(List.of("describe", bootstrap, String.valueOf(timeout.toMillis())),
                timeout.plusSeconds(15), Optional::empty);
        if (result.exitCode != 0) {
            throw new StackException("cannot describe Kafka at " + bootstrap + ": " + result.stderr.strip());
        }
        int brokers = 0;
        List<Topic> topics = new ArrayList<>();
        for (String line : result.stdout.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("brokers")) {
                brokers = Integer.parseInt(f[1]);
            } else if (f[0].equals("topic")) {
                topics.add(new Topic(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]));
            }
        }
        return new Description(brokers, topics);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(List<String> args, Duration timeout, Supplier<Optional<String>> abort) {
        Path logs = workDir.resolve("logs");
        Path tmp = workDir.resolve("tmp");
        Path out = null;
        Path err = null;
        try {
            Files.createDirectories(logs);
            Files.createDirectories(tmp);
            Path log4j = tmp.resolve("admin-log4j2.properties");
            Files.writeString(log4j, Log4jConfig.toFile(logs.resolve("kafka-admin.log"), "ERROR"));
            out = Files.createTempFile(tmp, "admin", ".out");
            err = Files.createTempFile(tmp, "admin", ".err");
            List<String> cmd = new ArrayList<>(List.of(Artifacts.javaExecutable(), "-Xmx128m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j,
                    "-cp", Artifacts.kafkaClasspath(), AdminTool.class.getName()));
            cmd.addAll(args);
            Process process = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (process.isAlive()) {
                    Optional<String> reason = abort.get();
                    if (reason.isPresent()) {
                        throw new StackException(reason.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new StackException("Kafka admin tool did not answer within " + timeout.toSeconds() + " s");
                    }
                    Thread.sleep(100);
                }
            } finally {
                if (process.isAlive()) {
                    ProcessTerminator.terminate(process.toHandle(), Duration.ofSeconds(2));
                }
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Kafka", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temp file under the work dir is harmless
            }
        }
    }
}
