package io.clickstream.analytics.alert;

import java.io.Serializable;
import java.util.List;

/**
 * One alert: an episode of a rule for an entity ({@link AlertDocuments} maps it to the stored
 * document, whose fields are the contract in docs/architecture.md). The id is
 * {@code alert|<rule>|<entity>|<episode start millis>}: a function of the episode, not of the
 * micro-batch, so re-emitting a growing episode (or replaying a batch after a restart) overwrites
 * the same document instead of adding one.
 */
public record Alert(
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

    public Alert {
        sampleEventIds = List.copyOf(sampleEventIds);
    }

    public String id() {
        return id(rule, entity, episodeStartMillis);
    }

    public static String id(String rule, String entity, long episodeStartMillis) {
        return "alert|" + rule + "|" + entity + "|" + episodeStartMillis;
    }
}
