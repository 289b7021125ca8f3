package io.clickstream.gateway.ingest;

import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.config.PrivacyAction;
import io.clickstream.gateway.enrich.ClientAddressResolver;
import io.clickstream.gateway.enrich.IpAnonymizer;
import io.clickstream.gateway.enrich.PrivacyPolicy;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The native beacon API. In: one event, a JSON array or NDJSON (text/plain is read as JSON; gzip
 * accepted). Out: per-event results, sent only once Kafka acknowledged every accepted event.
 *
 * <p>Runs on the Vert.x event loop: decoding, validation and enrichment are CPU work without I/O, and
 * the only call that may block ({@code KafkaProducer.send}, for metadata) runs on the publisher's own
 * send thread. Dispatching each request to a worker thread cost a thread hop and, with dozens of
 * workers on two cores, contention in the producer. The response completes asynchronously.
 */
@Path("/v1/events")
public class EventsResource {

    static final String WRITE_KEY_HEADER = "X-Write-Key";

    private final GatewayConfig config;
    private final IngestService ingest;
    private final RequestLimits limits;
    private final CompactEventReader compactReader;

    public EventsResource(GatewayConfig config, IngestService ingest, CompactEventReader compactReader) {
        this.config = config;
        this.ingest = ingest;
        this.limits = RequestLimits.from(config.limits());
        this.compactReader = compactReader;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest events",
            description = "One event (JSON object), a JSON array of events, or NDJSON. text/plain bodies "
                    + "(navigator.sendBeacon) are parsed as JSON; Content-Encoding: gzip is accepted. A 2xx "
                    + "means every accepted event is in Kafka.")
    @APIResponse(responseCode = "200", description = "Processed: per-event results (accepted, duplicate, rejected, dropped)")
    @APIResponse(responseCode = "400", description = "Malformed body, or the single event sent is rejected (results name field and rule)")
    @APIResponse(responseCode = "401", description = "Write keys are configured and the request's key is unknown or missing")
    @APIResponse(responseCode = "413", description = "A limit is exceeded; the body names the limit and its value")
    @APIResponse(responseCode = "415", description = "Unsupported Content-Type or Content-Encoding")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; resend (same event_id) after Retry-After")
    public CompletionStage<jakarta.ws.rs.core.Response> post(
            byte[] body,
            @Context HttpServerRequest request,
            @Parameter(description = "write key, if not sent as the X-Write-Key header") @QueryParam("writeKey") String writeKeyParam) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String writeKey = request.getHeader(WRITE_KEY_HEADER) != null ? request.getHeader(WRITE_KEY_HEADER) : writeKeyParam;
        String site = SiteResolver.resolve(config.sites(), config.defaultSite(), writeKey)
                .orElseThrow(() -> RequestProblem.unauthorized(writeKey == null || writeKey.isBlank()
                        ? "a write key is required (X-Write-Key header or writeKey query parameter)"
                        : "unknown write key"));
        DecodedBody decoded = BodyDecoder.decode(body == null ? new byte[0] : body,
                request.getHeader("Content-Type"), request.getHeader("Content-Encoding"), limits, compactReader);

        PrivacyAction privacy = PrivacyPolicy.decide(request.getHeader("DNT"), request.getHeader("Sec-GPC"),
                config.privacy().dnt(), config.privacy().gpc());
        String anonymisedIp = null;
        if (privacy == PrivacyAction.IGNORE) {
            String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
            String client = ClientAddressResolver.resolve(peer, request.headers().getAll("X-Forwarded-For"),
                    config.client().trustedProxyHops());
            anonymisedIp = IpAnonymizer.anonymize(client).orElse(null);
        }
        RequestMeta meta = new RequestMeta(receivedAt, anonymisedIp, site, privacy);
        return ingest.ingest(decoded, meta, respondOn());
    }

    /** The request's Vert.x context, so the response is completed there and not on a Kafka thread. */
    private static Executor respondOn() {
        io.vertx.core.Context context = Vertx.currentContext();
        if (context == null) {
            return ForkJoinPool.commonPool();
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
