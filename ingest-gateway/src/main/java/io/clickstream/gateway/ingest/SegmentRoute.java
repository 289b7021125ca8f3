package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.config.WriteKeys;
import io.clickstream.gateway.protocol.Mapped;
import io.clickstream.gateway.protocol.segment.SegmentMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Segment's HTTP Tracking API: {@code POST /v1/track}, {@code /v1/page}, {@code /v1/identify},
 * {@code /v1/batch} and {@code /v1/import} (with or without a trailing slash), so that Segment's
 * SDKs pointed at the gateway deliver unchanged. The write key comes as Segment sends it — HTTP Basic
 * with the key as user name — or as {@code writeKey} in the body (or the gateway's own header/parameter).
 * Messages are mapped by {@link SegmentMapper} and go through the ingest core; the answer is 200 with
 * {@code "success":true} and per-message results, and 429/5xx (which Segment's clients retry) only when
 * a retry may succeed.
 */
@Singleton
public class SegmentRoute {

    static final String PATH_REGEX = "^/v1/(track|page|identify|batch|import)/?$";
    private static final CharSequence CONTENT_ENCODING = HttpHeaders.createOptimized("Content-Encoding");

    private final RequestLimits limits;
    private final SegmentMapper mapper;
    private final BodyReader bodyReader;
    private final ClientRequests clients;
    private final RateLimitGate rateLimits;
    private final ForeignIngest foreign;

    public SegmentRoute(GatewayConfig config, SegmentMapper mapper, BodyReader bodyReader, ClientRequests clients,
                        RateLimitGate rateLimits, ForeignIngest foreign) {
        this.limits = RequestLimits.from(config.limits());
        this.mapper = mapper;
        this.bodyReader = bodyReader;
        this.clients = clients;
        this.rateLimits = rateLimits;
        this.foreign = foreign;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(PATH_REGEX).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            foreign.problem(ctx.response(), RequestProblem.methodNotAllowed(
                    request.method() + " is not supported on " + request.path() + "; Segment calls are POSTed"));
            return;
        }
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String call = ctx.pathParam("param0");
        bodyReader.read(ctx, limits.maxBodyBytes(), body -> process(ctx, call, body, receivedAt),
                problem -> foreign.problem(ctx.response(), problem));
    }

    private void process(RoutingContext ctx, String call, byte[] body, Instant receivedAt) {
        HttpServerRequest request = ctx.request();
        try {
            JsonNode root = BodyDecoder.jsonObject(body, request.getHeader(CONTENT_ENCODING), limits);
            String writeKey = writeKey(request, root);
            String site = clients.site(writeKey, "HTTP Basic with the write key as user name, or writeKey in the body");
            String client = clients.clientAddress(request);
            rateLimits.check(writeKey, client);

            boolean batch = call.equals("batch") || call.equals("import");
            List<JsonNode> messages = new ArrayList<>();
            String batchSentAt = null;
            if (batch) {
                JsonNode array = root.get("batch");
                if (array == null || !array.isArray() || array.isEmpty()) {
                    throw RequestProblem.malformed("a Segment " + call + " body needs a non-empty \"batch\" array of calls");
                }
                if (array.size() > limits.maxEventsPerBatch()) {
                    throw RequestProblem.tooLarge(RequestLimits.MAX_EVENTS_PER_BATCH, limits.maxEventsPerBatch(),
                            "the batch holds " + array.size() + " calls, the limit is " + limits.maxEventsPerBatch());
                }
                JsonNode batchContext = root.get("context");
                array.forEach(message -> {
                    if (message instanceof ObjectNode o && batchContext != null && !o.has("context")) {
                        o.set("context", batchContext); // Segment: batch-level context applies to every call
                    }
                    messages.add(message);
                });
                batchSentAt = root.path("sentAt").isTextual() ? root.get("sentAt").textValue() : null;
            } else {
                messages.add(root);
            }
            List<Mapped> mapped = new ArrayList<>(messages.size());
            List<String> originals = new ArrayList<>(messages.size());
            for (JsonNode message : messages) {
                String text = message.toString();
                originals.add(text);
                mapped.add(mapper.map(message, batch ? null : call, batchSentAt, text, receivedAt));
            }
            RequestMeta meta = clients.meta(request, client, site, receivedAt);
            foreign.answerJson(ctx.response(), new ForeignBatch(mapped, originals, batch), meta, SegmentMapper.PROTOCOL);
        } catch (RequestProblem problem) {
            foreign.problem(ctx.response(), problem);
        } catch (RuntimeException e) {
            foreign.internalError(ctx.response(), SegmentMapper.PROTOCOL, e);
        }
    }

    /**
     * The key named before the body (Basic auth's user name, as Segment's SDKs send it, else the
     * gateway's header or query parameter), else {@code writeKey} in the body.
     */
    static String writeKey(HttpServerRequest request, JsonNode body) {
        String beforeBody = WriteKeys.beforeBody(request);
        if (beforeBody != null) {
            return beforeBody;
        }
        JsonNode inBody = body.get("writeKey");
        return inBody != null && inBody.isTextual() ? inBody.textValue() : null;
    }
}
