package io.clickstream.load.anomaly;

import java.time.Instant;

/**
 * One injected bot, as recorded in the ledger.
 *
 * @param rule   the alert rule it must trip ({@code click_burst}, {@code page_view_flood})
 * @param entity the user key (partition key) the alert's {@code entity} must name
 * @param start  event time of its first event
 */
public record InjectedAnomaly(String rule, String entity, Instant start) {
}
