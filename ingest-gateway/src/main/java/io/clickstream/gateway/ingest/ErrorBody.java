package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON body of every non-2xx answer about the request as a whole.
 *
 * @param error             machine-readable code: malformed_body, payload_too_large, unsupported_media_type,
 *                          unknown_write_key, kafka_unavailable
 * @param message           what was expected and what was found
 * @param limit             for 413: the config key of the limit that was exceeded
 * @param value             for 413: that limit's value
 * @param retryAfterSeconds for 503: the same as the Retry-After header
 * @param results           for 503: each event's state; "unknown" ones may or may not be in Kafka
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String limit, Long value,
                        @JsonProperty("retry_after_seconds") Integer retryAfterSeconds,
                        List<EventResult> results) {
}
