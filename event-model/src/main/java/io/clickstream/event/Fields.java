package io.clickstream.event;

import java.util.Set;

/**
 * The field names of the event contract, spelled once: the validator, the gateway's compact reader
 * and the Spark job's reader all name fields through these constants (compile-time constants, so
 * they also serve as {@code switch} labels). The JSON Schema
 * ({@code clickstream/event.schema.json}) spells them too; {@code EventSchemaAgreementTest} holds
 * the two to each other.
 */
public final class Fields {

    public static final String EVENT_ID = "event_id";
    public static final String TYPE = "type";
    public static final String TS = "ts";
    public static final String SENT_AT = "sent_at";
    public static final String USER_ID = "user_id";
    public static final String ANONYMOUS_ID = "anonymous_id";
    public static final String SESSION_ID = "session_id";
    public static final String PAGE = "page";
    public static final String ELEMENT = "element";
    public static final String PRODUCT = "product";
    public static final String ORDER = "order";
    public static final String CONTEXT = "context";

    /** Set by the gateway only; refused from clients. */
    public static final String RECEIVED_AT = "received_at";
    public static final String IP = "ip";
    public static final String SITE = "site";
    public static final String TS_CORRECTED = "ts_corrected";

    /** What a client may send, in the contract's order. */
    public static final Set<String> CLIENT = Set.of(EVENT_ID, TYPE, TS, SENT_AT, USER_ID, ANONYMOUS_ID, SESSION_ID,
            PAGE, ELEMENT, PRODUCT, ORDER, CONTEXT);
    /** What only the gateway writes. */
    public static final Set<String> GATEWAY = Set.of(RECEIVED_AT, IP, SITE, TS_CORRECTED);

    private Fields() {
    }

    /** Fields of {@code page}. */
    public static final class Page {
        public static final String URL = "url";
        public static final String PATH = "path";
        public static final String REFERRER = "referrer";
        public static final String TITLE = "title";
        public static final Set<String> ALL = Set.of(URL, PATH, REFERRER, TITLE);

        private Page() {
        }
    }

    /** Fields of {@code product}. */
    public static final class Product {
        public static final String ID = "id";
        public static final String CATEGORY = "category";
        public static final String PRICE = "price";
        public static final String QUANTITY = "quantity";
        public static final Set<String> ALL = Set.of(ID, CATEGORY, PRICE, QUANTITY);

        private Product() {
        }
    }

    /** Fields of {@code order}. */
    public static final class Order {
        public static final String ID = "id";
        public static final String REVENUE = "revenue";
        public static final String CURRENCY = "currency";
        public static final String ITEMS = "items";
        public static final Set<String> ALL = Set.of(ID, REVENUE, CURRENCY, ITEMS);

        private Order() {
        }
    }

    /** Fields of each element of {@code order.items}. */
    public static final class OrderItem {
        public static final String PRODUCT_ID = "product_id";
        public static final String PRICE = "price";
        public static final String QUANTITY = "quantity";
        public static final Set<String> ALL = Set.of(PRODUCT_ID, PRICE, QUANTITY);

        private OrderItem() {
        }
    }
}
