package io.clickstream.gateway.protocol.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventType;
import io.clickstream.gateway.protocol.ForeignIds;
import io.clickstream.gateway.protocol.Mapped;
import io.clickstream.gateway.protocol.Timestamps;
import io.clickstream.gateway.protocol.TypeMapping;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * A message of Segment's HTTP Tracking API (what analytics.js, analytics-node and analytics-java send)
 * in the gateway's contract. Pure.
 *
 * <ul>
 *   <li>{@code page} → {@code page_view} (if {@link Settings#mapPages()}), the page from
 *       {@code properties} or {@code context.page};</li>
 *   <li>{@code track} → the type its {@code event} name maps to ({@link Settings#trackEvents()}), with
 *       Segment's e-commerce spec properties: {@code product_id}/{@code sku}, {@code price},
 *       {@code quantity} (1 when absent), {@code category}; {@code order_id}, {@code revenue} else
 *       {@code total}, {@code currency}, {@code products[]};</li>
 *   <li>everything else ({@code identify}, {@code screen}, {@code group}, {@code alias}, unmapped track
 *       names) → {@link Mapped.Ignored} with the reason.</li>
 * </ul>
 * {@code messageId} becomes {@code event_id} ({@link ForeignIds}; without one, a name-based UUID of
 * the message's text, so a resent message is still recognised). Time, as Segment computes it
 * ({@code timestamp = receivedAt − (sentAt − originalTimestamp)}): the client's event time —
 * {@code originalTimestamp}, else the {@code timestamp} the SDK set — becomes {@code ts}, and the
 * message's or the batch's {@code sentAt} becomes {@code sent_at}, so the gateway corrects the client's
 * clock skew as for its own events (above {@code clickstream.skew.threshold}; smaller differences are
 * network time). Without {@code sentAt} the time is taken as it is; with no time at all, {@code ts} is
 * when the gateway received the message.
 */
public final class SegmentMapper {

    public static final String PROTOCOL = "segment";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param mapPages    whether {@code page} calls become page views
     * @param trackEvents which {@code track} event names become which types
     */
    public record Settings(boolean mapPages, TypeMapping trackEvents) {
    }

    private final Settings settings;

    public SegmentMapper(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param message      one call ({@code track}, {@code page}, …) as sent
     * @param impliedType  the call type of the endpoint ({@code /v1/track} → "track"), or null for
     *                     {@code /v1/batch} and {@code /v1/import}, where each message names its {@code type}
     * @param batchSentAt  the batch's {@code sentAt} (analytics-node puts it there), or null
     * @param messageText  the message's text, for a name-based id when it has no {@code messageId}
     */
    public Mapped map(JsonNode message, String impliedType, String batchSentAt, String messageText, Instant receivedAt) {
        if (!(message instanceof ObjectNode)) {
            return new Mapped.Event(NODES.objectNode()); // the validator rejects it with its reasons
        }
        String call = impliedType != null ? impliedType : text(message, "type");
        if (call == null) {
            call = "";
        }
        call = call.toLowerCase(Locale.ROOT);
        EventType type;
        if (call.equals("page")) {
            if (!settings.mapPages()) {
                return new Mapped.Ignored("page calls are not mapped (clickstream.segment.map-pages=false)");
            }
            type = EventType.PAGE_VIEW;
        } else if (call.equals("track")) {
            String name = text(message, "event");
            var mapped = settings.trackEvents().typeOf(name);
            if (mapped.isEmpty()) {
                return new Mapped.Ignored("track event '" + name + "' is not mapped (clickstream.segment.track-events)");
            }
            type = mapped.get();
        } else {
            return new Mapped.Ignored((call.isEmpty() ? "a message without type" : call + " calls")
                    + " carry no clickstream event");
        }

        JsonNode properties = message.path("properties");
        JsonNode context = message.path("context");
        ObjectNode event = NODES.objectNode();
        String messageId = text(message, "messageId");
        event.put("event_id", ForeignIds.eventId(PROTOCOL, messageId != null ? messageId : messageText));
        event.put("type", type.wireName());
        putTimes(event, message, batchSentAt, receivedAt);
        String userId = text(message, "userId");
        String anonymousId = text(message, "anonymousId");
        putIfText(event, "user_id", userId);
        putIfText(event, "anonymous_id", anonymousId);
        String session = firstText(context.path("sessionId"), properties.path("session_id"), context.path("session_id"));
        if (session == null) {
            String who = anonymousId != null ? anonymousId : userId;
            session = who == null ? null : PROTOCOL + ":" + who;
        }
        putIfText(event, "session_id", session);
        ObjectNode page = page(type == EventType.PAGE_VIEW ? properties : NODES.objectNode(), context.path("page"),
                text(message, "name"));
        if (page.size() > 0) {
            event.set("page", page);
        }
        switch (type) {
            case CLICK -> {
                String productId = firstText(properties.path("product_id"), properties.path("sku"));
                String element = firstText(properties.path("element"), properties.path("selector"));
                if (element == null && productId != null) {
                    element = "product:" + productId;
                }
                if (element == null) {
                    element = text(properties, "url");
                }
                putIfText(event, "element", element);
            }
            case ADD_TO_CART -> event.set("product", product(properties));
            case PURCHASE -> event.set("order", order(properties));
            default -> { }
        }
        ObjectNode ourContext = context(context);
        if (ourContext.size() > 0) {
            event.set("context", ourContext);
        }
        return new Mapped.Event(event);
    }

    private static void putTimes(ObjectNode event, JsonNode message, String batchSentAt, Instant receivedAt) {
        String original = text(message, "originalTimestamp");
        String timestamp = text(message, "timestamp");
        String sentAt = text(message, "sentAt");
        if (sentAt == null) {
            sentAt = batchSentAt;
        }
        String clientTime = original != null ? original : timestamp;
        if (clientTime == null) {
            event.put("ts", receivedAt.toString());
            return;
        }
        event.put("ts", Timestamps.iso(clientTime));
        if (sentAt != null) {
            event.put("sent_at", Timestamps.iso(sentAt));
        }
    }

    private static ObjectNode page(JsonNode properties, JsonNode contextPage, String name) {
        ObjectNode page = NODES.objectNode();
        String url = firstText(properties.path("url"), contextPage.path("url"));
        putIfText(page, "url", url);
        String path = firstText(properties.path("path"), contextPage.path("path"));
        if (path == null && url != null) {
            path = pathOf(url);
        }
        putIfText(page, "path", path);
        putIfText(page, "referrer", firstText(properties.path("referrer"), contextPage.path("referrer")));
        putIfText(page, "title", firstText(properties.path("title"), contextPage.path("title"), NODES.textNode(name)));
        return page;
    }

    private static ObjectNode product(JsonNode p) {
        ObjectNode product = NODES.objectNode();
        putIfText(product, "id", firstText(p.path("product_id"), p.path("sku"), p.path("id")));
        putIfText(product, "category", text(p, "category"));
        copyIfPresent(p, "price", product, "price");
        if (p.hasNonNull("quantity")) {
            product.set("quantity", p.get("quantity"));
        } else {
            product.put("quantity", 1);
        }
        return product;
    }

    private static ObjectNode order(JsonNode p) {
        ObjectNode order = NODES.objectNode();
        putIfText(order, "id", firstText(p.path("order_id"), p.path("checkout_id")));
        if (p.hasNonNull("revenue")) {
            order.set("revenue", p.get("revenue"));
        } else {
            copyIfPresent(p, "total", order, "revenue");
        }
        String currency = text(p, "currency");
        putIfText(order, "currency", currency == null ? null : currency.toUpperCase(Locale.ROOT));
        ArrayNode items = order.putArray("items");
        for (JsonNode product : p.path("products")) {
            ObjectNode item = items.addObject();
            putIfText(item, "product_id", firstText(product.path("product_id"), product.path("sku"), product.path("id")));
            copyIfPresent(product, "price", item, "price");
            if (product.hasNonNull("quantity")) {
                item.set("quantity", product.get("quantity"));
            } else {
                item.put("quantity", 1);
            }
        }
        return order;
    }

    /** The little of Segment's context the contract keeps: user agent, locale and the sending library. */
    private static ObjectNode context(JsonNode context) {
        ObjectNode out = NODES.objectNode();
        putIfText(out, "user_agent", text(context, "userAgent"));
        putIfText(out, "locale", text(context, "locale"));
        String library = text(context.path("library"), "name");
        if (library != null) {
            String version = text(context.path("library"), "version");
            out.put("library", version == null ? library : library + "/" + version);
        }
        return out;
    }

    private static String pathOf(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null || path.isEmpty() ? null : path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void copyIfPresent(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }

    private static void putIfText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode c : candidates) {
            if (c != null && c.isValueNode() && !c.isNull()) {
                String s = c.asText();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
