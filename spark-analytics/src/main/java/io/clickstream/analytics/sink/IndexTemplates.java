package io.clickstream.analytics.sink;

import io.clickstream.es.Elasticsearch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Installs the composable index templates (explicit mappings, aliases) and creates the concrete
 * indices, at every start. Idempotent: a template PUT replaces the same definition, and an existing
 * index is left alone.
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

    /** Puts template {@code name} and creates {@code concreteIndex} if it does not exist yet. */
    public static void install(Elasticsearch client, String name, String templateJson, String concreteIndex) {
        try {
            client.putIndexTemplate(name, templateJson);
            client.createIndex(concreteIndex);
        } catch (IOException e) {
            throw new UncheckedIOException("could not install index template " + name + " / index " + concreteIndex, e);
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
