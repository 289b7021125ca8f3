package io.clickstream.dimensions;

import java.util.Locale;

/**
 * The {@code referrer} dimension: the host of {@code page.referrer}, lower-cased, a leading
 * {@code www.} stripped; {@link Dimensions#DIRECT} when the event has no referrer, one without a
 * host this parser accepts (not an absolute {@code scheme://host…} URL), or one from the page's own
 * host (a self-referral: same normalised host as {@code page.url}); {@link Dimensions#NONE} for an
 * event without {@code page}.
 *
 * <p>A hand-written scan, not {@link java.net.URI}: it runs once per event, allocates only the host
 * string, and accepts the loose URLs browsers send (spaces in the path, unencoded characters) that
 * {@code URI} rejects.
 */
public final class Referrers {

    /** DNS names are at most 253 characters; longer "hosts" are not hosts. */
    static final int MAX_HOST = 253;

    private Referrers() {
    }

    /** The {@code referrer} dimension value of an event. */
    public static String referrer(String pageUrl, String pageReferrer, boolean hasPage) {
        if (!hasPage) {
            return Dimensions.NONE;
        }
        String host = host(pageReferrer);
        if (host == null) {
            return Dimensions.DIRECT;
        }
        String pageHost = host(pageUrl);
        return host.equals(pageHost) ? Dimensions.DIRECT : host;
    }

    /**
     * The normalised host of an absolute URL ({@code scheme://[userinfo@]host[:port][/?#…]}):
     * lower-cased, without port, a trailing dot or a leading {@code www.}; {@code null} when
     * {@code url} is {@code null}, blank, has no scheme or an empty or invalid host.
     */
    public static String host(String url) {
        if (url == null) {
            return null;
        }
        int n = url.length();
        int start = 0;
        while (start < n && url.charAt(start) <= ' ') {
            start++;
        }
        int schemeEnd = schemeEnd(url, start, n);
        if (schemeEnd < 0) {
            return null;
        }
        int authority = schemeEnd + 3;
        int end = authority;
        while (end < n) {
            char c = url.charAt(end);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                break;
            }
            end++;
        }
        int hostStart = url.lastIndexOf('@', end - 1);
        hostStart = hostStart >= authority ? hostStart + 1 : authority;
        int hostEnd;
        if (hostStart < end && url.charAt(hostStart) == '[') {
            int close = url.indexOf(']', hostStart);
            if (close < 0 || close >= end) {
                return null;
            }
            hostEnd = close + 1;
        } else {
            int colon = url.indexOf(':', hostStart);
            hostEnd = colon >= 0 && colon < end ? colon : end;
        }
        while (hostEnd > hostStart && url.charAt(hostEnd - 1) == '.') {
            hostEnd--;
        }
        if (hostEnd - hostStart > 4 && url.regionMatches(true, hostStart, "www.", 0, 4)) {
            hostStart += 4;
        }
        int length = hostEnd - hostStart;
        if (length <= 0 || length > MAX_HOST) {
            return null;
        }
        boolean lower = true;
        for (int i = hostStart; i < hostEnd; i++) {
            char c = url.charAt(i);
            if (!hostChar(c)) {
                return null;
            }
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            }
        }
        String host = url.substring(hostStart, hostEnd);
        return lower ? host : host.toLowerCase(Locale.ROOT);
    }

    /** The index of {@code "://"} after a valid scheme starting at {@code start}, else -1. */
    private static int schemeEnd(String url, int start, int n) {
        if (start >= n || !asciiLetter(url.charAt(start))) {
            return -1;
        }
        for (int i = start + 1; i < n; i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return url.startsWith("//", i + 1) ? i : -1;
            }
            if (!asciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Letters, digits, '-', '.', '_', IPv6 brackets and colons, and non-ASCII (internationalised names). */
    private static boolean hostChar(char c) {
        return asciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                || c == '[' || c == ']' || c == ':' || c >= 0x80;
    }
}
