package io.clickstream.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** Reads documents back from Elasticsearch the way the dashboards do: through the aliases. */
public final class EsReader implements AutoCloseable {

    private final RestClient client;

    public EsReader(String url) {
        this.client = RestClient.builder(org.apache.http.HttpHost.create(url)).build();
    }

    /** Every document of {@code alias} by id, without the volatile {@code updated_at}/{@code rejected_at}. */
    public Map<String, JsonNode> all(String alias) {
        Map<String, JsonNode> docs = new TreeMap<>();
        try {
            client.performRequest(new Request("POST", "/" + alias + "/_refresh"));
            Request search = new Request("POST", "/" + alias + "/_search");
            search.setJsonEntity("{\"size\":10000,\"query\":{\"match_all\":{}}}");
            JsonNode hits = EventJson.mapper().readTree(EntityUtils.toString(client.performRequest(search).getEntity()))
                    .path("hits").path("hits");
            for (JsonNode hit : hits) {
                ObjectNode source = (ObjectNode) hit.get("_source");
                source.remove("updated_at");
                source.remove("rejected_at");
                docs.put(hit.get("_id").asText(), source);
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return docs;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** The exact number of documents in {@code alias} (a duplicate would show up here). */
    public long count(String alias) {
        try {
            client.performRequest(new Request("POST", "/" + alias + "/_refresh"));
            return EventJson.mapper().readTree(EntityUtils.toString(
                    client.performRequest(new Request("GET", "/" + alias + "/_count")).getEntity())).get("count").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the concrete indices and templates of this module (between tests). */
    public void deleteAnalyticsIndices() {
        for (String path : new String[] {"/clickstream-kpis-v1", "/clickstream-panes-v1", "/clickstream-rejects-v1", "/clickstream-alerts-v1"}) {
            try {
                client.performRequest(new Request("DELETE", path));
            } catch (ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public RestClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
