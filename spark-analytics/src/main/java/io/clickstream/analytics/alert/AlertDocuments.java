package io.clickstream.analytics.alert;

import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alerts → documents: the {@code clickstream-alerts} document of an {@link Alert} (fields and id
 * as docs/architecture.md, "Elasticsearch documents", defines them), and the same fields for the
 * Kafka alert topic.
 */
public final class AlertDocuments {

    private AlertDocuments() {
    }

    /** The Elasticsearch document of {@code alert}: id {@code alert|<rule>|<entity>|<episode start millis>}. */
    public static EsDocument of(Alert alert) {
        return new EsDocument(Indices.ALERTS, alert.id(), EventJson.write(source(alert)));
    }

    /** The document's fields, in order, with ISO-8601 UTC instants. */
    public static Map<String, Object> source(Alert alert) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("rule", alert.rule());
        source.put("severity", alert.severity());
        source.put("entity", alert.entity());
        source.put("window_start", Instant.ofEpochMilli(alert.windowStartMillis()).toString());
        source.put("window_end", Instant.ofEpochMilli(alert.windowEndMillis()).toString());
        source.put("observed", alert.observed());
        source.put("threshold", alert.threshold());
        source.put("first_seen", Instant.ofEpochMilli(alert.firstSeenMillis()).toString());
        source.put("updated_at", Instant.ofEpochMilli(alert.updatedAtMillis()).toString());
        source.put("sample_event_ids", alert.sampleEventIds());
        return source;
    }
}
