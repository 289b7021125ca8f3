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

    public static Ledger read(Path file) throws IOException {
        Ledger ledger = MAPPER.readValue(file.toFile(), Ledger.class);
        if (ledger.format() != Ledger.FORMAT) {
            throw new IOException("ledger format " + ledger.format() + " is not supported (expected " + Ledger.FORMAT
                    + "): write it again with this version's 'load'");
        }
        return ledger;
    }
}
