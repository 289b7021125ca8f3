package io.clickstream.gateway.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A browser origin, {@code scheme://host[:port]}, in the form browsers send it: scheme and host in
 * lower case, the scheme's default port left out. Two origins are the same when their texts are equal.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host name, an IPv4 address or a bracketed IPv6 address ({@code [::1]})
 * @param port   the explicit or the scheme's default port
 */
public record Origin(String scheme, String host, int port) {

    /** Reads an {@code Origin} header or a configured origin; empty when it is not an http(s) origin. */
    public static Optional<Origin> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null
                    || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
            return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** {@code host} or {@code host:port} when the port is not the scheme's default. */
    public String authority() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    /** The normalised origin, as a browser would send it. */
    public String text() {
        return scheme + "://" + authority();
    }

    /** The loopback interface: {@code localhost} (and {@code *.localhost}), 127.0.0.0/8 or {@code [::1]}. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    @Override
    public String toString() {
        return text();
    }
}
