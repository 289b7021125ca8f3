package io.clickstream.gateway.ingest;

import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.config.WriteKeys;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jboss.logging.Logger;

/**
 * The native beacon API, {@code POST /v1/events}. In: one event, a JSON array or NDJSON (text/plain is
 * read as JSON; gzip accepted). Out: per-event results, sent only once Kafka acknowledged every
 * accepted event. Its OpenAPI entry is {@code META-INF/openapi.yaml}.
 *
 * <p>A Vert.x route rather than a JAX-RS resource: the REST layer's handler chain around the method
 * (request mapping, filters, content negotiation, entity writers, the response builder) was ~15 % of
 * the gateway's CPU under batch load (JFR, docs/benchmarks-gateway.md), for a single path whose answers
 * are all JSON bodies this class writes itself. What that chain did is done here: the declared body
 * size is checked before the body is read (and a chunked body as it arrives), {@code Expect: 100-continue}
 * is answered, and whole-request problems get their status and JSON {@link ErrorBody}.
 *
 * <p>Runs on the Vert.x event loop: decoding, validation and enrichment are CPU work without I/O, and
 * the only call that may block ({@code KafkaProducer.send}, for metadata) runs on the publisher's own
 * send thread. The answer is written on the request's context once Kafka acknowledged.
 */
@Singleton
public class EventsRoute {

    private static final Logger LOG = Logger.getLogger(EventsRoute.class);

    static final String PATH = "/v1/events";
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
    private static final CharSequence CONTENT_ENCODING = HttpHeaders.createOptimized("Content-Encoding");

    private final IngestService ingest;
    private final RequestLimits limits;
    private final CompactEventReader compactReader;
    private final BodyReader bodyReader;
    private final ClientRequests clients;
    private final RateLimitGate rateLimits;

    public EventsRoute(GatewayConfig config, IngestService ingest, CompactEventReader compactReader,
                       BodyReader bodyReader, ClientRequests clients, RateLimitGate rateLimits) {
        this.ingest = ingest;
        this.limits = RequestLimits.from(config.limits());
        this.compactReader = compactReader;
        this.bodyReader = bodyReader;
        this.clients = clients;
        this.rateLimits = rateLimits;
    }

    /** Before the REST layer's routes, after Quarkus' own (start time, upload limit, access log). */
    void register(@Observes Router router) {
        router.route(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            write(ctx.response(), ingest.problem(RequestProblem.methodNotAllowed(
                    request.method() + " is not supported on " + PATH + "; send events with POST")));
            return;
        }
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        bodyReader.read(ctx, limits.maxBodyBytes(), body -> process(ctx, body, receivedAt),
                problem -> write(ctx.response(), ingest.problem(problem)));
    }

    private void process(RoutingContext ctx, byte[] body, Instant receivedAt) {
        HttpServerRequest request = ctx.request();
        try {
            String writeKey = WriteKeys.beforeBody(request);
            String site = clients.site(writeKey, "X-Write-Key header or writeKey query parameter");
            String client = clients.clientAddress(request);
            rateLimits.check(writeKey, client);
            DecodedBody decoded = BodyDecoder.decode(body, request.getHeader(HttpHeaders.CONTENT_TYPE),
                    request.getHeader(CONTENT_ENCODING), limits, compactReader);
            RequestMeta meta = clients.meta(request, client, site, receivedAt);
            ingest.ingest(decoded, meta, respondOn()).whenComplete((answer, error) -> {
                if (error != null) {
                    internalError(ctx.response(), error);
                } else {
                    write(ctx.response(), answer);
                }
            });
        } catch (RequestProblem problem) {
            write(ctx.response(), ingest.problem(problem));
        } catch (RuntimeException e) {
            internalError(ctx.response(), e);
        }
    }

    private void internalError(HttpServerResponse response, Throwable error) {
        LOG.errorf(error, "POST %s failed", PATH);
        write(response, ingest.problem(RequestProblem.internal("the gateway could not process the request")));
    }

    static void write(HttpServerResponse response, HttpAnswer answer) {
        if (response.ended() || response.closed()) {
            return; // the client went away, or a too-large body was already answered
        }
        response.setStatusCode(answer.status());
        response.headers().set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
        if (answer.retryAfterSeconds() != null) {
            response.headers().set(RETRY_AFTER, String.valueOf(answer.retryAfterSeconds()));
        }
        response.end(Buffer.buffer(answer.json()));
    }

    /** The request's Vert.x context, so the answer is built there and not on a Kafka thread. */
    static Executor respondOn() {
        io.vertx.core.Context context = Vertx.currentContext();
        if (context == null) {
            return ForkJoinPool.commonPool();
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
