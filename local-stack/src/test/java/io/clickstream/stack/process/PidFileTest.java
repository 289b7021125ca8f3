package io.clickstream.stack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTest {

    @Test
    void readsBackALiveProcess(@TempDir Path dir) {
        Path file = dir.resolve("self.pid");
        PidFile.write(file, ProcessHandle.current());
        assertThat(PidFile.read(file)).map(ProcessHandle::pid).hasValue(ProcessHandle.current().pid());
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsNotOurs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reused.pid");
        Files.writeString(file, ProcessHandle.current().pid() + " 12345\n");
        assertThat(PidFile.read(file)).isEmpty();
    }

    @Test
    void missingOrGarbageFileMeansNotRunning(@TempDir Path dir) throws Exception {
        assertThat(PidFile.read(dir.resolve("none.pid"))).isEmpty();
        Path garbage = dir.resolve("garbage.pid");
        Files.writeString(garbage, "not a pid");
        assertThat(PidFile.read(garbage)).isEmpty();
    }
}
