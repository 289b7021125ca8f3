package io.clickstream.analytics.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An idempotent in-memory alert store for tests, keyed by document id like the Elasticsearch index.
 * Static registry because the sink is serialisable and Spark may copy it.
 */
final class CollectingSink {

    private static final Map<String, Map<String, Alert>> DOCS = new ConcurrentHashMap<>();
    private static final Map<String, List<Alert>> WRITES = new ConcurrentHashMap<>();

    private CollectingSink() {
    }

    static AlertSink named(String name) {
        DOCS.put(name, new ConcurrentHashMap<>());
        WRITES.put(name, java.util.Collections.synchronizedList(new ArrayList<>()));
        return alerts -> {
            for (Alert a : alerts) {
                DOCS.get(name).put(a.id(), a);
                WRITES.get(name).add(a);
            }
        };
    }

    /** The stored documents (one per id). */
    static List<Alert> docs(String name) {
        return new ArrayList<>(DOCS.get(name).values());
    }

    /** Every write, including updates of the same id. */
    static List<Alert> writes(String name) {
        synchronized (WRITES.get(name)) {
            return new ArrayList<>(WRITES.get(name));
        }
    }
}
