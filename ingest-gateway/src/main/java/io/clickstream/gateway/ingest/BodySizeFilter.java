package io.clickstream.gateway.ingest;

import io.clickstream.gateway.config.GatewayConfig;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body whose declared Content-Length is over the limit before it is read, with the same
 * JSON 413 as the other limits. Bodies without Content-Length (chunked) are checked once read.
 */
public class BodySizeFilter {

    // A Provider: filters are created at static init, before runtime configuration exists.
    @Inject
    Provider<GatewayConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response checkDeclaredLength(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return null; // Vert.x already refuses a malformed Content-Length
        }
        int limit = config.get().limits().maxBodyBytes();
        if (length <= limit) {
            return null;
        }
        RequestProblem problem = RequestProblem.tooLarge(RequestLimits.MAX_BODY_BYTES, limit,
                "request body is " + length + " bytes, the limit is " + limit);
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(problem.body()).build();
    }
}
