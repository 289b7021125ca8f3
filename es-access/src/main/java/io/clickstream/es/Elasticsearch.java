package io.clickstream.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The Elasticsearch calls this project makes (search, get by ids, count, bulk index, index
 * templates, cluster health, the index list), over the Elasticsearch low-level REST client. Only APIs that the minimal
 * Elasticsearch distribution also serves are used (no {@code GET /}, no scripts, no
 * {@code _delete_by_query}). Responses are read with {@link EventJson#mapper()}, so numbers keep
 * their exact decimal value. A missing index reads as "no documents" where the method says so.
 *
 * <p>Every failure is an {@link EsException} naming the call and the address; whether to retry is
 * the caller's policy ({@link EsException#retryable()} tells what may heal).
 */
public final class Elasticsearch implements AutoCloseable {

    private static final int IDS_PER_REQUEST = 500;
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final String url;
    private final RestClient client;

    private Elasticsearch(String url, RestClient client) {
        this.url = url;
        this.client = client;
    }

    /** A client for {@code url} with generous timeouts: connect 5 s, answer 60 s (a bulk under load can take seconds). */
    public static Elasticsearch connect(String url) {
        return connect(url, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public static Elasticsearch connect(String url, Duration connectTimeout, Duration answerTimeout) {
        String base = url.replaceAll("/+$", "");
        RestClient client = RestClient.builder(HttpHost.create(base))
                .setRequestConfigCallback(c -> c.setConnectTimeout((int) connectTimeout.toMillis())
                        .setSocketTimeout((int) answerTimeout.toMillis()))
                .build();
        return new Elasticsearch(base, client);
    }

    /** The base address, without a trailing slash. */
    public String url() {
        return url;
    }

    /** The whole {@code _search} response for {@code body}; empty when the index does not exist. */
    public Optional<JsonNode> search(String index, String body) throws EsException {
        Request request = new Request("POST", "/" + index + "/_search");
        request.setJsonEntity(body);
        return performAllowingMissing(request, "search on " + index);
    }

    /** The {@code hits.hits} of a search response (each with {@code _id} and {@code _source}). */
    public static List<JsonNode> hits(JsonNode searchResponse) {
        List<JsonNode> hits = new ArrayList<>();
        searchResponse.path("hits").path("hits").forEach(hits::add);
        return hits;
    }

    /**
     * {@code _source} of the documents with these ids, by id, read with {@code _mget} (real-time: a
     * document indexed a moment ago is found without a refresh). Absent ids, and every id of an
     * index that does not exist, are simply missing from the map.
     */
    public Map<String, JsonNode> sourcesByIds(String index, Collection<String> ids) throws EsException {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_REQUEST) {
            ObjectNode body = EventJson.mapper().createObjectNode();
            ArrayNode chunk = body.putArray("ids");
            all.subList(from, Math.min(all.size(), from + IDS_PER_REQUEST)).forEach(chunk::add);
            Request request = new Request("POST", "/" + index + "/_mget");
            request.setJsonEntity(body.toString());
            Optional<JsonNode> response = performAllowingMissing(request, "_mget on " + index);
            if (response.isEmpty()) {
                return found;
            }
            for (JsonNode doc : response.get().path("docs")) {
                if (doc.path("found").asBoolean(false)) {
                    found.put(doc.path("_id").asText(), doc.path("_source"));
                }
            }
        }
        return found;
    }

    /**
     * The cluster's health status ({@code green}, {@code yellow} or {@code red}), waiting at most
     * {@code wait} for yellow; {@code red} when it is not reached in that time.
     */
    public String clusterHealth(Duration wait) throws EsException {
        Request request = new Request("GET", "/_cluster/health");
        request.addParameter("wait_for_status", "yellow");
        request.addParameter("timeout", wait.toMillis() + "ms");
        // A wait that times out answers 408 with the same body; its status is still the answer.
        request.addParameter("ignore", "408");
        return perform(request, "cluster health").path("status").asText("red");
    }

    /** Every index with its health and document count, by name. */
    public List<IndexInfo> indices() throws EsException {
        Request request = new Request("GET", "/_cat/indices");
        request.addParameter("format", "json");
        request.addParameter("h", "index,health,docs.count");
        request.addParameter("s", "index");
        List<IndexInfo> result = new ArrayList<>();
        for (JsonNode n : perform(request, "index list")) {
            result.add(new IndexInfo(n.path("index").asText(), n.path("health").asText(), n.path("docs.count").asLong()));
        }
        return result;
    }

    /** One line of {@link #indices()}. */
    public record IndexInfo(String name, String health, long docs) {
    }

    /** Whether an index or alias of that name exists. */
    public boolean exists(String index) throws EsException {
        Request request = new Request("HEAD", "/" + index);
        try {
            return client.performRequest(request).getStatusLine().getStatusCode() == 200;
        } catch (IOException e) {
            throw failure("HEAD /" + index, e);
        }
    }

    /** Documents in the index (0 when it does not exist). */
    public long count(String index) throws EsException {
        return performAllowingMissing(new Request("GET", "/" + index + "/_count"), "count of " + index)
                .map(r -> r.path("count").asLong())
                .orElse(0L);
    }

    /** Makes everything indexed so far searchable. */
    public void refresh(String index) throws EsException {
        perform(new Request("POST", "/" + index + "/_refresh"), "refresh of " + index);
    }

    /**
     * Indexes the documents in one {@code _bulk} request ({@code index} actions: a document with an
     * existing id is replaced). With {@code refresh} they are searchable when this returns. A
     * request-level failure throws; item failures are returned.
     */
    public BulkResult bulkIndex(List<EsDocument> documents, boolean refresh) throws EsException {
        StringBuilder body = new StringBuilder(documents.size() * 300);
        for (EsDocument doc : documents) {
            body.append("{\"index\":{\"_index\":").append(quote(doc.index()))
                    .append(",\"_id\":").append(quote(doc.id())).append("}}\n")
                    .append(doc.json()).append('\n');
        }
        Request request = new Request("POST", "/_bulk");
        if (refresh) {
            request.addParameter("refresh", "true");
        }
        request.setEntity(new StringEntity(body.toString(), NDJSON));
        JsonNode result = perform(request, "bulk of " + documents.size() + " documents");
        if (!result.path("errors").asBoolean(false)) {
            return new BulkResult(List.of());
        }
        List<BulkResult.Failure> failures = new ArrayList<>();
        JsonNode items = result.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i).path("index");
            int status = item.path("status").asInt();
            if (status >= 300) {
                failures.add(new BulkResult.Failure(i, status, item.path("error")));
            }
        }
        return new BulkResult(failures);
    }

    /** Puts (or replaces) the composable index template {@code name}. */
    public void putIndexTemplate(String name, String templateJson) throws EsException {
        Request put = new Request("PUT", "/_index_template/" + name);
        put.setJsonEntity(templateJson);
        perform(put, "index template " + name);
    }

    /**
     * Puts mappings on an existing index ({@code PUT /<index>/_mapping}): fields it lacks are added,
     * fields it has must keep their type (Elasticsearch refuses a change, and this throws).
     */
    public void putMapping(String index, String mappingsJson) throws EsException {
        Request put = new Request("PUT", "/" + index + "/_mapping");
        put.setJsonEntity(mappingsJson);
        perform(put, "mapping of " + index);
    }

    /** Creates the index; {@code false} when it already exists. */
    public boolean createIndex(String index) throws EsException {
        try {
            client.performRequest(new Request("PUT", "/" + index));
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 400
                    && e.getMessage().contains("resource_already_exists_exception")) {
                return false;
            }
            throw failure("PUT /" + index, e);
        } catch (IOException e) {
            throw failure("PUT /" + index, e);
        }
    }

    /** Deletes the index (or the indices a pattern names); nothing happens when none exists. */
    public void deleteIndex(String index) throws EsException {
        performAllowingMissing(new Request("DELETE", "/" + index), "delete of " + index);
    }

    private JsonNode perform(Request request, String what) throws EsException {
        try {
            return body(client.performRequest(request));
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    private Optional<JsonNode> performAllowingMissing(Request request, String what) throws EsException {
        request.addParameter("ignore", "404");
        try {
            Response response = client.performRequest(request);
            if (response.getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            return Optional.of(body(response));
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    private static JsonNode body(Response response) throws IOException {
        if (response.getEntity() == null) {
            return EventJson.mapper().createObjectNode();
        }
        return EventJson.mapper().readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
    }

    private EsException failure(String what, IOException e) {
        if (e instanceof EsException es) {
            return es;
        }
        if (e instanceof ResponseException re) {
            int status = re.getResponse().getStatusLine().getStatusCode();
            String body;
            try {
                body = re.getResponse().getEntity() == null ? "" : EntityUtils.toString(re.getResponse().getEntity());
            } catch (IOException unreadable) {
                body = "";
            }
            return new EsException("Elasticsearch at " + url + " answered " + status + " to the " + what + ": "
                    + abbreviate(body), status, e);
        }
        return new EsException("cannot reach Elasticsearch at " + url + " for the " + what + " ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "); is it running? (./clickstream status)", 0, e);
    }

    private static String quote(String s) {
        try {
            return EventJson.mapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Elasticsearch client of " + url + " failed", e);
        }
    }
}
