package io.clickstream.gateway.config;

import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request carries its write key in the gateway's own convention: the {@code X-Write-Key}
 * header, else the {@code writeKey} query parameter. Every beacon route and the CORS filter read it
 * here, so the convention is spelled once; protocols with their own places (Segment's Basic auth and
 * body, Snowplow's {@code aid}) look there first or after, as their routes say.
 */
public final class WriteKeys {

    public static final String HEADER = "X-Write-Key";
    public static final String QUERY_PARAM = "writeKey";

    private WriteKeys() {
    }

    /** The header's key, else the query parameter's; {@code null} when the request carries neither. */
    public static String fromHeaderOrQuery(HttpServerRequest request) {
        String header = request.getHeader(HEADER);
        return header != null ? header : request.getParam(QUERY_PARAM);
    }
}
