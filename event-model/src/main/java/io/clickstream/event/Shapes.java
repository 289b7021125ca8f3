package io.clickstream.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Hand-written checks for the text shapes of the contract, each accepting exactly what its regular
 * expression in {@link EventValidator} (and the JSON Schema) accepts. They run on every event in the
 * gateway, where the regular expressions and {@link Instant#parse} were the validator's main cost
 * (JFR); {@code ShapesAgreeWithRegexesTest} compares them with the expressions on generated input.
 * Only ASCII counts as a digit or letter, as in the expressions' character classes.
 */
final class Shapes {

    /** 2026-11-25T10:00:00Z is the shortest accepted timestamp, ….123456789+01:00 the longest. */
    private static final int MIN_TIMESTAMP_LENGTH = 20;
    private static final int MAX_TIMESTAMP_LENGTH = 35;
    private static final int MAX_FRACTION_DIGITS = 9;

    private Shapes() {
    }

    /** {@link EventValidator#UUID_REGEX}: 36 characters, hyphens at 8, 13, 18 and 23, hex digits elsewhere. */
    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@link EventValidator#CURRENCY_REGEX}: three upper-case ASCII letters. */
    static boolean isCurrencyShape(String s) {
        return s.length() == 3 && isUpper(s.charAt(0)) && isUpper(s.charAt(1)) && isUpper(s.charAt(2));
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}: a member name that needs no quoting in a JSON path. */
    static boolean isPlainName(String s) {
        if (s.isEmpty() || !(isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isLetter(c) || isDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The instant a timestamp names, or {@code null} if the text does not have the shape of
     * {@link EventValidator#TIMESTAMP_REGEX} or names no real date (2026-02-30). Same result as that
     * expression followed by {@link Instant#parse}, in one pass over the text.
     */
    static Instant parseTimestamp(String s) {
        int n = s.length();
        if (n < MIN_TIMESTAMP_LENGTH || n > MAX_TIMESTAMP_LENGTH) {
            return null;
        }
        // yyyy-MM-ddTHH:mm:ss: [0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        char t = s.charAt(10);
        if (year < 0 || s.charAt(4) != '-' || month < 0 || s.charAt(7) != '-' || day < 0 || (t != 'T' && t != 't')
                || hour < 0 || hour > 23 || s.charAt(13) != ':' || minute < 0 || minute > 59
                || s.charAt(16) != ':' || second < 0 || second > 59) {
            return null;
        }
        // (\.[0-9]{1,9})?
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count < 1 || count > MAX_FRACTION_DIGITS) {
                return null;
            }
            nanos = digits(s, start, i);
            for (int k = count; k < MAX_FRACTION_DIGITS; k++) {
                nanos *= 10;
            }
        }
        // [Zz] | \+((0[0-9]|1[0-7]):[0-5][0-9]|18:00) | -(?!00:00)((0[0-9]|1[0-7]):[0-5][0-9]|18:00)
        if (i >= n) {
            return null;
        }
        char zone = s.charAt(i);
        int offsetSeconds;
        if (zone == 'Z' || zone == 'z') {
            if (i + 1 != n) {
                return null;
            }
            offsetSeconds = 0;
        } else if (zone == '+' || zone == '-') {
            if (n - i != 6 || s.charAt(i + 3) != ':') {
                return null;
            }
            int offsetHours = digits(s, i + 1, i + 3);
            int offsetMinutes = digits(s, i + 4, i + 6);
            if (offsetHours < 0 || offsetMinutes < 0) {
                return null;
            }
            boolean inRange = (offsetHours <= 17 && offsetMinutes <= 59) || (offsetHours == 18 && offsetMinutes == 0);
            if (!inRange || (zone == '-' && offsetHours == 0 && offsetMinutes == 0)) {
                return null;
            }
            offsetSeconds = (zone == '+' ? 1 : -1) * (offsetHours * 3_600 + offsetMinutes * 60);
        } else {
            return null;
        }
        // Instant.parse refuses what LocalDate refuses; checked here rather than by catching its exception.
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The decimal value of s[from, to) (at most 9 characters), or -1 if one of them is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLetter(char c) {
        return isUpper(c) || (c >= 'a' && c <= 'z');
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
