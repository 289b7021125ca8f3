package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.clickstream.event.EventJson;
import io.clickstream.event.Violation;
import io.clickstream.gateway.enrich.EventText;
import io.clickstream.gateway.protocol.Mapped;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one request of another protocol after mapping: the mapped events go through the
 * ingest core as a {@link DecodedBody} (validate → enrich → publish, the same delivery guarantee), the
 * ignored ones are answered {@code ignored} with their reason. Results come back in message order.
 */
final class ForeignBatch {

    /** The per-message answer of the other protocols' endpoints. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageResult(int index, @JsonProperty("event_id") String eventId, String status, String reason,
                         List<Violation> errors) {
    }

    /** What the other protocols' endpoints answer: Segment's {@code success} plus the gateway's counts and results. */
    record Response(boolean success, int accepted, int duplicates, int rejected, int dropped, int ignored,
                    List<MessageResult> results) {
    }

    private final List<Mapped> messages;
    /** For each message, its index among the events given to the core, or -1 if ignored. */
    private final int[] eventIndex;
    private final DecodedBody body;

    /**
     * @param originals each message's text as the client sent it (for the DLQ)
     * @param batch     false for a single message: a rejected one is then a 400, as on the native API
     */
    ForeignBatch(List<Mapped> messages, List<String> originals, boolean batch) {
        this.messages = messages;
        this.eventIndex = new int[messages.size()];
        List<RawEvent> events = new ArrayList<>(messages.size());
        for (int m = 0; m < messages.size(); m++) {
            if (messages.get(m) instanceof Mapped.Event e) {
                eventIndex[m] = events.size();
                byte[] json;
                try {
                    json = EventJson.mapper().writeValueAsBytes(e.event());
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException("a mapped event is always serialisable", ex);
                }
                events.add(RawEvent.mapped(events.size(), EventText.of(json), e.event(), originals.get(m)));
            } else {
                eventIndex[m] = -1;
            }
        }
        this.body = new DecodedBody(batch, events);
    }

    /** The mapped events, for the core; may be empty (every message ignored). */
    DecodedBody body() {
        return body;
    }

    int ignored() {
        return messages.size() - body.events().size();
    }

    /** The answer for the core's results of {@link #body()} (empty if nothing was given to it). */
    Response response(List<EventResult> coreResults) {
        List<MessageResult> results = new ArrayList<>(messages.size());
        int accepted = 0, duplicates = 0, rejected = 0, dropped = 0, ignored = 0;
        for (int m = 0; m < messages.size(); m++) {
            if (messages.get(m) instanceof Mapped.Ignored i) {
                ignored++;
                results.add(new MessageResult(m, null, "ignored", i.reason(), null));
                continue;
            }
            EventResult r = coreResults.get(eventIndex[m]);
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
                case DROPPED -> dropped++;
                default -> { }
            }
            results.add(new MessageResult(m, r.eventId(), r.status().wireName(), null, r.errors()));
        }
        return new Response(true, accepted, duplicates, rejected, dropped, ignored, results);
    }
}
