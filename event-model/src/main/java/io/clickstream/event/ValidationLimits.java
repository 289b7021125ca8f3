package io.clickstream.event;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds the validator enforces beyond the types themselves. The defaults are the contract's;
 * the gateway may tighten them from configuration.
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

    public static ValidationLimits defaults() {
        return new ValidationLimits(128, 256, 2048, 1024, 8192, 200,
                Instant.parse("2000-01-01T00:00:00Z"), Duration.ofDays(365));
    }
}
