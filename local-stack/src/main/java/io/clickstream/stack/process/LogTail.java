package io.clickstream.stack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Picks the line of a log file most likely to explain a failed start, for the error message. */
public final class LogTail {
    private LogTail() {
    }

    /**
     * The line of the last 64 KiB of {@code file} that best explains a failed start: a port conflict
     * if there is one (the most common cause, and buried under stack traces), else the last line
     * mentioning an error or exception.
     */
    public static Optional<String> lastError(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 65536);
            List<String> lines = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines().toList();
            return last(lines, l -> l.contains("already in use") || l.contains("BindException"))
                    .or(() -> last(lines, l -> l.contains("ERROR") || l.contains("FATAL") || l.contains("Exception")))
                    .map(l -> l.length() > 400 ? l.substring(0, 400) + "…" : l.strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> last(List<String> lines, Predicate<String> wanted) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (wanted.test(lines.get(i))) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }
}
