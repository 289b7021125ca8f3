package io.clickstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a JSON event against the event contract (docs/architecture.md) and returns <em>every</em> violation, not
 * just the first, so a client can fix a payload in one round trip. Works on the JSON tree rather than
 * the bound record so that wrong JSON types and unknown fields are reported instead of coerced.
 *
 * <p>An optional field that is JSON {@code null} counts as absent (trackers such as Segment's send
 * {@code "userId": null} for anonymous users); a required field that is {@code null} is missing.
 *
 * <p>{@code src/main/resources/clickstream/event.schema.json} states the same contract as a JSON
 * Schema; {@code EventSchemaAgreementTest} holds the two together and lists the rules only this
 * class can check (real ISO-4217 codes, timestamp range, context size, integer literals).
 *
 * <p>Thread-safe and allocation-light: one instance serves a whole gateway.
 */
public final class EventValidator {

    /** Classpath location of the contract's JSON Schema (draft 2020-12); {@code $defs/enriched_event} is the Kafka form. */
    public static final String SCHEMA_RESOURCE = "clickstream/event.schema.json";

    /**
     * A UUID in its canonical 8-4-4-4-12 hex form; the JSON Schema uses the same expression. This
     * class checks it, and the two expressions below, with the equivalent scans of {@link Shapes}.
     */
    static final String UUID_REGEX =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    /**
     * The shape of a timestamp: RFC 3339 date-time with seconds, at most nanosecond precision, and
     * Z or an offset within ±18:00 (the range {@link Instant#parse} accepts); no leap second, no hour
     * 24 and no "-00:00" (RFC 3339's "offset unknown"). {@link Instant#parse} alone would accept
     * "24:00:00" and ":60" seconds, which the schema's {@code format: date-time} rejects. The JSON
     * Schema carries the same expression next to {@code "format": "date-time"}.
     */
    static final String TIMESTAMP_REGEX =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?"
                    + "([Zz]|\\+((0[0-9]|1[0-7]):[0-5][0-9]|18:00)|-(?!00:00)((0[0-9]|1[0-7]):[0-5][0-9]|18:00))$";
    /** The shape of a currency code; membership in ISO-4217 is then checked against the JDK's list. */
    static final String CURRENCY_REGEX = "^[A-Z]{3}$";

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private static final String ROOT = "$";
    private static final String PAGE_PATH = ROOT + "." + Fields.PAGE;
    private static final String PRODUCT_PATH = ROOT + "." + Fields.PRODUCT;
    private static final String ORDER_PATH = ROOT + "." + Fields.ORDER;
    private static final String ITEMS_PATH = ORDER_PATH + "." + Fields.Order.ITEMS;

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

    /**
     * Validates an event read back from Kafka, where the gateway's enrichment fields
     * ({@code received_at}, {@code ip}, {@code site}, {@code ts_corrected}) are allowed and type-checked.
     * They stay optional, so a client-shaped event is also a valid enriched event.
     */
    public List<Violation> validateEnriched(JsonNode event) {
        return validate(event, true);
    }

    private List<Violation> validate(JsonNode event, boolean enriched) {
        List<Violation> out = new ArrayList<>();
        if (event == null || !event.isObject()) {
            out.add(new Violation(ROOT, "type", "an event must be a JSON object, found " + describe(event)));
            return out;
        }
        for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!Fields.CLIENT.contains(name) && !(enriched && Fields.GATEWAY.contains(name))) {
                String why = Fields.GATEWAY.contains(name)
                        ? "'" + name + "' is set by the gateway and must not be sent by clients"
                        : "unknown field '" + abbreviate(name) + "'; allowed: " + String.join(", ", sorted(Fields.CLIENT));
                out.add(new Violation(child(ROOT, name), "additional_property", why));
            }
        }

        requiredString(event, Fields.EVENT_ID, ROOT, out).ifPresent(id -> {
            if (!Shapes.isUuid(id)) {
                out.add(new Violation(ROOT + "." + Fields.EVENT_ID, "uuid", "must be a UUID like 123e4567-e89b-12d3-a456-426614174000, found '" + abbreviate(id) + "'"));
            }
        });

        EventType type = null;
        Optional<String> typeValue = requiredString(event, Fields.TYPE, ROOT, out);
        if (typeValue.isPresent()) {
            type = EventType.fromWireName(typeValue.get()).orElse(null);
            if (type == null) {
                out.add(new Violation(ROOT + "." + Fields.TYPE, "enum", "must be one of " + EventType.wireNames() + ", found '" + abbreviate(typeValue.get()) + "'"));
            }
        }

        timestamp(event, Fields.TS, true, out);
        timestamp(event, Fields.SENT_AT, false, out);
        if (enriched) {
            timestamp(event, Fields.RECEIVED_AT, false, out);
            optionalString(event, Fields.IP, ROOT, ValidationLimits.MAX_IP_LENGTH, out);
            optionalString(event, Fields.SITE, ROOT, limits.maxIdLength(), out);
            JsonNode tsCorrected = event.get(Fields.TS_CORRECTED);
            if (tsCorrected != null && !tsCorrected.isNull() && !tsCorrected.isBoolean()) {
                out.add(new Violation(ROOT + "." + Fields.TS_CORRECTED, "type", "must be a boolean, found " + describe(tsCorrected)));
            }
        }

        String userId = optionalString(event, Fields.USER_ID, ROOT, limits.maxIdLength(), out);
        String anonymousId = optionalString(event, Fields.ANONYMOUS_ID, ROOT, limits.maxIdLength(), out);
        if (isBlank(userId) && isBlank(anonymousId)) {
            // Without an identity the event has no partition key, so it cannot be routed in order.
            boolean sentAny = isPresent(event.get(Fields.USER_ID)) || isPresent(event.get(Fields.ANONYMOUS_ID));
            out.add(new Violation(ROOT + "." + Fields.USER_ID, "identity_required", sentAny
                    ? "user_id or anonymous_id must be a non-empty string"
                    : "at least one of user_id or anonymous_id is required"));
        }
        requiredString(event, Fields.SESSION_ID, ROOT, out).ifPresent(s -> maxLength(ROOT + "." + Fields.SESSION_ID, s, limits.maxIdLength(), out));

        validatePage(event, type, out);
        if (type == EventType.CLICK) {
            requiredString(event, Fields.ELEMENT, ROOT, out).ifPresent(s -> maxLength(ROOT + "." + Fields.ELEMENT, s, limits.maxElementLength(), out));
        } else {
            optionalString(event, Fields.ELEMENT, ROOT, limits.maxElementLength(), out);
        }
        validateProduct(event, type, out);
        validateOrder(event, type, out);
        validateContext(event, out);
        return out;
    }

    private void validatePage(JsonNode event, EventType type, List<Violation> out) {
        JsonNode page = event.get(Fields.PAGE);
        if (!isPresent(page)) {
            if (type == EventType.PAGE_VIEW) {
                out.add(new Violation(PAGE_PATH, "required", "page (with page.url) is required for page_view"));
            }
            return;
        }
        if (!page.isObject()) {
            out.add(new Violation(PAGE_PATH, "type", "must be an object {url, path, referrer, title}, found " + describe(page)));
            return;
        }
        unknownFields(page, PAGE_PATH, Fields.Page.ALL, out);
        if (type == EventType.PAGE_VIEW) {
            requiredString(page, Fields.Page.URL, PAGE_PATH, out).ifPresent(s -> maxLength(PAGE_PATH + "." + Fields.Page.URL, s, limits.maxUrlLength(), out));
        } else {
            optionalString(page, Fields.Page.URL, PAGE_PATH, limits.maxUrlLength(), out);
        }
        optionalString(page, Fields.Page.PATH, PAGE_PATH, limits.maxTextLength(), out);
        optionalString(page, Fields.Page.REFERRER, PAGE_PATH, limits.maxUrlLength(), out);
        optionalString(page, Fields.Page.TITLE, PAGE_PATH, limits.maxTextLength(), out);
    }

    private void validateProduct(JsonNode event, EventType type, List<Violation> out) {
        JsonNode product = event.get(Fields.PRODUCT);
        if (!isPresent(product)) {
            if (type == EventType.ADD_TO_CART) {
                out.add(new Violation(PRODUCT_PATH, "required", "product {id, price, quantity} is required for add_to_cart"));
            }
            return;
        }
        if (!product.isObject()) {
            out.add(new Violation(PRODUCT_PATH, "type", "must be an object {id, category, price, quantity}, found " + describe(product)));
            return;
        }
        unknownFields(product, PRODUCT_PATH, Fields.Product.ALL, out);
        requiredString(product, Fields.Product.ID, PRODUCT_PATH, out).ifPresent(s -> maxLength(PRODUCT_PATH + "." + Fields.Product.ID, s, limits.maxIdLength(), out));
        optionalString(product, Fields.Product.CATEGORY, PRODUCT_PATH, limits.maxIdLength(), out);
        amount(product, Fields.Product.PRICE, PRODUCT_PATH, out);
        quantity(product, Fields.Product.QUANTITY, PRODUCT_PATH, out);
    }

    private void validateOrder(JsonNode event, EventType type, List<Violation> out) {
        JsonNode order = event.get(Fields.ORDER);
        if (!isPresent(order)) {
            if (type == EventType.PURCHASE) {
                out.add(new Violation(ORDER_PATH, "required", "order {id, revenue, currency, items} is required for purchase"));
            }
            return;
        }
        if (!order.isObject()) {
            out.add(new Violation(ORDER_PATH, "type", "must be an object {id, revenue, currency, items}, found " + describe(order)));
            return;
        }
        unknownFields(order, ORDER_PATH, Fields.Order.ALL, out);
        requiredString(order, Fields.Order.ID, ORDER_PATH, out).ifPresent(s -> maxLength(ORDER_PATH + "." + Fields.Order.ID, s, limits.maxIdLength(), out));
        amount(order, Fields.Order.REVENUE, ORDER_PATH, out);
        requiredString(order, Fields.Order.CURRENCY, ORDER_PATH, out).ifPresent(c -> {
            if (!Shapes.isCurrencyShape(c) || !CURRENCIES.contains(c)) {
                out.add(new Violation(ORDER_PATH + "." + Fields.Order.CURRENCY, "iso_4217", "must be an ISO-4217 currency code such as EUR or USD, found '" + abbreviate(c) + "'"));
            }
        });
        JsonNode items = order.get(Fields.Order.ITEMS);
        if (!isPresent(items)) {
            out.add(new Violation(ITEMS_PATH, "required", "items is required (at least one {product_id, price, quantity})"));
            return;
        }
        if (!items.isArray()) {
            out.add(new Violation(ITEMS_PATH, "type", "must be an array, found " + describe(items)));
            return;
        }
        if (items.isEmpty()) {
            out.add(new Violation(ITEMS_PATH, "min_items", "must hold at least one item, found none"));
        }
        if (items.size() > limits.maxOrderItems()) {
            // Don't list the problems of thousands of items: the size is the problem to fix first.
            out.add(new Violation(ITEMS_PATH, "max_items", "must hold at most " + limits.maxOrderItems() + " items, found " + items.size()));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String path = ITEMS_PATH + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                out.add(new Violation(path, "type", "must be an object {product_id, price, quantity}, found " + describe(item)));
                continue;
            }
            unknownFields(item, path, Fields.OrderItem.ALL, out);
            requiredString(item, Fields.OrderItem.PRODUCT_ID, path, out).ifPresent(s -> maxLength(path + "." + Fields.OrderItem.PRODUCT_ID, s, limits.maxIdLength(), out));
            amount(item, Fields.OrderItem.PRICE, path, out);
            quantity(item, Fields.OrderItem.QUANTITY, path, out);
        }
    }

    private void validateContext(JsonNode event, List<Violation> out) {
        JsonNode context = event.get(Fields.CONTEXT);
        if (!isPresent(context)) {
            return;
        }
        if (!context.isObject()) {
            out.add(new Violation(ROOT + "." + Fields.CONTEXT, "type", "must be an object, found " + describe(context)));
            return;
        }
        int size = utf8Size(context);
        if (size > limits.maxContextBytes()) {
            out.add(new Violation(ROOT + "." + Fields.CONTEXT, "max_size", "must serialize to at most " + limits.maxContextBytes() + " bytes of JSON, found " + size));
        }
    }

    private void timestamp(JsonNode parent, String field, boolean required, List<Violation> out) {
        JsonNode node = parent.get(field);
        if (!isPresent(node)) {
            if (required) {
                out.add(new Violation("$." + field, "required", field + " is required (ISO-8601 instant, e.g. 2026-11-25T10:00:00Z)"));
            }
            return;
        }
        if (!node.isTextual()) {
            out.add(new Violation("$." + field, "type", "must be an ISO-8601 instant string, found " + describe(node)));
            return;
        }
        // The shape of TIMESTAMP_REGEX and a real date (not 2026-02-30), parsed in the same pass.
        Instant instant = Shapes.parseTimestamp(node.textValue());
        if (instant == null) {
            out.add(new Violation("$." + field, "date_time", "must be an ISO-8601 instant with seconds and a zone, such as "
                    + "2026-11-25T10:00:00Z or 2026-11-25T11:00:00.250+01:00, found '" + abbreviate(node.textValue()) + "'"));
            return;
        }
        Instant latest = clock.instant().plus(limits.maxFutureSkew());
        if (instant.isBefore(limits.earliestTimestamp()) || instant.isAfter(latest)) {
            out.add(new Violation("$." + field, "date_range", "must lie between " + limits.earliestTimestamp() + " and " + latest + ", found " + instant));
        }
    }

    private Optional<String> requiredString(JsonNode parent, String field, String parentPath, List<Violation> out) {
        JsonNode node = parent.get(field);
        if (!isPresent(node)) {
            out.add(new Violation(parentPath + "." + field, "required", field + " is required"));
            return Optional.empty();
        }
        if (!node.isTextual()) {
            out.add(new Violation(parentPath + "." + field, "type", "must be a string, found " + describe(node)));
            return Optional.empty();
        }
        if (node.textValue().isEmpty()) {
            out.add(new Violation(parentPath + "." + field, "min_length", "must not be empty"));
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    /** Returns the string if present and well-typed, reporting type and length problems. */
    private String optionalString(JsonNode parent, String field, String parentPath, int maxLength, List<Violation> out) {
        JsonNode node = parent.get(field);
        if (!isPresent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            out.add(new Violation(parentPath + "." + field, "type", "must be a string, found " + describe(node)));
            return null;
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            maxLength(parentPath + "." + field, value, maxLength, out);
        }
        return value;
    }

    /** Lengths count Unicode code points, as JSON Schema's maxLength does: an emoji is one character. */
    private static void maxLength(String path, String value, int max, List<Violation> out) {
        if (value.length() > max) {
            int length = value.codePointCount(0, value.length());
            if (length > max) {
                out.add(new Violation(path, "max_length", "must be at most " + max + " characters, found " + length));
            }
        }
    }

    /** A price or revenue: a finite number from 0 to {@link ValidationLimits#MAX_AMOUNT}. */
    private static void amount(JsonNode parent, String field, String parentPath, List<Violation> out) {
        JsonNode node = parent.get(field);
        String path = parentPath + "." + field;
        if (!isPresent(node)) {
            out.add(new Violation(path, "required", field + " is required (a number ≥ 0)"));
        } else if (!node.isNumber()) {
            out.add(new Violation(path, "type", "must be a number, found " + describe(node)));
        } else if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            // Only a tree built in code (or parsed with non-numeric numbers allowed) holds NaN or
            // infinity; decimalValue() would throw on it, so this check comes first.
            out.add(new Violation(path, "type", "must be a finite number, found " + node.asText()));
        } else if (node.decimalValue().compareTo(ValidationLimits.MIN_AMOUNT) < 0) {
            out.add(new Violation(path, "minimum", "must be ≥ " + ValidationLimits.MIN_AMOUNT + ", found " + abbreviate(node.asText())));
        } else if (node.decimalValue().compareTo(ValidationLimits.MAX_AMOUNT) > 0) {
            out.add(new Violation(path, "maximum", "must be ≤ " + ValidationLimits.MAX_AMOUNT.toPlainString() + ", found " + abbreviate(node.asText())));
        }
    }

    /**
     * A quantity: an integer literal from {@link ValidationLimits#MIN_QUANTITY} to {@link ValidationLimits#MAX_QUANTITY}. {@code 2.0} is refused although
     * JSON Schema calls it an integer, because readers that bind the field as an int (Spark's JSON
     * source among them) turn it into null instead of 2.
     */
    private static void quantity(JsonNode parent, String field, String parentPath, List<Violation> out) {
        JsonNode node = parent.get(field);
        String path = parentPath + "." + field;
        if (!isPresent(node)) {
            out.add(new Violation(path, "required", field + " is required (an integer ≥ " + ValidationLimits.MIN_QUANTITY + ")"));
        } else if (!node.isNumber()) {
            out.add(new Violation(path, "type", "must be an integer, found " + describe(node)));
        } else if (!node.isIntegralNumber()) {
            out.add(new Violation(path, "type", "must be an integer without fraction or exponent, found " + abbreviate(node.asText())));
        } else {
            BigInteger value = node.bigIntegerValue();
            if (value.compareTo(BigInteger.valueOf(ValidationLimits.MIN_QUANTITY)) < 0) {
                out.add(new Violation(path, "minimum", "must be ≥ " + ValidationLimits.MIN_QUANTITY + ", found " + abbreviate(value.toString())));
            } else if (value.compareTo(BigInteger.valueOf(ValidationLimits.MAX_QUANTITY)) > 0) {
                out.add(new Violation(path, "maximum", "must be ≤ " + ValidationLimits.MAX_QUANTITY + ", found " + abbreviate(value.toString())));
            }
        }
    }

    private static void unknownFields(JsonNode object, String path, Set<String> allowed, List<Violation> out) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                out.add(new Violation(child(path, name), "additional_property",
                        "unknown field '" + abbreviate(name) + "'; allowed: " + String.join(", ", sorted(allowed))));
            }
        }
    }

    /**
     * The JSON path of a member: {@code $.name} for plain names, {@code $['odd name']} otherwise, so
     * a hostile field name can neither forge another path nor make the violation huge.
     */
    private static String child(String parentPath, String name) {
        if (name.length() <= 64 && Shapes.isPlainName(name)) {
            return parentPath + "." + name;
        }
        return parentPath + "['" + abbreviate(name).replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static int utf8Size(JsonNode node) {
        try {
            return EventJson.mapper().writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            // A tree that cannot be written (e.g. nested deeper than the writer allows) is oversize.
            return Integer.MAX_VALUE;
        }
    }

    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
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
            case NUMBER -> "the number " + abbreviate(node.asText());
            case BOOLEAN -> "the boolean " + node.asText();
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
