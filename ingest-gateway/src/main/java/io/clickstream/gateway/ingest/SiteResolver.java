package io.clickstream.gateway.ingest;

import java.util.Map;
import java.util.Optional;

/** Maps a request's write key to its site ({@code clickstream.sites.<key>=<site>}). */
public final class SiteResolver {

    private SiteResolver() {
    }

    /**
     * @return the site, or empty when keys are configured and this one (or none) is not among them
     */
    public static Optional<String> resolve(Map<String, String> sites, String defaultSite, String writeKey) {
        if (sites.isEmpty()) {
            return Optional.of(defaultSite);
        }
        if (writeKey == null || writeKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(sites.get(writeKey.trim()));
    }
}
