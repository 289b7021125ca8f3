package io.clickstream.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Documents by id, overwritten like Elasticsearch's index action; {@code updated_at} is dropped. */
public final class MapSink implements DocumentSink {

    private final Map<String, JsonNode> docs = new ConcurrentHashMap<>();

    @Override
    public void write(List<EsDocument> documents) {
        for (EsDocument d : documents) {
            try {
                ObjectNode node = (ObjectNode) EventJson.mapper().readTree(d.json());
                node.remove("updated_at");
                node.remove("rejected_at");
                docs.put(d.id(), node);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Map<String, JsonNode> docs() {
        return new TreeMap<>(docs);
    }
}
