package io.clickstream.gateway.ingest;

import io.clickstream.gateway.enrich.PrivacyAction;
import java.time.Instant;

/**
 * What the gateway knows about a request apart from its body.
 *
 * @param receivedAt   when the request arrived (one value for all its events)
 * @param anonymisedIp the client address, anonymised; null when unknown or withheld for privacy
 * @param site         the site of the write key
 * @param privacy      how the client's DNT / Sec-GPC signals are honoured
 */
public record RequestMeta(Instant receivedAt, String anonymisedIp, String site, PrivacyAction privacy) {
}
