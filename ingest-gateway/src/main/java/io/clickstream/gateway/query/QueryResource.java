package io.clickstream.gateway.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The read side of the gateway: the numbers spark-analytics wrote to Elasticsearch, for the live page
 * and for scripts. Every answer is bounded (sizes, time ranges) and carries the documents' own field
 * names. Elasticsearch being down makes these answer 503; the beacon endpoints do not depend on it.
 */
@Path("/api")
@Tag(name = "query", description = "KPIs, sessions, rankings, funnels, breakdowns and alerts as spark-analytics writes them to Elasticsearch")
@APIResponse(responseCode = "400", description = "A parameter is malformed or out of bounds",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = QueryProblem.Problem.class)))
@APIResponse(responseCode = "503", description = "Elasticsearch cannot be read (beacons are still accepted)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = QueryProblem.Problem.class)))
public class QueryResource {

    private static final int MAX_TOP = 100;
    private static final int MAX_ALERTS = 100;
    private static final int LIVE_TOP = 10;
    private static final int LIVE_ALERTS = 10;
    private static final int MAX_BREAKDOWN_RANKS = 100;
    /** The live page's breakdown rows per dimension: the job's default 10 kept values and {@code other}, with room to spare. */
    private static final int LIVE_BREAKDOWN_RANKS = 20;
    /** A window counts as ended this long after its end: the job writes its last seconds within a few seconds. */
    private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(15);

    private final KpiReader reader;
    private final QueryConfig config;
    private final AtomicInteger openStreams = new AtomicInteger();

    QueryResource(KpiReader reader, QueryConfig config) {
        this.reader = reader;
        this.config = config;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KpisAnswer(String granularity, String from, String to, List<JsonNode> windows) {}

    public record TopAnswer(String granularity, String dimension, List<JsonNode> items) {}

    public record AlertsAnswer(String since, List<JsonNode> alerts) {}

    public record FunnelAnswer(String granularity, @JsonProperty("window_start") String windowStart, List<JsonNode> steps) {}

    public record BreakdownsAnswer(String granularity, String dimension, @JsonProperty("window_start") String windowStart,
                                   List<JsonNode> items) {}

    @GET
    @Path("/kpis")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KPI windows", description = "KPI documents of one granularity whose window_start is in [from, to), "
            + "newest first (the newest ones may still be in progress: window_end after now), with the documents' field names (page_views, clicks, add_to_cart, purchases, orders, revenue, "
            + "avg_order_value, unique_visitors, ctr, cart_rate, conversion_rate, sessions, bounced_sessions, bounce_rate, "
            + "avg_session_duration_s, pages_per_session, open_sessions, window_start, window_end, updated_at).")
    public KpisAnswer kpis(
            @Parameter(description = "60s/10s (the sliding window, default) or 1h (the hourly roll-up)") @QueryParam("granularity") String granularity,
            @Parameter(description = "ISO-8601 instant; default: to minus 15 minutes") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default: now plus one minute; at most 24 h after from") @QueryParam("to") String to,
            @Parameter(description = "at most this many windows (1-1000, default 100)") @QueryParam("size") String size) {
        String g = QueryParams.granularity(granularity);
        Instant end = QueryParams.instant("to", to, Instant.now().plusSeconds(60));
        Instant start = QueryParams.instant("from", from, end.minus(config.defaultRange()));
        QueryParams.checkRange(start, end, config.maxRange());
        int n = QueryParams.bounded("size", size, 100, config.maxWindows());
        return new KpisAnswer(g, start.toString(), end.toString(), reader.windows(g, start, end, n));
    }

    @GET
    @Path("/top")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Top pages or products", description = "The ranking documents (key, count, revenue, rank, "
            + "window_start, window_end), by rank, of the newest window that ended at least 15 s ago (before any has: the newest in progress).")
    public TopAnswer top(
            @Parameter(description = "page or product", required = true) @QueryParam("dimension") String dimension,
            @Parameter(description = "60s/10s (default) or 1h") @QueryParam("granularity") String granularity,
            @Parameter(description = "at most this many ranks (1-100, default 10)") @QueryParam("limit") String limit) {
        String d = QueryParams.dimension(dimension);
        String g = QueryParams.granularity(granularity);
        int n = QueryParams.bounded("limit", limit, 10, MAX_TOP);
        return new TopAnswer(g, d, reader.top(g, d, n, Instant.now().minus(SETTLE)));
    }

    @GET
    @Path("/funnel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Funnel steps", description = "The funnel's step documents (funnel, step, step_name, sessions, drop_off, "
            + "conversion_rate, step_conversion_rate, window_start, window_end, updated_at), by step, of the window starting at "
            + "window_start, else of the newest window that ended at least 15 s ago; steps is empty when there is none.")
    public FunnelAnswer funnel(
            @Parameter(description = "60s/10s (default) or 1h") @QueryParam("granularity") String granularity,
            @Parameter(description = "ISO-8601 start of the window; default: the newest ended window") @QueryParam("window_start") String windowStart) {
        String g = QueryParams.granularity(granularity);
        Instant start = QueryParams.instant("window_start", windowStart, null);
        List<JsonNode> steps = reader.funnel(g, start, Instant.now().minus(SETTLE));
        return new FunnelAnswer(g, windowStartOf(steps, start), steps);
    }

    @GET
    @Path("/breakdowns")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "KPIs by site, traffic source or device", description = "The breakdown documents of one dimension (key, rank, "
            + "page_views, clicks, add_to_cart, purchases, orders, revenue, avg_order_value, unique_visitors, ctr, cart_rate, "
            + "conversion_rate, window_start, window_end, updated_at), by rank (the kept values, then other), of the window starting "
            + "at window_start, else of the newest window that ended at least 15 s ago; items is empty when there is none.")
    public BreakdownsAnswer breakdowns(
            @Parameter(description = "site, referrer, utm_source, utm_medium, utm_campaign, device, browser or os", required = true)
            @QueryParam("dimension") String dimension,
            @Parameter(description = "60s/10s (default) or 1h") @QueryParam("granularity") String granularity,
            @Parameter(description = "ISO-8601 start of the window; default: the newest ended window") @QueryParam("window_start") String windowStart,
            @Parameter(description = "at most this many ranks (1-100, default 100)") @QueryParam("limit") String limit) {
        BreakdownDimension d = QueryParams.breakdownDimension(dimension);
        String g = QueryParams.granularity(granularity);
        Instant start = QueryParams.instant("window_start", windowStart, null);
        int n = QueryParams.bounded("limit", limit, MAX_BREAKDOWN_RANKS, MAX_BREAKDOWN_RANKS);
        List<JsonNode> items = reader.breakdowns(g, d, n, start, Instant.now().minus(SETTLE));
        return new BreakdownsAnswer(g, d.wireName(), windowStartOf(items, start), items);
    }

    /** The window the documents belong to: the one asked for, else theirs, else none. */
    private static String windowStartOf(List<JsonNode> docs, Instant asked) {
        if (asked != null) {
            return asked.toString();
        }
        return docs.isEmpty() ? null : docs.get(0).path("window_start").asText();
    }

    @GET
    @Path("/alerts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Latest alerts", description = "Alert documents (rule, severity, entity, window_start, window_end, "
            + "observed, threshold, first_seen, updated_at, sample_event_ids) updated at or after since, most recent first.")
    public AlertsAnswer alerts(
            @Parameter(description = "ISO-8601 instant, at most 24 h ago; default: 15 minutes ago") @QueryParam("since") String since,
            @Parameter(description = "at most this many alerts (1-100, default 20)") @QueryParam("size") String size) {
        Instant now = Instant.now();
        Instant s = QueryParams.instant("since", since, now.minus(config.defaultRange()));
        if (s.isBefore(now.minus(config.maxRange()))) {
            throw QueryProblem.badParameter("since may be at most " + config.maxRange().toHours() + " h ago, got " + s);
        }
        int n = QueryParams.bounded("size", size, 20, MAX_ALERTS);
        return new AlertsAnswer(s.toString(), reader.alerts(s, n));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live snapshots (Server-Sent Events)", description = "Every clickstream.query.stream-interval "
            + "(default 2 s) one event with the 60s/10s windows of the last 15 minutes (with their session fields), the newest "
            + "top 10 pages and products, the funnel steps and the breakdowns of every dimension of the newest ended window, "
            + "and the latest 10 alerts. When Elasticsearch cannot be read the event carries a problem and the stream goes on.")
    public Multi<LiveSnapshot> stream() {
        if (openStreams.incrementAndGet() > config.maxStreams()) {
            openStreams.decrementAndGet();
            throw QueryProblem.tooManyStreams(config.maxStreams());
        }
        return Multi.createFrom().ticks().startingAfter(java.time.Duration.ofMillis(1)).every(config.streamInterval())
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> snapshot())
                .onTermination().invoke(openStreams::decrementAndGet);
    }

    /** One live snapshot; a failed read becomes the snapshot's problem instead of ending the stream. */
    LiveSnapshot snapshot() {
        Instant now = Instant.now();
        String g = TimeWindows.DEFAULT_GRANULARITY;
        try {
            Instant to = now.plusSeconds(60);
            return new LiveSnapshot(now.toString(), g,
                    reader.windows(g, to.minus(config.defaultRange()), to, 200),
                    reader.top(g, "page", LIVE_TOP, now.minus(SETTLE)),
                    reader.top(g, "product", LIVE_TOP, now.minus(SETTLE)),
                    reader.funnel(g, null, now.minus(SETTLE)),
                    reader.allBreakdowns(g, LIVE_BREAKDOWN_RANKS, now.minus(SETTLE)),
                    reader.alerts(now.minus(config.defaultRange()), LIVE_ALERTS),
                    null);
        } catch (QueryProblem e) {
            return new LiveSnapshot(now.toString(), g, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), e.body());
        }
    }
}
