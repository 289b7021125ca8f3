package io.clickstream.analytics.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.clickstream.event.Fields;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Kafka record's value into a {@link RawEvent} in one pass of Jackson's streaming parser:
 * no tree, no data binding, unknown fields skipped without being materialised. This is the only
 * JSON parse per record in the job (Spark's {@code from_json} was re-evaluated once per field read).
 *
 * <p>Field types follow the schema the job always had: text fields take any JSON scalar (a number's
 * text, as Spark's JSON reader did), money is a decimal with 2 fraction digits (a numeric string is
 * read as a number; half-up rounding; at most 18 digits), quantities are 32-bit integers, and
 * {@code page}, {@code product}, {@code order} are objects and {@code order.items} an array of
 * objects. Anything else — not JSON, not an object, trailing content, invalid UTF-8, a field of the
 * wrong JSON type — is a {@link Malformed} record.
 */
public final class RawEventReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** The field of {@code context} the breakdowns read (the gateway's and the SDKs' name for it). */
    private static final String USER_AGENT = "user_agent";
    private static final int MONEY_SCALE = 2;
    private static final int MONEY_PRECISION = 18;

    /** The value is not a JSON object or has a field of the wrong JSON type. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private RawEventReader() {
    }

    public static RawEvent read(byte[] value) throws Malformed {
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("not a JSON object");
            }
            RawEvent event = readEvent(p);
            if (p.nextToken() != null) {
                throw new Malformed("content after the JSON object");
            }
            return event;
        } catch (IOException e) {
            throw new Malformed(e.getMessage());
        }
    }

    private static RawEvent readEvent(JsonParser p) throws IOException, Malformed {
        String eventId = null, type = null, ts = null, userId = null, anonymousId = null, sessionId = null;
        String site = null, receivedAt = null, element = null, userAgent = null;
        String[] page = null;
        Product product = null;
        Order order = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case Fields.EVENT_ID -> eventId = text(p, t);
                case Fields.TYPE -> type = text(p, t);
                case Fields.TS -> ts = text(p, t);
                case Fields.USER_ID -> userId = text(p, t);
                case Fields.ANONYMOUS_ID -> anonymousId = text(p, t);
                case Fields.SESSION_ID -> sessionId = text(p, t);
                case Fields.SITE -> site = text(p, t);
                case Fields.RECEIVED_AT -> receivedAt = text(p, t);
                case Fields.ELEMENT -> element = text(p, t);
                case Fields.PAGE -> page = object(p, t) ? readPage(p) : null;
                case Fields.PRODUCT -> product = object(p, t) ? readProduct(p) : null;
                case Fields.ORDER -> order = object(p, t) ? readOrder(p) : null;
                case Fields.CONTEXT -> userAgent = readUserAgent(p, t);
                default -> p.skipChildren();
            }
        }
        return new RawEvent(eventId, type, ts, userId, anonymousId, sessionId, site, receivedAt,
                page == null ? null : page[0], page == null ? null : page[1], element,
                product == null ? null : product.id, product == null ? null : product.category,
                product == null ? null : product.price, product == null ? null : product.quantity,
                order == null ? null : order.id, order == null ? null : order.revenue,
                order == null ? null : order.currency, order == null ? null : order.items,
                page != null, page == null ? null : page[2], userAgent);
    }

    /**
     * {@code context.user_agent} when it is a string, else {@code null}. The context is free-form and
     * was never a reason to reject a record: a context that is not an object, or a user agent that is
     * not a string, counts as no user agent.
     */
    private static String readUserAgent(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String userAgent = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            if (USER_AGENT.equals(name)) {
                userAgent = stringOrSkip(p, value);
            } else {
                p.skipChildren();
            }
        }
        return userAgent;
    }

    /** The text of a JSON string, else {@code null} (the value skipped). */
    private static String stringOrSkip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** {@code page.url}, {@code page.path}, {@code page.referrer}. */
    private static String[] readPage(JsonParser p) throws IOException, Malformed {
        String[] urlAndPath = new String[3];
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case Fields.Page.URL -> urlAndPath[0] = text(p, t);
                case Fields.Page.PATH -> urlAndPath[1] = text(p, t);
                // Read for the breakdowns only, never a reason to reject: a non-string is no referrer.
                case Fields.Page.REFERRER -> urlAndPath[2] = stringOrSkip(p, t);
                default -> p.skipChildren();
            }
        }
        return urlAndPath;
    }

    private static final class Product {
        String id;
        String category;
        BigDecimal price;
        Integer quantity;
    }

    private static Product readProduct(JsonParser p) throws IOException, Malformed {
        Product product = new Product();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case Fields.Product.ID -> product.id = text(p, t);
                case Fields.Product.CATEGORY -> product.category = text(p, t);
                case Fields.Product.PRICE -> product.price = money(p, t);
                case Fields.Product.QUANTITY -> product.quantity = integer(p, t);
                default -> p.skipChildren();
            }
        }
        return product;
    }

    private static final class Order {
        String id;
        BigDecimal revenue;
        String currency;
        List<RawEvent.Item> items;
    }

    private static Order readOrder(JsonParser p) throws IOException, Malformed {
        Order order = new Order();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case Fields.Order.ID -> order.id = text(p, t);
                case Fields.Order.REVENUE -> order.revenue = money(p, t);
                case Fields.Order.CURRENCY -> order.currency = text(p, t);
                case Fields.Order.ITEMS -> order.items = readItems(p, t);
                default -> p.skipChildren();
            }
        }
        return order;
    }

    private static List<RawEvent.Item> readItems(JsonParser p, JsonToken t) throws IOException, Malformed {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new Malformed("order.items: not an array");
        }
        List<RawEvent.Item> items = new ArrayList<>(4);
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
            items.add(object(p, element) ? readItem(p) : null);
        }
        return items;
    }

    private static RawEvent.Item readItem(JsonParser p) throws IOException, Malformed {
        String productId = null;
        BigDecimal price = null;
        Integer quantity = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case Fields.OrderItem.PRODUCT_ID -> productId = text(p, t);
                case Fields.OrderItem.PRICE -> price = money(p, t);
                case Fields.OrderItem.QUANTITY -> quantity = integer(p, t);
                default -> p.skipChildren();
            }
        }
        return new RawEvent.Item(productId, price, quantity);
    }

    /** True for an object (then read its fields), false for null; anything else is malformed. */
    private static boolean object(JsonParser p, JsonToken t) throws Malformed, IOException {
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new Malformed(p.currentName() + ": not an object");
    }

    private static String text(JsonParser p, JsonToken t) throws IOException, Malformed {
        return switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_NULL -> null;
            default -> throw new Malformed(p.currentName() + ": not a JSON scalar");
        };
    }

    private static BigDecimal money(JsonParser p, JsonToken t) throws IOException, Malformed {
        BigDecimal amount;
        switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> amount = p.getDecimalValue();
            case VALUE_STRING -> {
                try {
                    amount = new BigDecimal(p.getText().trim());
                } catch (NumberFormatException e) {
                    throw new Malformed(p.currentName() + ": not a number");
                }
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new Malformed(p.currentName() + ": not a number");
        }
        BigDecimal money = amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        if (money.precision() > MONEY_PRECISION) {
            throw new Malformed(p.currentName() + ": more than " + MONEY_PRECISION + " digits");
        }
        return money;
    }

    private static Integer integer(JsonParser p, JsonToken t) throws IOException, Malformed {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new Malformed(p.currentName() + ": not a 32-bit integer");
        }
        return p.getIntValue();
    }
}
