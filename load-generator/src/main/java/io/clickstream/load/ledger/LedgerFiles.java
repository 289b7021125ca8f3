package io.clickstream.load.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clickstream.event.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes ledger files (pretty JSON, the contract's ObjectMapper). */
public final class LedgerFiles {

    private static final ObjectMapper MAPPER = EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private LedgerFiles() {
    }

    public static void write(Ledger ledger, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        MAPPER.writeValue(file.toFile(), ledger);
    }

    /** The {@code event_id} of every acknowledged delivery, one per line (each id once). */
    public static void writeAcknowledgedIds(java.util.List<Delivery> deliveries, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.write(file, deliveries.stream().filter(d -> d.status().acknowledged()).map(Delivery::eventId).distinct()
                .toList());
    }

    /** Reads a ledger; one of another format is refused before its fields are read (they differ by format). */
    public static Ledger read(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(file.toFile());
        int format = tree == null ? -1 : tree.path("format").asInt(-1);
        if (format != Ledger.FORMAT) {
            throw new IOException("ledger format " + format + " is not supported (expected " + Ledger.FORMAT + "): "
                    + (format >= 0 && format < Ledger.FORMAT ? "it was written by an older load generator, whose ledger "
                    + "has no session, funnel and breakdown expectations; " : "") + "write it again with this version's 'load'");
        }
        return MAPPER.treeToValue(tree, Ledger.class);
    }
}
