package io.clickstream.stack;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of the JVM that owns a stack (no shutdown hook runs): the watchdog still stops the broker. */
class OwnerKilledIT {

    @Test
    void brokerDoesNotOutliveAKilledOwner() throws Exception {
        Path workDir = Path.of("target", "it", "owner-killed-" + System.nanoTime()).toAbsolutePath();
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStack.class.getName(), workDir.toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        List<Long> pids;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("owner JVM output:\n" + seen).isEqualTo("READY");
            pids = LocalStack.runningPids(workDir);
            assertThat(pids).hasSize(1);

            owner.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook
        } finally {
            owner.destroyForcibly();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!LocalStack.runningPids(workDir).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        try {
            assertThat(LocalStack.runningPids(workDir)).as("stack processes after the owner died").isEmpty();
        } finally {
            LocalStack.stop(workDir);
        }
        LocalStack.purge(workDir);
    }
}
