package io.clickstream.gateway.query;

/**
 * Why a query was not answered: a bad parameter (400) or Elasticsearch out of reach (503). Answered
 * as an RFC 9457 problem body by {@link QueryProblemMapper}.
 */
public final class QueryProblem extends RuntimeException {

    private final int status;
    private final String title;

    private QueryProblem(int status, String title, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.title = title;
    }

    static QueryProblem badParameter(String detail) {
        return new QueryProblem(400, "Bad query parameter", detail, null);
    }

    static QueryProblem elasticsearchUnavailable(String detail, Throwable cause) {
        return new QueryProblem(503, "Elasticsearch unavailable", detail, cause);
    }

    static QueryProblem tooManyStreams(int max) {
        return new QueryProblem(503, "Too many live streams", "at most " + max
                + " /api/stream connections are served at once; poll /api/kpis instead or try again later", null);
    }

    public int status() {
        return status;
    }

    public Problem body() {
        return new Problem("about:blank", title, status, getMessage());
    }

    /** RFC 9457 problem details. */
    public record Problem(String type, String title, int status, String detail) {}
}
