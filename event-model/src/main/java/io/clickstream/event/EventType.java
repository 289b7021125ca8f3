package io.clickstream.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The four kinds of event the pipeline understands, each with its wire name and its Kafka topic. */
public enum EventType {
    PAGE_VIEW(Wire.PAGE_VIEW, Topics.PAGE_VIEWS),
    CLICK(Wire.CLICK, Topics.CLICKS),
    ADD_TO_CART(Wire.ADD_TO_CART, Topics.ADD_TO_CART),
    PURCHASE(Wire.PURCHASE, Topics.PURCHASES);

    /** The wire names as compile-time constants (usable as {@code switch} labels), spelled once. */
    public static final class Wire {
        public static final String PAGE_VIEW = "page_view";
        public static final String CLICK = "click";
        public static final String ADD_TO_CART = "add_to_cart";
        public static final String PURCHASE = "purchase";

        private Wire() {
        }
    }

    private static final String WIRE_NAMES = String.join(", ",
            Arrays.stream(values()).map(EventType::wireName).toList());

    private final String wireName;
    private final String topic;

    EventType(String wireName, String topic) {
        this.wireName = wireName;
        this.topic = topic;
    }

    /** The value of the {@code type} field in JSON. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The Kafka topic events of this type are published to. */
    public String topic() {
        return topic;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        // A switch rather than a stream over values(): called once or twice per event in the gateway (JFR).
        if (wireName == null) {
            return Optional.empty();
        }
        return switch (wireName) {
            case Wire.PAGE_VIEW -> Optional.of(PAGE_VIEW);
            case Wire.CLICK -> Optional.of(CLICK);
            case Wire.ADD_TO_CART -> Optional.of(ADD_TO_CART);
            case Wire.PURCHASE -> Optional.of(PURCHASE);
            default -> Optional.empty();
        };
    }

    @JsonCreator
    static EventType fromJson(String wireName) {
        return fromWireName(wireName).orElseThrow(() -> new IllegalArgumentException(
                "unknown event type '" + wireName + "', expected one of " + WIRE_NAMES));
    }

    /** The wire names in the contract's order, for messages: {@code page_view, click, add_to_cart, purchase}. */
    public static String wireNames() {
        return WIRE_NAMES;
    }

    public static Optional<EventType> fromTopic(String topic) {
        return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).findFirst();
    }
}
