package io.clickstream.dimensions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code utm_source}, {@code utm_medium} and {@code utm_campaign} dimensions: the query
 * parameters of {@code page.url} (between the first {@code ?} and the first {@code #}), names
 * matched ignoring case, the first occurrence winning; values URL-decoded ({@code +} is a space; a
 * value that is not valid percent-encoding is kept as written), trimmed, lower-cased (root locale)
 * and cut to {@value #MAX_LENGTH} characters; {@link Dimensions#NONE} when absent or empty.
 *
 * <p>A scan of the query string, no regex: it runs once per event and allocates only the values it
 * finds.
 */
public record Utm(String source, String medium, String campaign) {

    /** The values of a page without UTM parameters. */
    public static final Utm NONE = new Utm(Dimensions.NONE, Dimensions.NONE, Dimensions.NONE);

    /** Longer values are cut: a UTM value is a label, and the cap bounds the keys a client can send. */
    public static final int MAX_LENGTH = 128;

    private static final String PREFIX = "utm_";

    /** The UTM values of a page URL ({@code null} → {@link #NONE}). */
    public static Utm of(String pageUrl) {
        if (pageUrl == null) {
            return NONE;
        }
        int query = pageUrl.indexOf('?');
        if (query < 0) {
            return NONE;
        }
        int fragment = pageUrl.indexOf('#');
        if (fragment >= 0 && fragment < query) {
            return NONE;
        }
        int end = fragment < 0 ? pageUrl.length() : fragment;
        if (indexOfIgnoreCase(pageUrl, PREFIX, query, end) < 0) {
            return NONE;
        }
        String source = null, medium = null, campaign = null;
        int i = query + 1;
        while (i < end) {
            int amp = pageUrl.indexOf('&', i);
            int pairEnd = amp < 0 || amp > end ? end : amp;
            int eq = pageUrl.indexOf('=', i);
            int nameEnd = eq < 0 || eq > pairEnd ? pairEnd : eq;
            int valueStart = nameEnd < pairEnd ? nameEnd + 1 : pairEnd;
            if (nameEnd - i > PREFIX.length() && pageUrl.regionMatches(true, i, PREFIX, 0, PREFIX.length())) {
                int at = i + PREFIX.length();
                int len = nameEnd - at;
                if (source == null && len == 6 && pageUrl.regionMatches(true, at, "source", 0, 6)) {
                    source = value(pageUrl, valueStart, pairEnd);
                } else if (medium == null && len == 6 && pageUrl.regionMatches(true, at, "medium", 0, 6)) {
                    medium = value(pageUrl, valueStart, pairEnd);
                } else if (campaign == null && len == 8 && pageUrl.regionMatches(true, at, "campaign", 0, 8)) {
                    campaign = value(pageUrl, valueStart, pairEnd);
                }
            }
            i = pairEnd + 1;
        }
        if (source == null && medium == null && campaign == null) {
            return NONE;
        }
        return new Utm(orNone(source), orNone(medium), orNone(campaign));
    }

    private static String orNone(String value) {
        return value == null ? Dimensions.NONE : value;
    }

    /** The normalised value in {@code url[from, to)}, {@link Dimensions#NONE} when empty. */
    static String value(String url, int from, int to) {
        String raw = url.substring(from, to);
        String decoded = raw;
        if (raw.indexOf('%') >= 0 || raw.indexOf('+') >= 0) {
            try {
                decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notPercentEncoded) {
                decoded = raw;
            }
        }
        String value = decoded.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH) {
            int cut = Character.isHighSurrogate(value.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            value = value.substring(0, cut).strip();
        }
        return value.isEmpty() ? Dimensions.NONE : value;
    }

    private static int indexOfIgnoreCase(String s, String what, int from, int to) {
        for (int i = from; i + what.length() <= to; i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }
}
