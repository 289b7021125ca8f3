package io.clickstream.stack;

import java.nio.file.Path;

/** Test helper run in its own JVM by {@link OwnerKilledIT}: starts a Kafka-only stack and waits forever. */
public final class HoldStack {
    private HoldStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack.builder().workDir(Path.of(args[0])).elasticsearch(false).kafkaHeap("256m").start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
