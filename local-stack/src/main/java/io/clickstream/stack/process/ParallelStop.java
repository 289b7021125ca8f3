package io.clickstream.stack.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stops several processes at the same time: Kafka nodes must all get SIGTERM together or a shrinking
 * quorum stalls the last ones, and stopping a whole stack one by one would add up the grace periods.
 */
public final class ParallelStop {
    private ParallelStop() {
    }

    /** Runs every stop on its own thread, waits for all, then rethrows the first failure if any. */
    public static void all(Map<String, Runnable> stopsByName) {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        stopsByName.forEach((name, stop) -> {
            Thread t = new Thread(() -> {
                try {
                    stop.run();
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "stop-" + name);
            t.start();
            threads.add(t);
        });
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
