package io.clickstream.gateway.ingest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers whole-request problems with their status and a JSON body naming the limit or rule. */
public class RequestProblemMapper {

    @ServerExceptionMapper
    public Response map(RequestProblem problem) {
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(problem.body()).build();
    }
}
