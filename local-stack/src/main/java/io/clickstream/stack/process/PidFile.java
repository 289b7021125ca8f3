package io.clickstream.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A PID file: {@code <pid> <start time epoch millis>}. The start time guards against PID reuse, so
 * {@code down} from another shell never signals an unrelated process that got the same PID.
 */
public final class PidFile {
    private PidFile() {
    }

    public static void write(Path file, ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, process.pid() + " " + started + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PID file " + file, e);
        }
    }

    /** The live process the file names, if it still runs (same PID and same start time). */
    public static Optional<ProcessHandle> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> started == 0L || p.info().startInstant()
                            .map(i -> i.toEpochMilli() == started).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete PID file " + file, e);
        }
    }
}
