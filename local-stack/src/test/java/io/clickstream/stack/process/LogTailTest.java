package io.clickstream.stack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @Test
    void aPortConflictWinsOverLaterStackTraceNoise(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("es.log");
        Files.writeString(log, """
                [INFO ] starting ...
                [ERROR] fatal exception while booting Elasticsearch
                org.elasticsearch.http.BindHttpException: Failed to bind to 127.0.0.1:19200
                Caused by: java.net.BindException: Address already in use
                \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                \tSuppressed: java.lang.RuntimeException: Rethrowing promise failure cause
                """);
        assertThat(LogTail.lastError(log)).hasValue("Caused by: java.net.BindException: Address already in use");
    }

    @Test
    void otherwiseTheLastErrorLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("kafka.log");
        Files.writeString(log, "[x] INFO fine\n[y] ERROR disk full\n[z] INFO shutting down\n");
        assertThat(LogTail.lastError(log)).hasValue("[y] ERROR disk full");
        assertThat(LogTail.lastError(dir.resolve("missing.log"))).isEmpty();
    }
}
