package io.clickstream.analytics.alert;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alert as stored in the {@code clickstream-alerts} index (field names are the contract in
 * docs/architecture.md). The id is {@code alert|<rule>|<entity>|<episode start millis>}: a function of the
 * episode, not of the micro-batch, so re-emitting a growing episode (or replaying a batch after a
 * restart) overwrites the same document instead of adding one.
 */
public record AlertDocument(
        String rule,
        String severity,
        String entity,
        long episodeStartMillis,
        long windowStartMillis,
        long windowEndMillis,
        double observed,
        double threshold,
        long firstSeenMillis,
        long updatedAtMillis,
        List<String> sampleEventIds) implements Serializable {

    public static final String INDEX_ALIAS = "clickstream-alerts";

    public AlertDocument {
        sampleEventIds = List.copyOf(sampleEventIds);
    }

    public String id() {
        return id(rule, entity, episodeStartMillis);
    }

    public static String id(String rule, String entity, long episodeStartMillis) {
        return "alert|" + rule + "|" + entity + "|" + episodeStartMillis;
    }

    /** The JSON body, in field order, with ISO-8601 UTC instants. */
    public Map<String, Object> toSource() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("rule", rule);
        source.put("severity", severity);
        source.put("entity", entity);
        source.put("window_start", Instant.ofEpochMilli(windowStartMillis).toString());
        source.put("window_end", Instant.ofEpochMilli(windowEndMillis).toString());
        source.put("observed", observed);
        source.put("threshold", threshold);
        source.put("first_seen", Instant.ofEpochMilli(firstSeenMillis).toString());
        source.put("updated_at", Instant.ofEpochMilli(updatedAtMillis).toString());
        source.put("sample_event_ids", sampleEventIds);
        return source;
    }
}
