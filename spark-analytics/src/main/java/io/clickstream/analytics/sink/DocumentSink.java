package io.clickstream.analytics.sink;

import io.clickstream.es.EsDocument;
import java.util.List;

/**
 * Where micro-batch documents go: Elasticsearch in the job ({@link BulkUpserter}), a map in tests.
 * {@link #write} returns only when every document is stored (overwriting by id) and throws
 * otherwise, which fails the micro-batch so that Spark replays it.
 */
public interface DocumentSink extends AutoCloseable {

    void write(List<EsDocument> documents);

    /**
     * Like {@link #write}, and the documents are searchable when it returns (Elasticsearch refreshes
     * the shards written instead of waiting for the next periodic refresh, up to a second later).
     * For small, latency-sensitive writes such as the KPI windows of one micro-batch.
     */
    default void writeSearchable(List<EsDocument> documents) {
        write(documents);
    }

    @Override
    default void close() {
    }
}
