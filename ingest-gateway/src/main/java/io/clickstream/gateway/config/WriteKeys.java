package io.clickstream.gateway.config;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a request carries its write key before its body is read: the user name of HTTP Basic
 * authorization (how Segment's SDKs send it), else the {@code X-Write-Key} header, else the
 * {@code writeKey} query parameter. Every beacon route and the CORS filter read it here, so the CORS
 * decision (taken before the body) and the route (which may also look in the body: Segment's
 * {@code writeKey}, Snowplow's {@code aid}) always agree on a key named before the body.
 */
public final class WriteKeys {

    public static final String HEADER = "X-Write-Key";
    public static final String QUERY_PARAM = "writeKey";

    private WriteKeys() {
    }

    /** Basic's user name, else the header's key, else the query parameter's; {@code null} when none is given. */
    public static String beforeBody(HttpServerRequest request) {
        String basic = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        return basic != null ? basic : fromHeaderOrQuery(request);
    }

    /** The header's key, else the query parameter's; {@code null} when the request carries neither. */
    private static String fromHeaderOrQuery(HttpServerRequest request) {
        String header = request.getHeader(HEADER);
        return header != null ? header : request.getParam(QUERY_PARAM);
    }

    /**
     * The user name of an {@code Authorization: Basic …} value; {@code null} for another scheme, a value
     * that is not Base64, or an empty user name (the route then looks elsewhere and, with keys
     * configured, answers 401 for a missing key).
     */
    public static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = credentials.indexOf(':');
        String user = colon < 0 ? credentials : credentials.substring(0, colon);
        return user.isEmpty() ? null : user;
    }
}
