package io.clickstream.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Reads the KPI (with their session fields), top-N, funnel, breakdown and alert documents through the aliases the Spark job installs. Every search
 * body is built as a JSON tree with the request's values as JSON values (terms, range bounds, sizes),
 * so user input never becomes query syntax. A missing index (the job has not started yet) is an empty
 * answer; Elasticsearch out of reach or failing is a {@link QueryProblem} 503.
 */
@ApplicationScoped
public class KpiReader {

    /** Only the documents' own fields come back, nothing of Elasticsearch's envelope. */
    private static final String FILTER_PATH = "hits.hits._source";

    private final RestClient client;
    private final ObjectMapper mapper;

    KpiReader(RestClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** KPI windows of one granularity whose {@code window_start} is in [from, to), newest first. */
    public List<JsonNode> windows(String granularity, Instant from, Instant to, int size) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", size);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("granularity", granularity);
        ObjectNode range = filter.addObject().putObject("range").putObject("window_start");
        range.put("gte", from.toString());
        range.put("lt", to.toString());
        // Top-N and breakdown documents carry a dimension, funnel documents a step; KPI documents neither.
        ArrayNode mustNot = bool.putArray("must_not");
        mustNot.addObject().putObject("exists").put("field", "dimension");
        mustNot.addObject().putObject("exists").put("field", "step");
        body.putArray("sort").addObject().put("window_start", "desc");
        return search(TimeWindows.KPIS_ALIAS, body);
    }

    /**
     * The funnel's step documents, by step, of the window starting at {@code windowStart}; without one,
     * of the newest window that has ended by {@code endedBy} (a window in progress holds only part of
     * its sessions). Empty when there is none.
     */
    public List<JsonNode> funnel(String granularity, Instant windowStart, Instant endedBy) {
        ObjectNode query = filtered(granularity);
        filters(query).addObject().putObject("exists").put("field", "step");
        return windowDocuments(query, windowStart, endedBy, TimeWindows.MAX_FUNNEL_STEPS, "step");
    }

    /**
     * The breakdown documents of one dimension, by rank (the kept values, then {@code other}), of the
     * window starting at {@code windowStart}; without one, of the newest window that has ended by
     * {@code endedBy}. Empty when there is none.
     */
    public List<JsonNode> breakdowns(String granularity, BreakdownDimension dimension, int limit, Instant windowStart,
                                     Instant endedBy) {
        ObjectNode query = filtered(granularity);
        filters(query).addObject().putObject("term").put("dimension", dimension.wireName());
        return windowDocuments(query, windowStart, endedBy, limit, "rank");
    }

    /**
     * The breakdown documents of every dimension of the newest window that has ended by {@code endedBy}
     * (one search for the window, one for its documents), grouped by dimension in the order of
     * {@link BreakdownDimension}, each by rank; a dimension without documents maps to an empty list.
     */
    public Map<String, List<JsonNode>> allBreakdowns(String granularity, int limitPerDimension, Instant endedBy) {
        ObjectNode query = filtered(granularity);
        ArrayNode names = filters(query).addObject().putObject("terms").putArray("dimension");
        BreakdownDimension.wireNames().forEach(names::add);
        List<JsonNode> docs = windowDocuments(query, null, endedBy,
                limitPerDimension * BreakdownDimension.values().length, "rank");
        Map<String, List<JsonNode>> byDimension = new LinkedHashMap<>();
        BreakdownDimension.wireNames().forEach(d -> byDimension.put(d, new ArrayList<>()));
        for (JsonNode doc : docs) {
            List<JsonNode> items = byDimension.get(doc.path("dimension").asText());
            if (items != null && items.size() < limitPerDimension) {
                items.add(doc);
            }
        }
        return byDimension;
    }

    /**
     * The documents matching {@code query} of one window, sorted by {@code sortField} ascending: the
     * window starting at {@code windowStart}, else the newest that ended by {@code endedBy}.
     */
    private List<JsonNode> windowDocuments(ObjectNode query, Instant windowStart, Instant endedBy, int size, String sortField) {
        String start;
        if (windowStart != null) {
            start = windowStart.toString();
        } else {
            ObjectNode newestQuery = query.deepCopy();
            filters(newestQuery).addObject().putObject("range").putObject("window_end").put("lte", endedBy.toString());
            ObjectNode newest = mapper.createObjectNode();
            newest.put("size", 1);
            newest.set("query", newestQuery);
            newest.putArray("sort").addObject().put("window_start", "desc");
            List<JsonNode> hit = search(TimeWindows.KPIS_ALIAS, newest);
            if (hit.isEmpty()) {
                return List.of();
            }
            start = hit.get(0).path("window_start").asText();
        }
        ObjectNode windowQuery = query.deepCopy();
        filters(windowQuery).addObject().putObject("term").put("window_start", start);
        ObjectNode body = mapper.createObjectNode();
        body.put("size", size);
        body.set("query", windowQuery);
        body.putArray("sort").addObject().put(sortField, "asc");
        return search(TimeWindows.KPIS_ALIAS, body);
    }

    private ObjectNode filtered(String granularity) {
        ObjectNode query = mapper.createObjectNode();
        query.putObject("bool").putArray("filter").addObject().putObject("term").put("granularity", granularity);
        return query;
    }

    private static ArrayNode filters(ObjectNode query) {
        return (ArrayNode) query.path("bool").path("filter");
    }

    /**
     * The top-N documents, by rank, of the newest window that has ended by {@code now} and has any for
     * this dimension; before any window has ended, of the newest one in progress. A window in progress
     * holds only part of its minute, so its ranking is not yet the window's.
     */
    public List<JsonNode> top(String granularity, String dimension, int limit, Instant now) {
        List<JsonNode> hit = newestTop(granularity, dimension, now);
        if (hit.isEmpty()) {
            hit = newestTop(granularity, dimension, null);
        }
        if (hit.isEmpty()) {
            return List.of();
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("size", limit);
        body.set("query", topQuery(granularity, dimension, hit.get(0).path("window_start").asText()));
        body.putArray("sort").addObject().put("rank", "asc");
        return search(TimeWindows.KPIS_ALIAS, body);
    }

    private List<JsonNode> newestTop(String granularity, String dimension, Instant endedBy) {
        ObjectNode newest = mapper.createObjectNode();
        newest.put("size", 1);
        ObjectNode query = topQuery(granularity, dimension, null);
        if (endedBy != null) {
            ((ArrayNode) query.path("bool").path("filter")).addObject().putObject("range").putObject("window_end")
                    .put("lte", endedBy.toString());
        }
        newest.set("query", query);
        newest.putArray("sort").addObject().put("window_start", "desc");
        return search(TimeWindows.KPIS_ALIAS, newest);
    }

    private ObjectNode topQuery(String granularity, String dimension, String windowStart) {
        ObjectNode query = mapper.createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("granularity", granularity);
        filter.addObject().putObject("term").put("dimension", dimension);
        if (windowStart != null) {
            filter.addObject().putObject("term").put("window_start", windowStart);
        }
        return query;
    }

    /** Alert documents updated at or after {@code since}, most recently updated first. */
    public List<JsonNode> alerts(Instant since, int size) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", size);
        body.putObject("query").putObject("range").putObject("updated_at").put("gte", since.toString());
        body.putArray("sort").addObject().put("updated_at", "desc");
        return search(TimeWindows.ALERTS_ALIAS, body);
    }

    private List<JsonNode> search(String alias, ObjectNode body) {
        Request request = new Request("POST", "/" + alias + "/_search");
        request.addParameter("filter_path", FILTER_PATH);
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.setJsonEntity(body.toString());
        try {
            Response response = client.performRequest(request);
            try (InputStream in = response.getEntity().getContent()) {
                JsonNode root = mapper.readTree(in);
                List<JsonNode> sources = new ArrayList<>();
                root.path("hits").path("hits").forEach(h -> sources.add(h.path("_source")));
                return sources;
            }
        } catch (ResponseException e) {
            throw QueryProblem.elasticsearchUnavailable("Elasticsearch answered " + e.getResponse().getStatusLine().getStatusCode()
                    + " to a search of " + alias + "; check its health (GET /_cluster/health)", e);
        } catch (IOException e) {
            throw QueryProblem.elasticsearchUnavailable("Elasticsearch is not reachable (" + e.getClass().getSimpleName()
                    + "); the gateway reads it at ES_URL. Beacons are still accepted.", e);
        }
    }
}
