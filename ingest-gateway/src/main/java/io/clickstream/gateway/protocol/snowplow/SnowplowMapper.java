package io.clickstream.gateway.protocol.snowplow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.gateway.protocol.ForeignIds;
import io.clickstream.gateway.protocol.Mapped;
import io.clickstream.gateway.protocol.Timestamps;
import io.clickstream.gateway.protocol.TypeMapping;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * One event of the Snowplow tracker protocol (the parameters of {@code GET /i}, or one element of a
 * {@code tp2} POST's {@code payload_data}: every value a string) in the gateway's contract. Pure.
 *
 * <ul>
 *   <li>{@code e=pv} → {@code page_view} ({@code url}, {@code refr}, {@code page} as title);</li>
 *   <li>{@code e=se} → the type its action {@code se_ac} maps to ({@link Settings#structuredActions()}):
 *       {@code click} (element = {@code se_la}, else {@code se_ca}); {@code add_to_cart} (product
 *       id = {@code se_la}, category = {@code se_ca}, price = {@code se_va}, quantity = {@code se_pr}
 *       if a whole number, else 1); {@code purchase} (order id = {@code se_la}, revenue = {@code se_va},
 *       currency = {@code se_pr} if a three-letter code, else {@link Settings#defaultCurrency()}, one item:
 *       {@code se_ca} at {@code se_va});</li>
 *   <li>{@code e=ue} → the type its schema (vendor/name, any version) maps to
 *       ({@link Settings#selfDescribing()}); a {@code link_click} becomes a click on its
 *       {@code elementId} (as {@code #id}) or {@code targetUrl};</li>
 *   <li>anything else ({@code pp} page pings, {@code tr}/{@code ti}, unmapped actions) →
 *       {@link Mapped.Ignored}.</li>
 * </ul>
 * Identity and time: {@code eid} → {@code event_id} (name-based UUID if not a UUID), {@code uid} →
 * {@code user_id}, {@code duid} → {@code anonymous_id}, {@code sid} → {@code session_id} (else
 * {@code duid} and the session index {@code vid}), {@code dtm} (device time, ms) → {@code ts} with
 * {@code stm} (sent time) → {@code sent_at} for the skew correction; {@code ua} and {@code lang} into
 * {@code context}.
 */
public final class SnowplowMapper {

    public static final String PROTOCOL = "snowplow";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param mapPageViews      whether {@code e=pv} becomes page_view
     * @param structuredActions {@code se_ac} values → types
     * @param selfDescribing    {@code vendor/name} of an unstructured event's schema → types
     * @param defaultCurrency   the currency of a structured purchase without one in {@code se_pr}
     */
    public record Settings(boolean mapPageViews, TypeMapping structuredActions, TypeMapping selfDescribing,
                           String defaultCurrency) {
    }

    private final Settings settings;

    public SnowplowMapper(Settings settings) {
        this.settings = settings;
    }

    /** Whether a query string is a Snowplow event (it names its event kind in {@code e}) rather than a pixel event. */
    public static boolean isSnowplow(Map<String, String> params) {
        return params.containsKey("e") && !params.containsKey("type");
    }

    public Mapped map(Map<String, String> p, Instant receivedAt) {
        String e = p.get("e");
        EventType type;
        JsonNode selfDescribingData = null;
        if ("pv".equals(e)) {
            if (!settings.mapPageViews()) {
                return new Mapped.Ignored("page views are not mapped (clickstream.snowplow.map-page-views=false)");
            }
            type = EventType.PAGE_VIEW;
        } else if ("se".equals(e)) {
            var mapped = settings.structuredActions().typeOf(p.get("se_ac"));
            if (mapped.isEmpty()) {
                return new Mapped.Ignored("structured event action '" + p.get("se_ac")
                        + "' is not mapped (clickstream.snowplow.structured-actions)");
            }
            type = mapped.get();
        } else if ("ue".equals(e)) {
            JsonNode envelope = unstructured(p);
            JsonNode inner = envelope == null ? null : envelope.path("data");
            String schema = inner == null ? null : inner.path("schema").asText(null);
            var mapped = settings.selfDescribing().typeOf(vendorAndName(schema));
            if (mapped.isEmpty()) {
                return new Mapped.Ignored("self-describing event " + (schema == null ? "without a readable schema" : schema)
                        + " is not mapped (clickstream.snowplow.self-describing)");
            }
            type = mapped.get();
            selfDescribingData = inner.path("data");
        } else {
            return new Mapped.Ignored("event kind e=" + e + " carries no clickstream event");
        }

        ObjectNode event = NODES.objectNode();
        event.put("event_id", ForeignIds.eventId(PROTOCOL, p.get("eid")));
        event.put("type", type.wireName());
        String dtm = p.get("dtm");
        String stm = p.get("stm");
        event.put("ts", dtm != null ? Timestamps.epochMillis(dtm) : stm != null ? Timestamps.epochMillis(stm) : receivedAt.toString());
        if (dtm != null && stm != null) {
            event.put("sent_at", Timestamps.epochMillis(stm));
        }
        putIfPresent(event, "user_id", p.get("uid"));
        String duid = p.get("duid");
        putIfPresent(event, "anonymous_id", duid != null ? duid : p.get("nuid"));
        String session = p.get("sid");
        if (session == null && duid != null) {
            session = PROTOCOL + ":" + duid + ":" + p.getOrDefault("vid", "1");
        }
        putIfPresent(event, "session_id", session);
        ObjectNode page = NODES.objectNode();
        putIfPresent(page, "url", p.get("url"));
        putIfPresent(page, "path", pathOf(p.get("url")));
        putIfPresent(page, "referrer", p.get("refr"));
        putIfPresent(page, "title", p.get("page"));
        if (page.size() > 0) {
            event.set("page", page);
        }
        switch (type) {
            case CLICK -> {
                String element;
                if (selfDescribingData != null) {
                    String id = selfDescribingData.path("elementId").asText(null);
                    element = id != null && !id.isEmpty() ? "#" + id : selfDescribingData.path("targetUrl").asText(null);
                } else {
                    element = p.get("se_la") != null ? p.get("se_la") : p.get("se_ca");
                }
                putIfPresent(event, "element", element);
            }
            case ADD_TO_CART -> {
                ObjectNode product = event.putObject("product");
                putIfPresent(product, "id", p.get("se_la"));
                putIfPresent(product, "category", p.get("se_ca"));
                putNumber(product, "price", p.get("se_va"));
                Integer quantity = wholeNumber(p.get("se_pr"));
                product.put("quantity", quantity == null ? 1 : quantity);
            }
            case PURCHASE -> {
                ObjectNode order = event.putObject("order");
                putIfPresent(order, "id", p.get("se_la"));
                putNumber(order, "revenue", p.get("se_va"));
                String pr = p.get("se_pr");
                order.put("currency", pr != null && pr.matches("[A-Z]{3}") ? pr : settings.defaultCurrency());
                ObjectNode item = order.putArray("items").addObject();
                putIfPresent(item, "product_id", p.get("se_ca"));
                putNumber(item, "price", p.get("se_va"));
                item.put("quantity", 1);
            }
            default -> { }
        }
        ObjectNode context = NODES.objectNode();
        putIfPresent(context, "user_agent", p.get("ua"));
        putIfPresent(context, "locale", p.get("lang"));
        putIfPresent(context, "tracker", p.get("tv"));
        if (context.size() > 0) {
            event.set("context", context);
        }
        return new Mapped.Event(event);
    }

    /** The {@code ue_pr} JSON, or the base64url {@code ue_px}; null if unreadable. */
    private static JsonNode unstructured(Map<String, String> p) {
        String json = p.get("ue_pr");
        if (json == null && p.get("ue_px") != null) {
            try {
                json = new String(Base64.getUrlDecoder().decode(p.get("ue_px").replace('+', '-').replace('/', '_')
                        .replace("=", "")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code iglu:com.acme/link_click/jsonschema/1-0-1} → {@code com.acme/link_click}. */
    static String vendorAndName(String schema) {
        if (schema == null) {
            return null;
        }
        String s = schema.startsWith("iglu:") ? schema.substring(5) : schema;
        String[] parts = s.split("/");
        return parts.length >= 2 ? parts[0] + "/" + parts[1] : s;
    }

    private static void putNumber(ObjectNode node, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            node.put(field, new BigDecimal(value.trim()));
        } catch (NumberFormatException e) {
            node.put(field, value); // the validator rejects it with its reason
        }
    }

    private static Integer wholeNumber(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String path = URI.create(url).getRawPath();
            return path == null || path.isEmpty() ? null : path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
