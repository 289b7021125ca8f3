package io.clickstream.gateway.ingest;

/**
 * An answer of {@code POST /v1/events}: status, JSON body and, for 503, the {@code Retry-After} seconds.
 *
 * @param retryAfterSeconds null unless the client should retry later
 */
public record HttpAnswer(int status, byte[] json, Integer retryAfterSeconds) {

    public static HttpAnswer json(int status, byte[] json) {
        return new HttpAnswer(status, json, null);
    }
}
