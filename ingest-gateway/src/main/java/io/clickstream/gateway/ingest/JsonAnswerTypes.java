package io.clickstream.gateway.ingest;

import io.clickstream.event.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The types Jackson writes into the answers of {@code /v1/events} and of the other protocols' routes
 * (Segment, Snowplow, pixel), registered for reflection in the
 * native image. Quarkus registers what JAX-RS methods return by itself; these answers are written by
 * {@link EventsRoute} and the other protocols' Vert.x routes, so nothing would register them and the native gateway would
 * answer every request with an empty object. {@code NativeRegistrationTest} keeps this list complete.
 */
@RegisterForReflection(targets = {BatchResponse.class, EventResult.class, EventStatus.class, ErrorBody.class, Violation.class,
        ForeignBatch.Response.class, ForeignBatch.MessageResult.class, ForeignIngest.Result.class})
final class JsonAnswerTypes {

    private JsonAnswerTypes() {
    }
}
