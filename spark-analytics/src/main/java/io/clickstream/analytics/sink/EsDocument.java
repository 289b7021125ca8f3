package io.clickstream.analytics.sink;

/**
 * A document to index: where, under which deterministic id, and its JSON source.
 *
 * @param index concrete index or alias with a write index
 * @param id    deterministic {@code _id}: a replayed batch overwrites instead of duplicating
 * @param json  the document source
 */
public record EsDocument(String index, String id, String json) {
}
