package io.clickstream.load.transport;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of {@link HttpTransport}.
 *
 * @param gatewayUrl     base URL of the gateway; events go to {@code <base>/v1/events} (default http://127.0.0.1:8080)
 * @param maxInFlight    concurrent requests, hence open connections (default 32)
 * @param requestTimeout one request's timeout (default 10 s)
 * @param maxRetryTime   total time an event may spend being retried after 503/429/connection errors
 *                       before it is given up as unacknowledged (default 2 min)
 */
public record HttpTransportConfig(URI gatewayUrl, int maxInFlight, Duration requestTimeout, Duration maxRetryTime) {

    public static final String EVENTS_PATH = "/v1/events";

    public HttpTransportConfig {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in-flight requests must be >= 1");
        }
    }

    public URI eventsUri() {
        String base = gatewayUrl.toString().replaceAll("/+$", "");
        return URI.create(base + EVENTS_PATH);
    }
}
