package io.clickstream.stack.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a process tree: SIGTERM, then SIGKILL after a grace period, and checks that it is gone. */
public final class ProcessTerminator {
    private ProcessTerminator() {
    }

    /**
     * Terminates {@code process} and every descendant it had when this was called (Elasticsearch's
     * launcher forks the server JVM; if the launcher died first the server must not be orphaned).
     *
     * @return true when no process of the tree is alive afterwards
     */
    public static boolean terminate(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process);
        process.destroy();
        waitForExit(process, grace);
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            waitForExit(p, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        boolean gone = true;
        for (ProcessHandle p : tree) {
            gone &= waitForExit(p, Duration.ofSeconds(10));
        }
        return gone;
    }

    private static boolean waitForExit(ProcessHandle p, Duration timeout) {
        if (!p.isAlive()) {
            return true;
        }
        try {
            p.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (Exception e) {
            return !p.isAlive();
        }
    }
}
