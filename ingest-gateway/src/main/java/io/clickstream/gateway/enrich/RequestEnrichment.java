package io.clickstream.gateway.enrich;

import java.time.Instant;

/**
 * What enrichment adds to every event of one request: {@code received_at}, the anonymised {@code ip}
 * (null: none stored), {@code site}, and whether {@code context.user_agent} goes (a privacy signal).
 * Created by {@link EventEnricher#forRequest}; the appended fields are encoded once, when first spliced.
 */
public final class RequestEnrichment {

    private final Instant receivedAt;
    private final String receivedAtText;
    private final String anonymisedIp;
    private final String site;
    private final boolean stripUserAgent;
    private byte[] splicedFields;
    private boolean encoded;

    RequestEnrichment(Instant receivedAt, String receivedAtText, String anonymisedIp, String site, boolean stripUserAgent) {
        this.receivedAt = receivedAt;
        this.receivedAtText = receivedAtText;
        this.anonymisedIp = anonymisedIp;
        this.site = site;
        this.stripUserAgent = stripUserAgent;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    String receivedAtText() {
        return receivedAtText;
    }

    public String anonymisedIp() {
        return anonymisedIp;
    }

    public String site() {
        return site;
    }

    public boolean stripUserAgent() {
        return stripUserAgent;
    }

    /**
     * {@code ,"received_at":"…"[,"ip":"…"],"site":"…"}} as spliced before an event's closing brace, or
     * null if one of the values needs escaping (then the tree is serialised). A request is handled by
     * one thread, so the lazy encoding needs no lock.
     */
    byte[] splicedFields() {
        if (!encoded) {
            splicedFields = EnrichedJsonSplice.gatewayFields(receivedAtText, anonymisedIp, site);
            encoded = true;
        }
        return splicedFields;
    }
}
