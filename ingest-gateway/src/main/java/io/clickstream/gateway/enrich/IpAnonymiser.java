package io.clickstream.gateway.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anonymises client addresses as the event contract asks (docs/architecture.md): IPv4 loses its last octet, IPv6 its last 80
 * bits (only the /48 routing prefix is kept). IPv4-mapped IPv6 addresses are treated as IPv4.
 *
 * <p>Only literals are accepted: text is checked before it reaches {@link InetAddress}, which would
 * otherwise resolve a host name through DNS (and accepts legacy forms like {@code 1.2.3}).
 */
public final class IpAnonymiser {

    private static final Pattern IPV4 = Pattern.compile(
            "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private IpAnonymiser() {
    }

    /** The anonymised form of an IP literal, or empty when the text is not an IP literal. */
    public static Optional<String> anonymise(String literal) {
        if (literal == null) {
            return Optional.empty();
        }
        String text = stripDecoration(literal.trim());
        if (IPV4.matcher(text).matches()) {
            return Optional.of(text.substring(0, text.lastIndexOf('.')) + ".0");
        }
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            // A string with ':' and only hex digits, dots and colons is parsed as a literal, never looked up.
            bytes = InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
        if (bytes.length == 4) {
            // Java folds IPv4-mapped IPv6 (::ffff:a.b.c.d) into an IPv4 address.
            return Optional.of((bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0");
        }
        for (int i = 6; i < 16; i++) {
            bytes[i] = 0;
        }
        try {
            return Optional.of(compress(InetAddress.getByAddress(bytes).getHostAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** True when the text is an IPv4 or IPv6 literal. */
    public static boolean isLiteral(String text) {
        return anonymise(text).isPresent();
    }

    /** Removes brackets and a port ("[2001:db8::1]:443", "203.0.113.9:5000") and an IPv6 zone. */
    static String stripDecoration(String text) {
        String t = text;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end > 0) {
                t = t.substring(1, end);
            }
        } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':') && t.indexOf('.') > 0) {
            t = t.substring(0, t.indexOf(':'));
        }
        int zone = t.indexOf('%');
        return zone > 0 ? t.substring(0, zone) : t;
    }

    /** Java prints full groups ("2001:db8:0:0:0:0:0:0"); collapse the longest zero run to "::". */
    static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }
}
