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

    private RequestProblem(int status, String error, String message, String limit, Long limitValue) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.limit = limit;
        this.limitValue = limitValue;
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

    public ErrorBody body() {
        return new ErrorBody(error, getMessage(), limit, limitValue, null, null);
    }
}
