package io.clickstream.event;

import java.util.List;

/** Kafka topic names: the one place they are spelled. */
public final class Topics {
    public static final String PAGE_VIEWS = "page_views";
    public static final String CLICKS = "clicks";
    public static final String ADD_TO_CART = "add_to_cart";
    public static final String PURCHASES = "purchases";
    /** Every rejected event, with its reason and the raw input. */
    public static final String EVENTS_DLQ = "events_dlq";

    /** The four topics that carry valid events, in the order of {@link EventType}. */
    public static final List<String> EVENT_TOPICS = List.of(PAGE_VIEWS, CLICKS, ADD_TO_CART, PURCHASES);
    /** Every topic the stack creates. */
    public static final List<String> ALL = List.of(PAGE_VIEWS, CLICKS, ADD_TO_CART, PURCHASES, EVENTS_DLQ);

    private Topics() {
    }
}
