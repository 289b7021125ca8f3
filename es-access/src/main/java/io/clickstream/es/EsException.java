package io.clickstream.es;

import java.io.IOException;

/**
 * A request that Elasticsearch refused or that did not reach it. {@link #status()} is the HTTP
 * status, or 0 when there was no answer (connection refused, timeout).
 */
public final class EsException extends IOException {

    private final int status;

    EsException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, 0 without an answer. */
    public int status() {
        return status;
    }

    /** Whether trying again later can succeed: no answer, 429 (too many requests) or a 5xx. */
    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
