package io.clickstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.stack.process.StackException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A start that cannot succeed (broker port taken) throws, names the log file and leaves no process. */
class FailedStartIT {

    @Test
    void portAlreadyTakenFailsWithTheLogFileAndNoOrphans() throws Exception {
        Path workDir = Path.of("target", "it", "failed-" + System.nanoTime()).toAbsolutePath();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalStack.builder().workDir(workDir).elasticsearch(false)
                    .kafkaPort(taken.getLocalPort()).startupTimeout(Duration.ofSeconds(60)).start())
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining(workDir.resolve("logs").resolve("kafka-1.log").toString())
                    .hasMessageContaining("exited during start");
        }
        assertThat(LocalStack.runningPids(workDir)).isEmpty();
        String marker = "-Dclickstream.stack.home=" + workDir;
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList()).isEmpty();
    }
}
