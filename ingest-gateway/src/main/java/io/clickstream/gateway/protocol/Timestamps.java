package io.clickstream.gateway.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as other protocols write them, in the contract's form ({@link Instant#toString()}):
 * ISO-8601 with a zone ({@code Z}, {@code +00:00} or {@code +0000}), or epoch milliseconds as text.
 * Text that is neither is kept as it is, so the validator rejects the event with its own reason.
 */
public final class Timestamps {

    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();

    private Timestamps() {
    }

    /** An ISO-8601 instant in the contract's form, or {@code text} unchanged if it is not one. */
    public static String iso(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant().toString();
            } catch (DateTimeParseException again) {
                return text;
            }
        }
    }

    /** Epoch milliseconds (as Snowplow sends {@code dtm}, {@code stm}) in the contract's form, or {@code text} if not a number. */
    public static String epochMillis(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(text.trim())).toString();
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
