package io.clickstream.gateway.query;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a {@link QueryProblem} as {@code application/problem+json}; 503s say when to try again. */
public class QueryProblemMapper {

    @ServerExceptionMapper
    public Response map(QueryProblem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type("application/problem+json")
                .entity(problem.body());
        if (problem.status() == 503) {
            response.header("Retry-After", "5");
        }
        return response.build();
    }
}
