package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
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
