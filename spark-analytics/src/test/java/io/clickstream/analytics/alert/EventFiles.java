package io.clickstream.analytics.alert;

import io.clickstream.analytics.parse.EventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A streaming source of parsed events for tests: JSON-lines files in a directory, read with the
 * parsed-events schema. Unlike a memory stream it survives a query restart, so checkpoint recovery
 * can be tested; each file written before {@code processAllAvailable} is one micro-batch.
 */
final class EventFiles {

    private final Path dir;
    private int next;

    EventFiles(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Dataset<Row> stream(SparkSession spark) {
        return spark.readStream().schema(EventParser.EVENT_COLUMNS).json(dir.toString());
    }

    /** Writes one file atomically (the source never sees half a file). */
    void write(Collection<SimulatedEvent> events) {
        try {
            String name = String.format("events-%05d.json", next++);
            Path tmp = dir.resolveSibling(dir.getFileName() + "-" + name + ".tmp");
            Files.writeString(tmp, events.stream().map(SimulatedEvent::toJson).collect(Collectors.joining("\n", "", "\n")));
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
