package io.clickstream.gateway.cors;

/**
 * What the gateway does with a request's {@code Origin}.
 *
 * @param verdict   see {@link Verdict}
 * @param origin    the {@code Origin} header as sent (echoed when allowed); null when there was none
 * @param message   for {@link Verdict#DENIED}: why, and what to change
 * @param configKey for {@link Verdict#DENIED}: the property that would allow the origin
 */
public record CorsDecision(Verdict verdict, String origin, String message, String configKey) {

    public enum Verdict {
        /** No {@code Origin}, or the gateway's own: not a cross-origin request, no CORS headers. */
        NOT_CROSS_ORIGIN,
        /** A cross-origin request from an allowed origin: the origin is echoed with credentials allowed. */
        ALLOWED,
        /** A cross-origin request from an origin not allowed: no CORS headers, the request is refused. */
        DENIED
    }

    static CorsDecision notCrossOrigin(String origin) {
        return new CorsDecision(Verdict.NOT_CROSS_ORIGIN, origin, null, null);
    }

    static CorsDecision allowed(String origin) {
        return new CorsDecision(Verdict.ALLOWED, origin, null, null);
    }

    static CorsDecision denied(String origin, String message, String configKey) {
        return new CorsDecision(Verdict.DENIED, origin, message, configKey);
    }
}
