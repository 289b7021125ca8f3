package io.clickstream.analytics.parse;

import java.math.BigDecimal;
import java.util.List;

/**
 * The fields of one Kafka record's JSON value that the analytics read, exactly as the record
 * carried them (before any contract rule is applied): {@code null} where a field was absent or JSON
 * {@code null}. Fields the analytics do not read (ip, sent_at…) are not kept.
 *
 * @param hasPage      whether the record has a {@code page} object (the breakdowns tell an event
 *                     without one from one without a referrer)
 * @param pageReferrer {@code page.referrer}
 * @param userAgent    {@code context.user_agent}
 */
public record RawEvent(
        String eventId,
        String type,
        String ts,
        String userId,
        String anonymousId,
        String sessionId,
        String site,
        String receivedAt,
        String pageUrl,
        String pagePath,
        String element,
        String productId,
        String productCategory,
        BigDecimal productPrice,
        Integer productQuantity,
        String orderId,
        BigDecimal revenue,
        String currency,
        List<Item> items,
        boolean hasPage,
        String pageReferrer,
        String userAgent) {

    /** One element of {@code order.items}; a JSON {@code null} element is a {@code null} item. */
    public record Item(String productId, BigDecimal price, Integer quantity) {
    }
}
