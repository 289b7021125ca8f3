package io.clickstream.gateway.cors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.config.WriteKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * CORS for the beacon endpoints ({@code /v1/*}, the pixel {@code /i} and {@code /i.gif}, Snowplow's
 * {@code /com.snowplowanalytics.snowplow/tp2}): a filter ahead of their routes. An allowed origin is
 * echoed with {@code Access-Control-Allow-Credentials: true} and {@code Vary: Origin} (never {@code *}:
 * {@code sendBeacon} and credentialed {@code fetch} refuse a wildcard); preflights are answered here
 * with the accepted methods and headers and {@code Access-Control-Max-Age}. An origin that is not
 * allowed gets no CORS headers and a 403 {@link CorsRejection} naming the property to change, so its
 * events are never taken. Which origins are allowed is {@link CorsPolicy}'s decision.
 *
 * <p>Quarkus' own CORS filter ({@code quarkus.http.cors}) is not used: it has one allowlist for the
 * whole server, not one per write key, and answers a refused origin without saying why.
 */
@Singleton
public class CorsRoute {

    private static final Logger LOG = Logger.getLogger(CorsRoute.class);

    /** The beacon endpoints' paths. */
    // Non-capturing: Vert.x adds a regex route's capturing groups to the request's parameters.
    static final String BEACON_PATHS = "/(?:v1/.*|i|i\\.gif|com\\.snowplowanalytics\\.snowplow/.*)";
    /** Ahead of every beacon route (they register at {@link RouteConstants#ROUTE_ORDER_BEFORE_DEFAULT}). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 500;

    private static final String ALLOWED_METHODS = String.join(", ", CorsPolicy.METHODS) + ", OPTIONS";
    private static final String ALLOWED_HEADERS = "Content-Type, Content-Encoding, X-Write-Key, Authorization";
    /** A page may read these of an answer (the tracker backs off by Retry-After on 429/503). */
    private static final String EXPOSED_HEADERS = "Retry-After";

    private final CorsPolicy policy;
    private final String maxAgeSeconds;
    private final ObjectMapper mapper;
    private final Counter refusedPreflights;
    private final Counter refusedRequests;

    public CorsRoute(GatewayConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.policy = CorsPolicy.of(config.sites().keySet(), config.cors().origins(), config.cors().defaultOrigins());
        this.policy.warnings().forEach(LOG::warn);
        this.maxAgeSeconds = String.valueOf(config.cors().maxAge().toSeconds());
        this.mapper = mapper;
        this.refusedPreflights = refusedCounter(registry, "preflight");
        this.refusedRequests = refusedCounter(registry, "request");
    }

    private static Counter refusedCounter(MeterRegistry registry, String kind) {
        return Counter.builder("clickstream.gateway.cors.refused")
                .description("Cross-origin requests refused because their Origin is not allowed for their write key")
                .tag("kind", kind)
                .register(registry);
    }

    void register(@Observes Router router) {
        router.routeWithRegex(BEACON_PATHS).order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            ctx.next(); // not a browser's cross-origin request (a server, curl, an <img> pixel)
            return;
        }
        String requestMethod = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        boolean preflight = request.method() == HttpMethod.OPTIONS && requestMethod != null;
        CorsDecision decision = policy.decide(origin, WriteKeys.beforeBody(request), host(request));
        HttpServerResponse response = ctx.response();
        if (preflight && decision.verdict() != CorsDecision.Verdict.DENIED) {
            Optional<String> problem = CorsPolicy.preflightProblem(requestMethod,
                    request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS));
            if (problem.isPresent()) {
                refuse(response, CorsDecision.denied(origin, problem.get(), null), refusedPreflights);
                return;
            }
            MultiMap headers = response.headers();
            allow(headers, origin);
            headers.set(HttpHeaders.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAgeSeconds);
            response.setStatusCode(204).end();
            return;
        }
        switch (decision.verdict()) {
            case NOT_CROSS_ORIGIN -> ctx.next();
            case ALLOWED -> {
                allow(response.headers(), origin);
                response.headers().set(HttpHeaders.VARY, "Origin");
                response.headers().set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
                ctx.next();
            }
            case DENIED -> refuse(response, decision, preflight ? refusedPreflights : refusedRequests);
        }
    }

    private static void allow(MultiMap headers, String origin) {
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }

    private void refuse(HttpServerResponse response, CorsDecision decision, Counter counter) {
        counter.increment();
        LOG.debugf("refused origin %s: %s", decision.origin(), decision.message());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(CorsRejection.of(decision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CorsRejection is always serialisable", e);
        }
        response.setStatusCode(403);
        response.headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
        response.end(Buffer.buffer(body));
    }

    private static String host(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null) {
            return request.getHeader(HttpHeaders.HOST);
        }
        return authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
    }
}
