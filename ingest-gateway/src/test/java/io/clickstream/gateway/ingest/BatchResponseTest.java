package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.event.EventJson;
import io.clickstream.event.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResponseTest {

    @Test
    void countsEachStatusAndSerialisesTheContract() {
        BatchResponse r = BatchResponse.of(List.of(
                new EventResult(0, "id-0", EventStatus.ACCEPTED, null),
                new EventResult(1, null, EventStatus.REJECTED, List.of(new Violation("$.ts", "required", "ts is required"))),
                new EventResult(2, "id-0", EventStatus.DUPLICATE, null)));
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(EventJson.write(r)).isEqualTo("{\"accepted\":1,\"duplicates\":1,\"rejected\":1,\"dropped\":0,\"results\":["
                + "{\"index\":0,\"event_id\":\"id-0\",\"status\":\"accepted\"},"
                + "{\"index\":1,\"status\":\"rejected\",\"errors\":[{\"path\":\"$.ts\",\"rule\":\"required\",\"message\":\"ts is required\"}]},"
                + "{\"index\":2,\"event_id\":\"id-0\",\"status\":\"duplicate\"}]}");
    }

    @Test
    void anUnknownResultCannotBeIn2xx() {
        assertThatThrownBy(() -> BatchResponse.of(List.of(new EventResult(0, "x", EventStatus.UNKNOWN, null))))
                .isInstanceOf(IllegalStateException.class);
    }
}
