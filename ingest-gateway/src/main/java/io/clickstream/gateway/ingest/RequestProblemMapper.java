package io.clickstream.gateway.ingest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers what the REST layer refuses (an unknown path, a wrong method) with the gateway's JSON error body. */
public class RequestProblemMapper {

    /**
     * Problems the HTTP layer finds before our resource runs (an unparseable Content-Type, an unknown
     * path, a wrong method) get the same JSON shape, so every 4xx says what was wrong.
     */
    @ServerExceptionMapper
    public Response map(jakarta.ws.rs.WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String error = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String message = status == 415
                ? "unsupported or unparseable Content-Type; send application/json, application/x-ndjson or text/plain"
                : e.getMessage() == null || e.getMessage().isBlank() ? e.getResponse().getStatusInfo().getReasonPhrase() : e.getMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, message, null, null, null, null)).build();
    }
}
