package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clickstream.event.Violation;
import java.util.List;

/** The result of one event of a request, in request order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResult(int index, @JsonProperty("event_id") String eventId, EventStatus status,
                          List<Violation> errors) {

    public EventResult withStatus(EventStatus newStatus) {
        return new EventResult(index, eventId, newStatus, errors);
    }
}
