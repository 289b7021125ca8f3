package io.clickstream.load.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.EventType;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcknowledgedIdsTest {

    @Test
    void writesEachAcknowledgedIdOnceAndNothingElse(@TempDir Path dir) throws Exception {
        List<Delivery> deliveries = List.of(
                delivery("a", DeliveryStatus.ACCEPTED),
                delivery("a", DeliveryStatus.DUPLICATE),
                delivery("b", DeliveryStatus.DUPLICATE),
                delivery("c", DeliveryStatus.REJECTED),
                delivery("d", DeliveryStatus.UNACKNOWLEDGED));
        Path file = dir.resolve("sub/acked.txt");

        LedgerFiles.writeAcknowledgedIds(deliveries, file);

        assertThat(Files.readAllLines(file)).containsExactly("a", "b");
    }

    private static Delivery delivery(String id, DeliveryStatus status) {
        return new Delivery(id, Kind.values()[0], EventType.CLICK, Instant.parse("2026-11-25T10:00:00Z"), "u1", null, null, status);
    }
}
