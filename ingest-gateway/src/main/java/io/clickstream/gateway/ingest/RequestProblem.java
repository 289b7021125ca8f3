package io.clickstream.gateway.ingest;

/**
 * A problem with the request as a whole (not with one event of it): answered with its status and a
 * JSON {@link ErrorBody} by {@link EventsRoute}.
 */
public final class RequestProblem extends RuntimeException {

    private final int status;
    private final String error;
    private final String limit;
    private final Long limitValue;
    private final Integer retryAfterSeconds;

    private RequestProblem(int status, String error, String message, String limit, Long limitValue) {
        this(status, error, message, limit, limitValue, null);
    }

    private RequestProblem(int status, String error, String message, String limit, Long limitValue,
                           Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.limit = limit;
        this.limitValue = limitValue;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: a rate limit refused the request; the client should wait {@code retryAfterSeconds}. */
    public static RequestProblem tooManyRequests(long retryAfterSeconds, String message) {
        return new RequestProblem(429, "rate_limited", message, null, null, (int) Math.min(Integer.MAX_VALUE, retryAfterSeconds));
    }

    public static RequestProblem malformed(String message) {
        return new RequestProblem(400, "malformed_body", message, null, null);
    }

    public static RequestProblem tooLarge(String limit, long value, String message) {
        return new RequestProblem(413, "payload_too_large", message, limit, value);
    }

    public static RequestProblem unsupportedMediaType(String message) {
        return new RequestProblem(415, "unsupported_media_type", message, null, null);
    }

    public static RequestProblem methodNotAllowed(String message) {
        return new RequestProblem(405, "method_not_allowed", message, null, null);
    }

    public static RequestProblem internal(String message) {
        return new RequestProblem(500, "internal_error", message, null, null);
    }

    public static RequestProblem unauthorized(String message) {
        return new RequestProblem(401, "unknown_write_key", message, null, null);
    }

    public int status() {
        return status;
    }

    /** Seconds for the {@code Retry-After} header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage(), limit, limitValue, retryAfterSeconds, null);
    }
}
