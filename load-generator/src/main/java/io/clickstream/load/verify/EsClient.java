package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.es.Elasticsearch;
import io.clickstream.es.EsException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The few Elasticsearch calls {@code verify} needs, on the project's {@link Elasticsearch} client
 * (module es-access). A missing index reads as "no documents yet".
 */
public final class EsClient implements AutoCloseable {

    /** Elasticsearch could not be reached or answered with an error that waiting will not fix. */
    public static final class EsUnavailableException extends IOException {
        public EsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI base;
    private final Elasticsearch es;

    public EsClient(URI base) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.es = Elasticsearch.connect(this.base.toString());
    }

    public URI base() {
        return base;
    }

    /** {@code _source} of the documents with these ids, by id; absent ids are simply missing. */
    public Map<String, JsonNode> getByIds(String index, List<String> ids) throws IOException, InterruptedException {
        try {
            return es.sourcesByIds(index, ids);
        } catch (EsException e) {
            throw unavailable(e);
        }
    }

    /**
     * Hits ({@code _id}, {@code _source}) of the documents of {@code granularity} whose {@code window_start}
     * lies in [{@code from}, {@code to}), at most {@code size}: KPI documents only ({@code kpiOnly}: no
     * {@code dimension} or {@code step} field, so no ranking, breakdown or funnel document) or all of them.
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
            ArrayNode mustNot = bool.putArray("must_not");
            mustNot.addObject().putObject("exists").put("field", "dimension");
            mustNot.addObject().putObject("exists").put("field", "step");
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
        try {
            return es.exists(index);
        } catch (EsException e) {
            throw unavailable(e);
        }
    }

    /** Hits of a search (up to the body's {@code size}); empty when the index does not exist. */
    public List<JsonNode> search(String index, JsonNode body) throws IOException, InterruptedException {
        try {
            return es.search(index, body.toString()).map(Elasticsearch::hits).orElse(List.of());
        } catch (EsException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void close() {
        es.close();
    }

    private static EsUnavailableException unavailable(EsException e) {
        return new EsUnavailableException(e.getMessage(), e);
    }
}
