package io.clickstream.demo.pipeline;

import io.clickstream.stack.process.LogTail;
import io.clickstream.stack.process.ProcessTerminator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running part of the pipeline (gateway, analytics, load generator) as a child process whose
 * output is appended to {@code <logDir>/<name>.log}. Stoppable gracefully or with SIGKILL (the crash
 * tests), restartable with the same command line.
 */
public final class Component {
    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    public Component(String name, List<String> command, Map<String, String> environment, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logDir.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts (or restarts) the process; its output is appended to the log file. */
    public synchronized Component start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (PID " + process.pid() + ")");
        }
        // setsid: a terminal's Ctrl-C goes to the demo alone, which then stops the parts in order.
        // Started from Java the child is never a group leader, so setsid execs in place (same PID).
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add("setsid");
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage() + " (" + String.join(" ", command) + ")", e);
        }
        return this;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** The exit code once the process ended, for processes that end by themselves. */
    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Waits for the process to end on its own; its exit code, or empty when it still runs after {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(p.exitValue()) : Optional.empty();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; the whole process tree is gone afterwards. */
    public synchronized void stop(Duration grace) {
        if (isAlive() && !ProcessTerminator.terminate(process.toHandle(), grace)) {
            throw new IllegalStateException(name + " (PID " + process.pid() + ") survived SIGKILL");
        }
    }

    /** SIGKILL right away, like a crash: no shutdown hook, no flush, no graceful close. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The line of its log most likely to explain a failure, for error messages. */
    public String lastError() {
        return LogTail.lastError(logFile).orElse("(no error line found)");
    }
}
