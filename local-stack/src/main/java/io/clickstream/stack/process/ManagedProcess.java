package io.clickstream.stack.process;


import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One child process of the stack: its output goes to a file, its PID to a PID file so that
 * {@code status}/{@code down} work from another shell.
 *
 * @param name        what the console calls it ("kafka-1", "elasticsearch")
 * @param command     the command line
 * @param environment extra environment variables
 * @param outputFile  stdout and stderr of the process
 * @param pidFile     the PID file
 * @param detached    start in a new session ({@code setsid}) so the terminal's Ctrl-C after {@code up}
 *                    does not reach it
 */
public record ManagedProcess(String name, List<String> command, Map<String, String> environment,
                             Path outputFile, Path pidFile, boolean detached) {

    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** Starts the process and writes its PID file. */
    public ProcessHandle start() {
        return launch().toHandle();
    }

    /** Starts the process and writes its PID file; the {@link Process} gives its exit code to callers that wait for it. */
    public Process launch() {
        List<String> cmd = new ArrayList<>();
        if (detached) {
            // Started from Java the child is never a process-group leader, so setsid execs in place
            // and the PID we record is the real process.
            cmd.add("setsid");
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        try {
            Files.createDirectories(outputFile.getParent());
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
            Process process = pb.start();
            PidFile.write(pidFile, process.toHandle());
            return process;
        } catch (IOException e) {
            throw new StackException("cannot start " + name + " (" + String.join(" ", cmd) + "): " + e.getMessage()
                    + "; see " + outputFile, e);
        }
    }

    /** The running process from the PID file, if any. */
    public Optional<ProcessHandle> running() {
        return PidFile.read(pidFile);
    }

    /** Stops the process (if running) and removes the PID file; throws if something survives. */
    public void stop() {
        stop(pidFile, name);
    }

    /** SIGKILL to the process and its descendants, then waits until they are gone; removes the PID file. */
    public void kill() {
        running().ifPresent(handle -> {
            List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
            tree.add(handle);
            tree.forEach(ProcessHandle::destroyForcibly);
            tree.forEach(p -> p.onExit().join());
        });
        PidFile.delete(pidFile);
    }

    /** Stops whatever the PID file names; used by {@code down} without a live {@link ManagedProcess}. */
    public static void stop(Path pidFile, String name) {
        Optional<ProcessHandle> handle = PidFile.read(pidFile);
        if (handle.isPresent() && !ProcessTerminator.terminate(handle.get(), STOP_GRACE)) {
            throw new StackException(name + " (PID " + handle.get().pid() + ") did not stop after SIGKILL");
        }
        PidFile.delete(pidFile);
    }
}
