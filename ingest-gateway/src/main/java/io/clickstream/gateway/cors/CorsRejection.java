package io.clickstream.gateway.cors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The 403 body for a cross-origin request from an origin that is not allowed. The browser does not let
 * the page read it (no CORS headers), but it shows in the developer tools and to any other client.
 *
 * @param error     {@code origin_not_allowed}
 * @param message   why, and what to change
 * @param origin    the {@code Origin} header as sent
 * @param configKey the property that would allow it
 */
// Written by Jackson from a Vert.x route: nothing else registers it for the native image.
@RegisterForReflection
public record CorsRejection(String error, String message, String origin, @JsonProperty("config_key") String configKey) {

    static CorsRejection of(CorsDecision decision) {
        return new CorsRejection("origin_not_allowed", decision.message(), decision.origin(), decision.configKey());
    }
}
