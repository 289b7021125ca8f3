package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.event.EventJson;
import io.clickstream.event.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct writer must produce the mapper's JSON byte for byte, and leave to the mapper what it cannot. */
class BatchResponseJsonTest {

    private static final EventStatus[] TWO_XX = {EventStatus.ACCEPTED, EventStatus.DUPLICATE, EventStatus.DROPPED};

    @Test
    void sameBytesAsTheMapperOnGeneratedAnswers() throws Exception {
        Random random = new Random(42);
        ObjectMapper plain = new ObjectMapper();
        for (int n = 0; n < 2_000; n++) {
            List<EventResult> results = new ArrayList<>();
            int size = 1 + random.nextInt(random.nextBoolean() ? 5 : 600);
            for (int i = 0; i < size; i++) {
                String id = switch (random.nextInt(6)) {
                    case 0 -> null;
                    case 1 -> "";
                    case 2 -> "id with ~ all !#$%&'()*+,-./:;<=>?@[]^_`{|} printable";
                    default -> java.util.UUID.randomUUID().toString();
                };
                results.add(new EventResult(i, id, TWO_XX[random.nextInt(TWO_XX.length)], null));
            }
            BatchResponse response = BatchResponse.of(results);
            String direct = new String(BatchResponseJson.write(response), StandardCharsets.UTF_8);
            assertThat(direct).isEqualTo(new String(EventJson.mapper().writeValueAsBytes(response), StandardCharsets.UTF_8));
            assertThat(direct).isEqualTo(plain.writeValueAsString(response));
        }
    }

    @Test
    void errorsAndIdsThatNeedEscapingAreLeftToTheMapper() {
        assertThat(BatchResponseJson.write(BatchResponse.of(List.of(new EventResult(0, null, EventStatus.REJECTED,
                List.of(new Violation("$.ts", "required", "ts is required"))))))).isNull();
        for (String id : new String[] {"q\"uote", "back\\slash", "tab\t", "Zoë", "😀", "\u007f"}) {
            assertThat(BatchResponseJson.write(BatchResponse.of(List.of(new EventResult(0, id, EventStatus.DUPLICATE, null)))))
                    .as(id).isNull();
        }
    }
}
