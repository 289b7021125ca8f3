package io.clickstream.gateway.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a protocol mapper made of one message of another protocol (Segment, Snowplow, the pixel):
 * an event in the gateway's own contract — which the ingest core then validates, enriches and
 * publishes like any other — or a message the configuration does not map, accepted and ignored with
 * a reason (answered and counted, never silently lost).
 */
public sealed interface Mapped {

    /** @param event the event in the contract's field names; not yet validated */
    record Event(ObjectNode event) implements Mapped {
    }

    record Ignored(String reason) implements Mapped {
    }
}
