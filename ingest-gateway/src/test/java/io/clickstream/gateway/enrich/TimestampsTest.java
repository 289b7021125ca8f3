package io.clickstream.gateway.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void agreesWithInstantParseOnRandomInstantsInEveryPrecision() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            String full = instant.toString();
            int digits = random.nextInt(10); // 0 … 9 fraction digits
            String text = full.substring(0, 19) + (digits == 0 ? "" : "." + (full.length() > 20 ? full.substring(20, full.length() - 1) + "000000000" : "000000000").substring(0, digits)) + "Z";
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsGoToInstantParse() {
        for (String text : List.of("2026-11-25T10:00:00+01:00", "2026-11-25t10:00:00z", "2026-11-25T10:00:00.5-03:30",
                "2026-12-31T23:59:60Z", "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00.000000000Z", "+12026-11-25T10:00:00Z")) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void failsLikeInstantParse() {
        for (String text : List.of("2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-25T25:00:00Z",
                "2026-11-25T10:0a:00Z", "2026-11-25 10:00:00Z", "x")) {
            assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void endOfDayAsInstantParseReadsIt() {
        assertThat(Timestamps.parse("2026-11-25T24:00:00Z")).isEqualTo(Instant.parse("2026-11-25T24:00:00Z"));
    }
}
