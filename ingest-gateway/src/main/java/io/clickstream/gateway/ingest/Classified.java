package io.clickstream.gateway.ingest;

import io.clickstream.event.EventType;
import io.clickstream.event.Violation;
import io.clickstream.gateway.dedup.RecentEventIds;
import java.util.List;

/**
 * What the classify step decided for one event of a request, before anything is sent to Kafka.
 * Each kind carries what the later steps (publish, settle, answer) need of it.
 */
public sealed interface Classified {

    /** The event's {@code event_id}, when it could be read. */
    String eventId();

    /** Invalid: answered {@code rejected}, its dead letter goes to {@code events_dlq}. */
    record Rejected(String eventId, String type, List<Violation> violations, byte[] deadLetter) implements Classified {
    }

    /** Valid, but the client's privacy signal says drop: answered {@code dropped}, stored nowhere. */
    record Dropped(String eventId) implements Classified {
    }

    /**
     * Already acknowledged by Kafka recently, or an earlier copy in the same request.
     *
     * @param firstCopy index of that earlier copy in the request, or -1 if it was acknowledged before
     */
    record Duplicate(String eventId, EventType type, int firstCopy) implements Classified {
    }

    /**
     * Valid and new: the record to publish.
     *
     * @param slot the event's place among the request's records to publish (0, 1, …)
     */
    record ToPublish(String eventId, RecentEventIds.Key idKey, EventType type, String key, byte[] value, int slot)
            implements Classified {

        public String topic() {
            return type.topic();
        }
    }
}
