package io.clickstream.gateway.query;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Checks the query API's parameters before anything reaches Elasticsearch: each value is parsed into
 * a type (an instant, a bounded integer, one of a fixed set, a granularity of the documents' own
 * grammar), so a request can only choose values, never query syntax. A bad value is a 400 that says
 * what was expected.
 */
final class QueryParams {

    /** The documents' granularity: {@code <size>/<slide>} of the sliding windows or a tumbling size ({@code 1h}). */
    private static final Pattern GRANULARITY = Pattern.compile("[1-9][0-9]{0,4}[smhd](/[1-9][0-9]{0,4}[smhd])?");

    private QueryParams() {}

    static String granularity(String value) {
        if (value == null || value.isBlank()) {
            return TimeWindows.DEFAULT_GRANULARITY;
        }
        if (!GRANULARITY.matcher(value).matches()) {
            throw QueryProblem.badParameter("granularity must look like 60s/10s (window/slide) or 1h, got " + shorten(value));
        }
        return value;
    }

    static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw QueryProblem.badParameter(name + " must be an ISO-8601 UTC instant such as 2026-12-03T10:15:30Z, got " + shorten(value));
        }
    }

    static int bounded(String name, String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw QueryProblem.badParameter(name + " must be an integer from 1 to " + max + ", got " + shorten(value));
        }
        if (n < 1 || n > max) {
            throw QueryProblem.badParameter(name + " must be from 1 to " + max + ", got " + n);
        }
        return n;
    }

    static String dimension(String value) {
        if ("page".equals(value) || "product".equals(value)) {
            return value;
        }
        throw QueryProblem.badParameter("dimension must be page or product, got " + (value == null ? "nothing" : shorten(value)));
    }

    static BreakdownDimension breakdownDimension(String value) {
        return BreakdownDimension.fromWireName(value).orElseThrow(() -> QueryProblem.badParameter("dimension must be one of "
                + String.join(", ", BreakdownDimension.wireNames()) + ", got " + (value == null ? "nothing" : shorten(value))));
    }

    /** The [from, to) range, at most {@code max} wide and in order. */
    static void checkRange(Instant from, Instant to, Duration max) {
        if (!from.isBefore(to)) {
            throw QueryProblem.badParameter("from must be before to (from " + from + ", to " + to + ")");
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw QueryProblem.badParameter("from..to may span at most " + max.toHours() + " h (asked for "
                    + Duration.between(from, to).toMinutes() + " min)");
        }
    }

    /** Echoed values are cut, so an answer never carries a large payload back. */
    private static String shorten(String value) {
        return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "…'";
    }
}
