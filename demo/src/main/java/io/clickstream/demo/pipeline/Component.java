package io.clickstream.demo.pipeline;

import io.clickstream.stack.process.LogTail;
import io.clickstream.stack.process.ManagedProcess;
import io.clickstream.stack.process.ProcessTerminator;
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
    private final ManagedProcess spec;
    private Process process;

    public Component(String name, List<String> command, Map<String, String> environment, Path logDir) {
        // Detached (setsid): a terminal's Ctrl-C goes to the demo alone, which then stops the parts in order.
        this.spec = new ManagedProcess(name, command, environment, logDir.resolve(name + ".log"),
                logDir.resolve(name + ".pid"), true);
    }

    public String name() {
        return spec.name();
    }

    public Path logFile() {
        return spec.outputFile();
    }

    /** Starts (or restarts) the process; its output is appended to the log file. */
    public synchronized Component start() {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is already running (PID " + process.pid() + ")");
        }
        process = spec.launch();
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
            throw new IllegalStateException(name() + " (PID " + process.pid() + ") survived SIGKILL");
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
        return LogTail.lastError(logFile()).orElse("(no error line found)");
    }
}
