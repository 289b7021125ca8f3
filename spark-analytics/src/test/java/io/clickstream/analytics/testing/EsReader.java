package io.clickstream.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.es.Elasticsearch;
import io.clickstream.es.EsException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Reads documents back from Elasticsearch the way the dashboards do: through the aliases. */
public final class EsReader implements AutoCloseable {

    private final Elasticsearch client;

    public EsReader(String url) {
        this.client = Elasticsearch.connect(url);
    }

    /** Every document of {@code alias} by id, without the volatile {@code updated_at}/{@code rejected_at}. */
    public Map<String, JsonNode> all(String alias) {
        Map<String, JsonNode> docs = new TreeMap<>();
        try {
            if (!client.exists(alias)) {
                return docs;
            }
            client.refresh(alias);
            client.search(alias, "{\"size\":10000,\"query\":{\"match_all\":{}}}").ifPresent(response -> {
                for (JsonNode hit : Elasticsearch.hits(response)) {
                    ObjectNode source = (ObjectNode) hit.get("_source");
                    source.remove("updated_at");
                    source.remove("rejected_at");
                    docs.put(hit.get("_id").asText(), source);
                }
            });
        } catch (EsException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** The exact number of documents in {@code alias} (a duplicate would show up here). */
    public long count(String alias) {
        try {
            client.refresh(alias);
            return client.count(alias);
        } catch (EsException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the concrete indices and templates of this module (between tests). */
    public void deleteAnalyticsIndices() {
        for (String index : new String[] {"clickstream-kpis-v1", "clickstream-panes-v1", "clickstream-rejects-v1", "clickstream-alerts-v1"}) {
            try {
                client.deleteIndex(index);
            } catch (EsException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Elasticsearch client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
