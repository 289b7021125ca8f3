package io.clickstream.event;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The bounds of the event contract beyond the types themselves, defined once: the validator, the
 * gateway's compact reader and the Spark job's contract rules read them from here. The record's
 * defaults are the contract's (the gateway may tighten them from configuration); the constants are
 * fixed by the contract.
 *
 * @param maxIdLength         user_id, anonymous_id, session_id, product/order ids, product.category,
 *                            and the gateway's site (contract: 128)
 * @param maxElementLength    click element selector (contract: 256)
 * @param maxUrlLength        page.url and page.referrer
 * @param maxTextLength       page.title and page.path
 * @param maxContextBytes     size of the free-form {@code context} object as UTF-8 JSON
 * @param maxOrderItems       items in one order
 * @param earliestTimestamp   timestamps before this are absurd
 * @param maxFutureSkew       timestamps further than this after "now" are absurd
 */
public record ValidationLimits(
        int maxIdLength,
        int maxElementLength,
        int maxUrlLength,
        int maxTextLength,
        int maxContextBytes,
        int maxOrderItems,
        Instant earliestTimestamp,
        Duration maxFutureSkew) {

    /** Smallest accepted price or revenue. */
    public static final BigDecimal MIN_AMOUNT = BigDecimal.ZERO;
    /** Largest accepted price or revenue: far above any real order, far below double's precision loss. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    /** Smallest accepted quantity of one product in one event. */
    public static final int MIN_QUANTITY = 1;
    /** Largest accepted quantity of one product in one event. */
    public static final int MAX_QUANTITY = 10_000;
    /** Longest accepted {@code ip} on an enriched event (an IPv6 address is at most 45 characters). */
    public static final int MAX_IP_LENGTH = 64;

    public static ValidationLimits defaults() {
        return new ValidationLimits(128, 256, 2048, 1024, 8192, 200,
                Instant.parse("2000-01-01T00:00:00Z"), Duration.ofDays(365));
    }
}
