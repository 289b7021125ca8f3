package io.clickstream.stack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Picks the line of a log file most likely to explain a failed start, for the error message. */
public final class LogTail {
    private LogTail() {
    }

    /** The last line mentioning an error or exception in the last 64 KiB of {@code file}. */
    public static Optional<String> lastError(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 65536);
            List<String> lines = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.contains("ERROR") || line.contains("Exception") || line.contains("FATAL")
                        || line.contains("already in use")) {
                    return Optional.of(line.length() > 400 ? line.substring(0, 400) + "…" : line);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
