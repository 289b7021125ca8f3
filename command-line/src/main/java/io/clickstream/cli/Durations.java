package io.clickstream.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every {@code ./clickstream} command and of the analytics job's
 * {@code alert.*} settings: a number with an optional unit, {@code ms}, {@code s}, {@code m} or
 * {@code h} ({@code 500ms}, {@code 90s}, {@code 2m}, {@code 1.5h}; no unit means seconds: {@code 90}),
 * or an ISO-8601 duration ({@code PT1M30S}). Case and the space before the unit do not matter.
 */
public final class Durations {

    /** The grammar in a few words, for help texts and error messages. */
    public static final String EXAMPLES = "500ms, 90s, 2m, 1.5h, 90 (seconds) or ISO-8601 PT1M30S";

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /** The duration {@code text} denotes; {@link IllegalArgumentException} naming the grammar otherwise. */
    public static Duration parse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = NUMBER_AND_UNIT.matcher(v);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double nanos = switch (unit) {
                case "ms" -> n * 1e6;
                case "m" -> n * 60e9;
                case "h" -> n * 3600e9;
                default -> n * 1e9;
            };
            return Duration.ofNanos(Math.round(nanos));
        }
        if (v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (examples: " + EXAMPLES + ")");
    }

    /**
     * The shortest text of this grammar that {@link #parse} reads back as {@code d}: {@code 1h},
     * {@code 2m}, {@code 10s}, {@code 500ms}. Used to show defaults in help texts.
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
