package io.clickstream.analytics.sink;

import java.util.List;

/**
 * Where micro-batch documents go: Elasticsearch in the job ({@link BulkUpserter}), a map in tests.
 * {@link #write} returns only when every document is stored (overwriting by id) and throws
 * otherwise, which fails the micro-batch so that Spark replays it.
 */
public interface DocumentSink extends AutoCloseable {

    void write(List<EsDocument> documents);

    @Override
    default void close() {
    }
}
