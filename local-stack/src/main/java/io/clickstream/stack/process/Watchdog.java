package io.clickstream.stack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops a stack whose owning JVM died without running its shutdown hook ({@code kill -9}, a crashed
 * test JVM). A tiny shell loop (a few MB, no JVM) polls the owner's PID; when it is gone it sends
 * SIGTERM to every process named by the work dir's PID files and their children, and SIGKILL to
 * survivors after 15 s. {@link #stop()} ends the loop when the stack is closed normally.
 */
public final class Watchdog {
    private static final String SCRIPT = """
            owner="$1"; pids="$2"
            while kill -0 "$owner" 2>/dev/null; do sleep 1; done
            targets=""
            for f in "$pids"/*.pid; do
              [ -f "$f" ] || continue
              read -r pid _ < "$f" || continue
              targets="$targets $pid $(pgrep -P "$pid" | tr '\\n' ' ')"
            done
            [ -n "$targets" ] || exit 0
            kill -TERM $targets 2>/dev/null
            for _ in $(seq 15); do
              alive=""; for p in $targets; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
              [ -n "$alive" ] || exit 0
              sleep 1
            done
            kill -KILL $targets 2>/dev/null
            """;

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /** Watches the current JVM on behalf of the processes whose PID files are in {@code pidDir}. */
    public static Watchdog start(Path pidDir) {
        try {
            Process p = new ProcessBuilder(List.of("sh", "-c", SCRIPT, "clickstream-watchdog",
                    String.valueOf(ProcessHandle.current().pid()), pidDir.toString()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Watchdog(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stack watchdog", e);
        }
    }

    /** Ends the watch (the stack was stopped properly); the loop's {@code sleep} child goes with it. */
    public void stop() {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
    }
}
