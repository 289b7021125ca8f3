package io.clickstream.es;

/**
 * One document to index: its concrete index (or alias with one write index), its id, and its JSON
 * source. Ids are deterministic in every writer of this project, so indexing again overwrites.
 */
public record EsDocument(String index, String id, String json) {
}
