package io.clickstream.analytics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The job in a child JVM, started the way {@code ./clickstream analytics} starts it: the Spark JVM
 * flags, {@code target/classes} plus {@code target/classpath.txt}, {@code SPARK_LOCAL_IP=127.0.0.1}.
 * Output goes to {@code target/it-logs/<name>.out}.
 */
public final class JobProcess implements AutoCloseable {

    private final Process process;

    private JobProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code mainClass} with {@code classpath} and {@code args}. */
    public static JobProcess start(String name, String classpath, String mainClass, List<String> extraJvm, String... args) {
        return start(name, classpath, mainClass, extraJvm, java.util.Map.of(), args);
    }

    /** As above, with extra environment variables. */
    public static JobProcess start(String name, String classpath, String mainClass, List<String> extraJvm,
                                   java.util.Map<String, String> env, String... args) {
        try {
            Path logs = Path.of("target", "it-logs").toAbsolutePath();
            Files.createDirectories(logs);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.options", "").trim().split("\\s+")));
            cmd.add("-Xmx1g");
            cmd.add("-Dclickstream.log.dir=" + logs.resolve(name));
            cmd.addAll(extraJvm);
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(mainClass);
            cmd.addAll(Arrays.asList(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".out").toFile()));
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            pb.environment().putAll(env);
            return new JobProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's own classpath: compiled classes and the dependencies Maven listed at package time. */
    public static String jobClasspath() {
        try {
            return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
                    + Files.readString(Path.of("target", "classpath.txt")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("target/classpath.txt is written at package time; run mvn verify", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself and returns its status; fails after {@code atMost}. */
    public int waitFor(java.time.Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " still running after " + atMost);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever the job is doing. */
    public int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM, then SIGKILL if it does not stop within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill9();
        }
    }
}
