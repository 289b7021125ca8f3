package io.clickstream.gateway.enrich;

/** How the gateway honours a client's privacy signal (DNT or Sec-GPC). */
public enum PrivacyAction {
    /** Treat the request like any other. */
    IGNORE,
    /** Keep the event but store no IP address and drop {@code context.user_agent}. */
    ANONYMISE,
    /** Do not store the event at all; its result is {@code dropped}. */
    DROP
}
