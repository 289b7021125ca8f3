package io.clickstream.analytics.alert;

import java.io.Serializable;
import java.util.List;

/**
 * Where alert documents go. Called on the driver once per micro-batch with one document per id
 * (the newest state of each episode); must be idempotent by {@link Alert#id()} because
 * {@code foreachBatch} replays a batch after a failure.
 */
@FunctionalInterface
public interface AlertSink extends Serializable {

    void write(List<Alert> alerts) throws Exception;

    /** This sink, then {@code next} (e.g. Elasticsearch, then the Kafka topic for notifiers). */
    default AlertSink andThen(AlertSink next) {
        AlertSink first = this;
        return alerts -> {
            first.write(alerts);
            next.write(alerts);
        };
    }
}
