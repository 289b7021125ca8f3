package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.config.WriteKeys;
import io.clickstream.gateway.protocol.Mapped;
import io.clickstream.gateway.protocol.pixel.PixelMapper;
import io.clickstream.gateway.protocol.snowplow.SnowplowMapper;
import io.clickstream.gateway.publish.GatewayMetrics;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints for trackers that cannot post our JSON: the tracking pixel {@code GET /i} (also
 * {@code /i.gif}) with the event in query parameters — our field names, or Snowplow's parameters when
 * the query names an event kind {@code e} — and Snowplow's {@code POST /com.snowplowanalytics.snowplow/tp2}.
 *
 * <p>{@code GET /i} always answers with a 1×1 transparent GIF and {@code Cache-Control: no-store}: a
 * browser cannot show an error, so an invalid event still gets the GIF (status 200,
 * {@code X-Clickstream-Status: rejected}), goes to {@code events_dlq} with its reason and is counted.
 * The status is not 2xx only when the event was not stored and a retry may help (401, 429, 503).
 */
@Singleton
public class TrackerRoutes {

    static final String PIXEL_REGEX = "^/i(\\.gif)?$";
    static final String SNOWPLOW_POST = "/com.snowplowanalytics.snowplow/tp2";
    /** The smallest transparent 1×1 GIF (43 bytes). */
    static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final CharSequence IMAGE_GIF = HttpHeaders.createOptimized("image/gif");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence STATUS_HEADER = HttpHeaders.createOptimized("X-Clickstream-Status");
    private static final CharSequence CONTENT_ENCODING = HttpHeaders.createOptimized("Content-Encoding");

    private final RequestLimits limits;
    private final SnowplowMapper snowplow;
    private final BodyReader bodyReader;
    private final ClientRequests clients;
    private final RateLimitGate rateLimits;
    private final ForeignIngest foreign;
    private final GatewayMetrics metrics;

    public TrackerRoutes(GatewayConfig config, SnowplowMapper snowplow, BodyReader bodyReader, ClientRequests clients,
                         RateLimitGate rateLimits, ForeignIngest foreign, GatewayMetrics metrics) {
        this.limits = RequestLimits.from(config.limits());
        this.snowplow = snowplow;
        this.bodyReader = bodyReader;
        this.clients = clients;
        this.rateLimits = rateLimits;
        this.foreign = foreign;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(PIXEL_REGEX).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::pixel);
        router.route(SNOWPLOW_POST).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::snowplowPost);
    }

    void pixel(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.ALLOW, "GET");
            gif(response, 405, "method_not_allowed");
            return;
        }
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            // The query string only: request.params() also holds what other routes add (a regex route's
            // groups arrive as param0, param1 …), which is not the client's event.
            Map<String, String> params = firstValues(ctx.queryParams());
            boolean isSnowplow = SnowplowMapper.isSnowplow(params);
            String writeKey = WriteKeys.beforeBody(request);
            if (writeKey == null && isSnowplow) {
                writeKey = params.get("aid");
            }
            String site = clients.site(writeKey, "writeKey query parameter" + (isSnowplow ? " or Snowplow's aid" : ""));
            String client = clients.clientAddress(request);
            rateLimits.check(writeKey, client);
            String original = request.query() == null ? "" : request.query();
            Mapped mapped = isSnowplow ? snowplow.map(params, receivedAt) : new Mapped.Event(PixelMapper.map(params));
            RequestMeta meta = clients.meta(request, client, site, receivedAt);
            String protocol = isSnowplow ? SnowplowMapper.PROTOCOL : "pixel";
            foreign.process(new ForeignBatch(List.of(mapped), List.of(original), false), meta, protocol)
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            gif(response, 500, "internal_error");
                        } else if (result.unavailable() != null) {
                            response.putHeader("Retry-After", String.valueOf(result.unavailable().retryAfterSeconds()));
                            gif(response, 503, "kafka_unavailable");
                        } else {
                            String status = result.response().results().get(0).status();
                            if (status.equals("rejected")) {
                                metrics.pixelInvalid();
                            }
                            gif(response, 200, status);
                        }
                    });
        } catch (RequestProblem problem) {
            if (problem.retryAfterSeconds() != null) {
                response.putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
            }
            gif(response, problem.status(), problem.body().error());
        } catch (RuntimeException e) {
            gif(response, 500, "internal_error");
        }
    }

    void snowplowPost(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            foreign.problem(ctx.response(), RequestProblem.methodNotAllowed(
                    request.method() + " is not supported on " + SNOWPLOW_POST + "; trackers POST payload_data here"));
            return;
        }
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        bodyReader.read(ctx, limits.maxBodyBytes(), body -> snowplowBody(ctx, body, receivedAt),
                problem -> foreign.problem(ctx.response(), problem));
    }

    private void snowplowBody(RoutingContext ctx, byte[] body, Instant receivedAt) {
        HttpServerRequest request = ctx.request();
        try {
            JsonNode root = BodyDecoder.jsonObject(body, request.getHeader(CONTENT_ENCODING), limits);
            JsonNode data = root.get("data");
            if (data == null || !data.isArray() || data.isEmpty()) {
                throw RequestProblem.malformed("a tp2 body is Snowplow's payload_data: {\"schema\":\"iglu:com.snowplowanalytics."
                        + "snowplow/payload_data/jsonschema/1-0-4\",\"data\":[{\"e\":\"pv\",…}]}");
            }
            if (data.size() > limits.maxEventsPerBatch()) {
                throw RequestProblem.tooLarge(RequestLimits.MAX_EVENTS_PER_BATCH, limits.maxEventsPerBatch(),
                        "payload_data holds " + data.size() + " events, the limit is " + limits.maxEventsPerBatch());
            }
            String writeKey = WriteKeys.beforeBody(request);
            if (writeKey == null && data.get(0).path("aid").isTextual()) {
                writeKey = data.get(0).get("aid").textValue();
            }
            String site = clients.site(writeKey, "X-Write-Key header, writeKey query parameter or Snowplow's aid");
            String client = clients.clientAddress(request);
            rateLimits.check(writeKey, client);
            List<Mapped> mapped = new ArrayList<>(data.size());
            List<String> originals = new ArrayList<>(data.size());
            for (JsonNode element : data) {
                originals.add(element.toString());
                mapped.add(element.isObject() ? snowplow.map(strings(element), receivedAt)
                        : new Mapped.Event(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
            }
            RequestMeta meta = clients.meta(request, client, site, receivedAt);
            foreign.answerJson(ctx.response(), new ForeignBatch(mapped, originals, data.size() > 1), meta,
                    SnowplowMapper.PROTOCOL);
        } catch (RequestProblem problem) {
            foreign.problem(ctx.response(), problem);
        } catch (RuntimeException e) {
            foreign.internalError(ctx.response(), SnowplowMapper.PROTOCOL, e);
        }
    }

    /** Snowplow's values are strings; anything else is read as its text. */
    private static Map<String, String> strings(JsonNode element) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (!v.isNull()) {
                out.put(field.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return out;
    }

    private static Map<String, String> firstValues(MultiMap params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : params) {
            out.putIfAbsent(entry.getKey(), entry.getValue());
        }
        return out;
    }

    private static void gif(HttpServerResponse response, int status, String outcome) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        response.putHeader(STATUS_HEADER, outcome);
        ForeignIngest.end(response, status, IMAGE_GIF, Buffer.buffer(GIF));
    }
}
