package io.clickstream.gateway.ingest;

import io.clickstream.gateway.config.GatewayConfig;
import io.clickstream.gateway.enrich.ClientAddressResolver;
import io.clickstream.gateway.enrich.IpAnonymiser;
import io.clickstream.gateway.enrich.PrivacyAction;
import io.clickstream.gateway.enrich.PrivacyPolicy;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Who sent a request, the same way for every endpoint: the site of its write key (401 when keys are
 * configured and it has none or an unknown one), the client address after the trusted proxies, and
 * its privacy signals — together the {@link RequestMeta} the ingest core needs.
 */
@Singleton
public class ClientRequests {

    private static final CharSequence DNT = HttpHeaders.createOptimized("DNT");
    private static final CharSequence SEC_GPC = HttpHeaders.createOptimized("Sec-GPC");
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");

    private final GatewayConfig config;

    public ClientRequests(GatewayConfig config) {
        this.config = config;
    }

    /**
     * @param howToSendIt the protocol's way of carrying a key, for the 401's message
     * @throws RequestProblem 401 when write keys are configured and this one is missing or unknown
     */
    public String site(String writeKey, String howToSendIt) {
        return SiteResolver.resolve(config.sites(), config.defaultSite(), writeKey)
                .orElseThrow(() -> RequestProblem.unauthorized(writeKey == null || writeKey.isBlank()
                        ? "a write key is required (" + howToSendIt + ")"
                        : "unknown write key"));
    }

    /** The client's address: the TCP peer, or the entry the trusted proxies vouch for; null if unknown. */
    public String clientAddress(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return ClientAddressResolver.resolve(peer, request.headers().getAll(X_FORWARDED_FOR),
                config.client().trustedProxyHops());
    }

    /** What the ingest core needs to know about the request besides its events. */
    public RequestMeta meta(HttpServerRequest request, String clientAddress, String site, Instant receivedAt) {
        PrivacyAction privacy = PrivacyPolicy.decide(request.getHeader(DNT), request.getHeader(SEC_GPC),
                config.privacy().dnt(), config.privacy().gpc());
        String anonymisedIp = privacy == PrivacyAction.IGNORE ? IpAnonymiser.anonymise(clientAddress).orElse(null) : null;
        return new RequestMeta(receivedAt, anonymisedIp, site, privacy);
    }
}
