package io.clickstream.gateway.cors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may send events, per write key. Pure: the route ({@link CorsRoute}) feeds it
 * the request's {@code Origin}, write key and {@code Host}.
 *
 * <ul>
 *   <li>No write keys configured: the origins of {@code clickstream.cors.default-origins} (default
 *       {@code loopback}: pages on this machine, for local use).</li>
 *   <li>Write keys configured: the origins of {@code clickstream.cors.origins.<key>} for the request's
 *       key. When the key cannot be known before the body is read (a preflight of a request that sends it in
 *       a header, a key only in the body) or is not configured, the union of every key's origins — the
 *       key itself is then checked by the endpoint (401).</li>
 *   <li>The gateway's own origin (a page it serves, e.g. {@code /demo/}) is not cross-origin.</li>
 * </ul>
 */
public final class CorsPolicy {

    static final String ORIGINS_KEY = "clickstream.cors.origins.";
    static final String DEFAULT_ORIGINS_KEY = "clickstream.cors.default-origins";

    /** Methods a preflight may ask for: events are POSTed; the pixel is a GET. */
    public static final List<String> METHODS = List.of("GET", "POST");
    /** Request headers a preflight may ask for (lower case). */
    public static final List<String> HEADERS = List.of("content-type", "content-encoding", "x-write-key", "authorization");

    private final Set<String> writeKeys;
    private final Map<String, OriginAllowlist> perKey;
    private final OriginAllowlist anyKey;
    private final OriginAllowlist keyless;
    private final List<String> warnings;

    private CorsPolicy(Set<String> writeKeys, Map<String, OriginAllowlist> perKey, OriginAllowlist keyless,
                       List<String> warnings) {
        this.writeKeys = writeKeys;
        this.perKey = perKey;
        this.anyKey = OriginAllowlist.union(perKey.values());
        this.keyless = keyless;
        this.warnings = warnings;
    }

    /**
     * @param writeKeys      the configured write keys (empty: keys are not used)
     * @param origins        {@code clickstream.cors.origins}: write key → entries
     * @param defaultOrigins {@code clickstream.cors.default-origins}
     * @throws IllegalArgumentException naming the property of an entry that is not an origin
     */
    public static CorsPolicy of(Set<String> writeKeys, Map<String, List<String>> origins, Collection<String> defaultOrigins) {
        Map<String, OriginAllowlist> perKey = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        origins.forEach((key, entries) -> {
            OriginAllowlist list = OriginAllowlist.parse(ORIGINS_KEY + key, entries);
            if (writeKeys.contains(key)) {
                perKey.put(key, list);
            } else {
                warnings.add(ORIGINS_KEY + key + " names a write key that is not configured (clickstream.sites."
                        + key + "): its origins are not used");
            }
        });
        OriginAllowlist keyless = OriginAllowlist.parse(DEFAULT_ORIGINS_KEY, defaultOrigins);
        return new CorsPolicy(Set.copyOf(writeKeys), Map.copyOf(perKey), keyless, List.copyOf(warnings));
    }

    /** Configuration that is valid but probably not what was meant, for a startup warning. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * @param originHeader the request's {@code Origin}; null when absent
     * @param writeKey     the request's write key when known before its body (header, query, Basic); else null
     * @param hostHeader   the request's {@code Host} (host[:port]), to recognise the gateway's own pages
     */
    public CorsDecision decide(String originHeader, String writeKey, String hostHeader) {
        if (originHeader == null) {
            return CorsDecision.notCrossOrigin(null);
        }
        Optional<Origin> parsed = Origin.parse(originHeader);
        if (parsed.isPresent() && sameAuthority(parsed.get(), hostHeader)) {
            return CorsDecision.notCrossOrigin(originHeader);
        }
        String key = writeKey == null || writeKey.isBlank() ? null : writeKey.trim();
        OriginAllowlist allowlist;
        String configKey;
        String scope;
        if (writeKeys.isEmpty()) {
            allowlist = keyless;
            configKey = DEFAULT_ORIGINS_KEY;
            scope = "no write keys are configured, so the origins of " + DEFAULT_ORIGINS_KEY + " apply";
        } else if (key != null && writeKeys.contains(key)) {
            allowlist = perKey.getOrDefault(key, OriginAllowlist.EMPTY);
            configKey = ORIGINS_KEY + key;
            scope = perKey.containsKey(key) ? "write key '" + key + "' allows the origins of " + configKey
                    : "write key '" + key + "' allows no browser origin (" + configKey + " is not set)";
        } else {
            allowlist = anyKey;
            configKey = ORIGINS_KEY + "<write-key>";
            scope = "no write key was named before the body (writeKey query parameter, X-Write-Key or Basic "
                    + "authorization), so the origins of every key apply";
        }
        if (parsed.isEmpty()) {
            return allowlist.allowsOpaque() ? CorsDecision.allowed(originHeader)
                    : CorsDecision.denied(originHeader, "origin '" + originHeader + "' is not allowed: it is not an "
                    + "http(s) origin (an opaque origin such as a sandboxed frame or a file: page is allowed only by '*' in "
                    + configKey + ")", configKey);
        }
        if (allowlist.allows(parsed.get())) {
            return CorsDecision.allowed(originHeader);
        }
        return CorsDecision.denied(originHeader, "origin " + parsed.get().text() + " is not allowed to send events: "
                + scope + "; add it there (comma-separated, e.g. " + configKey + "=" + parsed.get().text() + ")", configKey);
    }

    /**
     * The problem with a preflight's {@code Access-Control-Request-Method} and {@code -Headers}, or empty
     * when the gateway accepts them.
     */
    public static Optional<String> preflightProblem(String requestMethod, String requestHeaders) {
        if (requestMethod == null || !METHODS.contains(requestMethod.trim().toUpperCase(Locale.ROOT))) {
            return Optional.of("method " + requestMethod + " is not accepted from a browser; the gateway accepts "
                    + String.join(", ", METHODS));
        }
        if (requestHeaders != null) {
            for (String header : requestHeaders.split(",")) {
                String name = header.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !HEADERS.contains(name)) {
                    return Optional.of("request header '" + header.trim() + "' is not accepted; the gateway accepts "
                            + String.join(", ", HEADERS));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameAuthority(Origin origin, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        return host.equals(origin.authority()) || host.equals(origin.host() + ":" + origin.port());
    }
}
