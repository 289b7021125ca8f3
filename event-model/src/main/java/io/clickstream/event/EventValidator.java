package io.clickstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a JSON event against the contract of design.md and returns <em>every</em> violation, not
 * just the first, so a client can fix a payload in one round trip. Works on the JSON tree rather than
 * the bound record so that wrong JSON types and unknown fields are reported instead of coerced.
 *
 * <p>Thread-safe and allocation-light: one instance serves a whole gateway.
 */
public final class EventValidator {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    /** Fields a client may send. */
    static final Set<String> CLIENT_FIELDS = Set.of("event_id", "type", "ts", "sent_at", "user_id",
            "anonymous_id", "session_id", "page", "element", "product", "order", "context");
    /** Fields only the gateway sets; accepted on enriched events read back from Kafka. */
    static final Set<String> GATEWAY_FIELDS = Set.of("received_at", "ip", "site", "ts_corrected");
    static final Set<String> PAGE_FIELDS = Set.of("url", "path", "referrer", "title");
    static final Set<String> PRODUCT_FIELDS = Set.of("id", "category", "price", "quantity");
    static final Set<String> ORDER_FIELDS = Set.of("id", "revenue", "currency", "items");
    static final Set<String> ORDER_ITEM_FIELDS = Set.of("product_id", "price", "quantity");

    private final ValidationLimits limits;
    private final Clock clock;

    public EventValidator() {
        this(ValidationLimits.defaults(), Clock.systemUTC());
    }

    public EventValidator(ValidationLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Validates an event as a client sends it: gateway-owned fields are not allowed. */
    public List<Violation> validate(JsonNode event) {
        return validate(event, false);
    }

    /** Validates an event read back from Kafka, where the gateway's enrichment fields are expected. */
    public List<Violation> validateEnriched(JsonNode event) {
        return validate(event, true);
    }

    private List<Violation> validate(JsonNode event, boolean enriched) {
        List<Violation> out = new ArrayList<>();
        if (event == null || !event.isObject()) {
            out.add(new Violation("$", "type", "an event must be a JSON object, found " + describe(event)));
            return out;
        }
        for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!CLIENT_FIELDS.contains(name) && !(enriched && GATEWAY_FIELDS.contains(name))) {
                String why = GATEWAY_FIELDS.contains(name)
                        ? "'" + name + "' is set by the gateway and must not be sent by clients"
                        : "unknown field '" + name + "'; allowed: " + String.join(", ", sorted(CLIENT_FIELDS));
                out.add(new Violation("$." + name, "additional_property", why));
            }
        }

        requiredString(event, "event_id", "$", out).ifPresent(id -> {
            if (!UUID_PATTERN.matcher(id).matches()) {
                out.add(new Violation("$.event_id", "uuid", "must be a UUID like 123e4567-e89b-12d3-a456-426614174000, found '" + abbreviate(id) + "'"));
            }
        });

        EventType type = null;
        var typeValue = requiredString(event, "type", "$", out);
        if (typeValue.isPresent()) {
            type = EventType.fromWireName(typeValue.get()).orElse(null);
            if (type == null) {
                out.add(new Violation("$.type", "enum", "must be one of page_view, click, add_to_cart, purchase, found '" + abbreviate(typeValue.get()) + "'"));
            }
        }

        timestamp(event, "ts", true, out);
        timestamp(event, "sent_at", false, out);
        if (enriched) {
            timestamp(event, "received_at", false, out);
            optionalString(event, "ip", "$", 64, out);
            optionalString(event, "site", "$", limits.maxIdLength(), out);
            if (event.has("ts_corrected") && !event.get("ts_corrected").isBoolean()) {
                out.add(new Violation("$.ts_corrected", "type", "must be a boolean, found " + describe(event.get("ts_corrected"))));
            }
        }

        String userId = optionalString(event, "user_id", "$", limits.maxIdLength(), out);
        String anonymousId = optionalString(event, "anonymous_id", "$", limits.maxIdLength(), out);
        if (isBlank(userId) && isBlank(anonymousId) && !event.has("user_id") && !event.has("anonymous_id")) {
            out.add(new Violation("$.user_id", "identity_required", "at least one of user_id or anonymous_id is required"));
        } else if (isBlank(userId) && isBlank(anonymousId) && (userId != null || anonymousId != null)) {
            out.add(new Violation("$.user_id", "identity_required", "user_id or anonymous_id must be a non-empty string"));
        }
        requiredString(event, "session_id", "$", out).ifPresent(s -> maxLength("$.session_id", s, limits.maxIdLength(), out));

        validatePage(event, type, out);
        if (event.has("element") || type == EventType.CLICK) {
            if (type == EventType.CLICK) {
                requiredString(event, "element", "$", out).ifPresent(s -> maxLength("$.element", s, limits.maxElementLength(), out));
            } else {
                optionalString(event, "element", "$", limits.maxElementLength(), out);
            }
        }
        validateProduct(event, type, out);
        validateOrder(event, type, out);
        validateContext(event, out);
        return out;
    }

    private void validatePage(JsonNode event, EventType type, List<Violation> out) {
        JsonNode page = event.get("page");
        if (page == null || page.isNull()) {
            if (type == EventType.PAGE_VIEW) {
                out.add(new Violation("$.page", "required", "page (with page.url) is required for page_view"));
            }
            return;
        }
        if (!page.isObject()) {
            out.add(new Violation("$.page", "type", "must be an object {url, path, referrer, title}, found " + describe(page)));
            return;
        }
        unknownFields(page, "$.page", PAGE_FIELDS, out);
        if (type == EventType.PAGE_VIEW) {
            requiredString(page, "url", "$.page", out).ifPresent(s -> maxLength("$.page.url", s, limits.maxUrlLength(), out));
        } else {
            optionalString(page, "url", "$.page", limits.maxUrlLength(), out);
        }
        optionalString(page, "path", "$.page", limits.maxTextLength(), out);
        optionalString(page, "referrer", "$.page", limits.maxUrlLength(), out);
        optionalString(page, "title", "$.page", limits.maxTextLength(), out);
    }

    private void validateProduct(JsonNode event, EventType type, List<Violation> out) {
        JsonNode product = event.get("product");
        if (product == null || product.isNull()) {
            if (type == EventType.ADD_TO_CART) {
                out.add(new Violation("$.product", "required", "product {id, price, quantity} is required for add_to_cart"));
            }
            return;
        }
        if (!product.isObject()) {
            out.add(new Violation("$.product", "type", "must be an object {id, category, price, quantity}, found " + describe(product)));
            return;
        }
        unknownFields(product, "$.product", PRODUCT_FIELDS, out);
        requiredString(product, "id", "$.product", out).ifPresent(s -> maxLength("$.product.id", s, limits.maxIdLength(), out));
        optionalString(product, "category", "$.product", limits.maxIdLength(), out);
        price(product, "price", "$.product", out);
        quantity(product, "quantity", "$.product", out);
    }

    private void validateOrder(JsonNode event, EventType type, List<Violation> out) {
        JsonNode order = event.get("order");
        if (order == null || order.isNull()) {
            if (type == EventType.PURCHASE) {
                out.add(new Violation("$.order", "required", "order {id, revenue, currency, items} is required for purchase"));
            }
            return;
        }
        if (!order.isObject()) {
            out.add(new Violation("$.order", "type", "must be an object {id, revenue, currency, items}, found " + describe(order)));
            return;
        }
        unknownFields(order, "$.order", ORDER_FIELDS, out);
        requiredString(order, "id", "$.order", out).ifPresent(s -> maxLength("$.order.id", s, limits.maxIdLength(), out));
        price(order, "revenue", "$.order", out);
        requiredString(order, "currency", "$.order", out).ifPresent(c -> {
            if (!CURRENCIES.contains(c)) {
                out.add(new Violation("$.order.currency", "iso_4217", "must be an ISO-4217 currency code such as EUR or USD, found '" + abbreviate(c) + "'"));
            }
        });
        JsonNode items = order.get("items");
        if (items == null || items.isNull()) {
            out.add(new Violation("$.order.items", "required", "items is required (at least one {product_id, price, quantity})"));
            return;
        }
        if (!items.isArray()) {
            out.add(new Violation("$.order.items", "type", "must be an array, found " + describe(items)));
            return;
        }
        if (items.isEmpty()) {
            out.add(new Violation("$.order.items", "min_items", "must hold at least one item"));
        }
        if (items.size() > limits.maxOrderItems()) {
            out.add(new Violation("$.order.items", "max_items", "at most " + limits.maxOrderItems() + " items, found " + items.size()));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String path = "$.order.items[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                out.add(new Violation(path, "type", "must be an object {product_id, price, quantity}, found " + describe(item)));
                continue;
            }
            unknownFields(item, path, ORDER_ITEM_FIELDS, out);
            requiredString(item, "product_id", path, out).ifPresent(s -> maxLength(path + ".product_id", s, limits.maxIdLength(), out));
            price(item, "price", path, out);
            quantity(item, "quantity", path, out);
        }
    }

    private void validateContext(JsonNode event, List<Violation> out) {
        JsonNode context = event.get("context");
        if (context == null || context.isNull()) {
            return;
        }
        if (!context.isObject()) {
            out.add(new Violation("$.context", "type", "must be an object, found " + describe(context)));
            return;
        }
        int size = context.toString().length();
        if (size > limits.maxContextBytes()) {
            out.add(new Violation("$.context", "max_size", "must serialize to at most " + limits.maxContextBytes() + " bytes, found " + size));
        }
    }

    private void timestamp(JsonNode parent, String field, boolean required, List<Violation> out) {
        JsonNode node = parent.get(field);
        String path = "$." + field;
        if (node == null || node.isNull()) {
            if (required) {
                out.add(new Violation(path, "required", field + " is required (ISO-8601 instant, e.g. 2026-11-25T10:00:00Z)"));
            }
            return;
        }
        if (!node.isTextual()) {
            out.add(new Violation(path, "type", "must be an ISO-8601 instant string, found " + describe(node)));
            return;
        }
        Instant instant;
        try {
            instant = Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            out.add(new Violation(path, "date_time", "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z, found '" + abbreviate(node.textValue()) + "'"));
            return;
        }
        Instant latest = clock.instant().plus(limits.maxFutureSkew());
        if (instant.isBefore(limits.earliestTimestamp()) || instant.isAfter(latest)) {
            out.add(new Violation(path, "date_range", "must lie between " + limits.earliestTimestamp() + " and " + latest + ", found " + instant));
        }
    }

    private java.util.Optional<String> requiredString(JsonNode parent, String field, String parentPath, List<Violation> out) {
        JsonNode node = parent.get(field);
        String path = parentPath + "." + field;
        if (node == null || node.isNull()) {
            out.add(new Violation(path, "required", field + " is required"));
            return java.util.Optional.empty();
        }
        if (!node.isTextual()) {
            out.add(new Violation(path, "type", "must be a string, found " + describe(node)));
            return java.util.Optional.empty();
        }
        if (node.textValue().isEmpty()) {
            out.add(new Violation(path, "min_length", field + " must not be empty"));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(node.textValue());
    }

    /** Returns the string if present and well-typed, reporting type and length problems. */
    private String optionalString(JsonNode parent, String field, String parentPath, int maxLength, List<Violation> out) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String path = parentPath + "." + field;
        if (!node.isTextual()) {
            out.add(new Violation(path, "type", "must be a string, found " + describe(node)));
            return null;
        }
        maxLength(path, node.textValue(), maxLength, out);
        return node.textValue();
    }

    private static void maxLength(String path, String value, int max, List<Violation> out) {
        if (value.length() > max) {
            out.add(new Violation(path, "max_length", "must be at most " + max + " characters, found " + value.length()));
        }
    }

    private static void price(JsonNode parent, String field, String parentPath, List<Violation> out) {
        JsonNode node = parent.get(field);
        String path = parentPath + "." + field;
        if (node == null || node.isNull()) {
            out.add(new Violation(path, "required", field + " is required (a number ≥ 0)"));
        } else if (!node.isNumber()) {
            out.add(new Violation(path, "type", "must be a number, found " + describe(node)));
        } else if (node.decimalValue().signum() < 0) {
            out.add(new Violation(path, "minimum", "must be ≥ 0, found " + node.asText()));
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            out.add(new Violation(path, "maximum", "must be a finite number, found " + abbreviate(node.asText())));
        } else if (node.decimalValue().compareTo(MAX_AMOUNT) > 0) {
            out.add(new Violation(path, "maximum", "must be at most " + MAX_AMOUNT.toPlainString() + ", found " + abbreviate(node.asText())));
        }
    }

    /** Largest accepted price or revenue: far above any real order, far below double's precision loss. */
    static final java.math.BigDecimal MAX_AMOUNT = new java.math.BigDecimal("1000000000");

    private static void quantity(JsonNode parent, String field, String parentPath, List<Violation> out) {
        JsonNode node = parent.get(field);
        String path = parentPath + "." + field;
        if (node == null || node.isNull()) {
            out.add(new Violation(path, "required", field + " is required (an integer ≥ 1)"));
        } else if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            out.add(new Violation(path, "type", "must be an integer, found " + describe(node)));
        } else if (node.intValue() < 1) {
            out.add(new Violation(path, "minimum", "must be ≥ 1, found " + node.intValue()));
        } else if (node.intValue() > MAX_QUANTITY) {
            out.add(new Violation(path, "maximum", "must be at most " + MAX_QUANTITY + ", found " + node.intValue()));
        }
    }

    static final int MAX_QUANTITY = 10_000;

    private static void unknownFields(JsonNode object, String path, Set<String> allowed, List<Violation> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!allowed.contains(name)) {
                out.add(new Violation(path + "." + name, "additional_property",
                        "unknown field '" + abbreviate(name) + "'; allowed: " + String.join(", ", sorted(allowed))));
            }
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
