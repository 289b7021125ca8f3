package io.clickstream.load.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of {@link HttpTransport}.
 *
 * @param gatewayUrl     base URL of the gateway; events go to {@code <base>/v1/events} (default http://127.0.0.1:8080)
 * @param maxInFlight    concurrent requests, hence open connections (default 32)
 * @param requestTimeout one request's timeout (default 10 s)
 * @param maxRetryTime   total time an event may spend being retried after 503/429/connection errors
 *                       before it is given up as unacknowledged (default 2 min)
 * @param writeKeys      write key by site ({@code X-Write-Key}); an event of a site without a key (or an empty
 *                       one) goes without a key
 */
public record HttpTransportConfig(URI gatewayUrl, int maxInFlight, Duration requestTimeout, Duration maxRetryTime,
                                  Map<String, String> writeKeys) {

    public static final String EVENTS_PATH = "/v1/events";

    public HttpTransportConfig {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in-flight requests must be >= 1");
        }
        writeKeys = writeKeys == null ? Map.of() : Map.copyOf(writeKeys);
    }

    /** Without write keys: every event goes without one. */
    public HttpTransportConfig(URI gatewayUrl, int maxInFlight, Duration requestTimeout, Duration maxRetryTime) {
        this(gatewayUrl, maxInFlight, requestTimeout, maxRetryTime, Map.of());
    }

    /** The write key to send an event of {@code site} with; empty for none. */
    public String writeKey(String site) {
        return site == null ? "" : writeKeys.getOrDefault(site, "");
    }

    public URI eventsUri() {
        String base = gatewayUrl.toString().replaceAll("/+$", "");
        return URI.create(base + EVENTS_PATH);
    }
}
