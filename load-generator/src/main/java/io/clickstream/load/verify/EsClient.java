package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few Elasticsearch calls {@code verify} needs, over the JDK HTTP client (works against the
 * minimal distribution, which has no {@code GET /}). A missing index reads as "no documents yet".
 */
public final class EsClient {

    /** Elasticsearch could not be reached or answered with an error that waiting will not fix. */
    public static final class EsUnavailableException extends IOException {
        public EsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int IDS_PER_QUERY = 500;

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EsClient(URI base) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
    }

    public URI base() {
        return base;
    }

    /** {@code _source} of the documents with these ids, by id; absent ids are simply missing. */
    public Map<String, JsonNode> getByIds(String index, List<String> ids) throws IOException, InterruptedException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            ObjectNode body = EventJson.mapper().createObjectNode();
            body.put("size", chunk.size());
            ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
            chunk.forEach(values::add);
            for (JsonNode hit : search(index, body)) {
                out.put(hit.path("_id").asText(), hit.path("_source"));
            }
        }
        return out;
    }

    /**
     * Hits ({@code _id}, {@code _source}) of the documents of {@code granularity} whose {@code window_start}
     * lies in [{@code from}, {@code to}), at most {@code size}: KPI documents only ({@code kpiOnly}: no
     * {@code dimension} field) or KPI and ranking documents.
     */
    public List<JsonNode> windowDocuments(String index, String granularity, java.time.Instant from, java.time.Instant to,
                                          boolean kpiOnly, int size) throws IOException, InterruptedException {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("size", size);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("granularity", granularity);
        filter.addObject().putObject("range").putObject("window_start").put("gte", from.toString()).put("lt", to.toString());
        if (kpiOnly) {
            bool.putArray("must_not").addObject().putObject("exists").put("field", "dimension");
        }
        return search(index, body);
    }

    /** Hits ({@code _id}, {@code _source}) of the alert documents whose {@code window_start} lies in [from, to]. */
    public List<JsonNode> alertsBetween(String index, java.time.Instant from, java.time.Instant to)
            throws IOException, InterruptedException {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("size", 10_000);
        body.putObject("query").putObject("range").putObject("window_start")
                .put("gte", from.toString()).put("lte", to.toString());
        return search(index, body);
    }

    /** Whether an index or alias of that name exists ({@code HEAD /<index>}). */
    public boolean exists(String index) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + index)).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            throw new EsUnavailableException("cannot reach Elasticsearch at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** Hits of a search (up to the body's {@code size}); empty when the index does not exist. */
    public List<JsonNode> search(String index, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + index + "/_search"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EsUnavailableException("cannot reach Elasticsearch at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new EsUnavailableException("Elasticsearch at " + base + " answered " + response.statusCode() + " to a search on "
                    + index + ": " + abbreviate(response.body()), null);
        }
        List<JsonNode> hits = new ArrayList<>();
        EventJson.readTree(response.body()).path("hits").path("hits").forEach(hits::add);
        return hits;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
