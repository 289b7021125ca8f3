package io.clickstream.analytics.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.es.Elasticsearch;
import io.clickstream.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Installs the composable index templates (explicit mappings, aliases) and creates the concrete
 * indices, at every start. Idempotent: a template PUT replaces the same definition; an existing
 * index (created by an earlier version of the job) keeps its documents and settings and takes the
 * template's mappings, which only add fields ({@code PUT <index>/_mapping}), so documents with
 * fields the earlier version did not write are accepted by its strict mapping.
 */
public final class IndexTemplates {

    private IndexTemplates() {
    }

    /** The templates and indices of the KPI, pane, reject and alert documents. */
    public static void installAll(Elasticsearch client) {
        install(client, "clickstream-kpis", resource("/elasticsearch/clickstream-kpis.template.json"), Indices.KPIS);
        install(client, "clickstream-rejects", resource("/elasticsearch/clickstream-rejects.template.json"), Indices.REJECTS);
        install(client, "clickstream-panes", resource("/elasticsearch/clickstream-panes.template.json"), Indices.PANES);
        install(client, "clickstream-alerts", resource("/elasticsearch/clickstream-alerts.template.json"), Indices.ALERTS);
    }

    /**
     * Puts template {@code name} and creates {@code concreteIndex} if it does not exist yet, else puts
     * the template's mappings on it.
     */
    public static void install(Elasticsearch client, String name, String templateJson, String concreteIndex) {
        try {
            client.putIndexTemplate(name, templateJson);
            if (!client.createIndex(concreteIndex)) {
                client.putMapping(concreteIndex, mappingsOf(templateJson));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not install index template " + name + " / index " + concreteIndex, e);
        }
    }

    /** The {@code template.mappings} of a composable index template. */
    static String mappingsOf(String templateJson) {
        try {
            JsonNode mappings = EventJson.mapper().readTree(templateJson).path("template").path("mappings");
            if (!mappings.isObject()) {
                throw new IllegalArgumentException("index template without template.mappings");
            }
            return mappings.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String path) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
