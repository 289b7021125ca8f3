package io.clickstream.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The four kinds of event the pipeline understands, each with its wire name and its Kafka topic. */
public enum EventType {
    PAGE_VIEW("page_view", Topics.PAGE_VIEWS),
    CLICK("click", Topics.CLICKS),
    ADD_TO_CART("add_to_cart", Topics.ADD_TO_CART),
    PURCHASE("purchase", Topics.PURCHASES);

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
            case "page_view" -> Optional.of(PAGE_VIEW);
            case "click" -> Optional.of(CLICK);
            case "add_to_cart" -> Optional.of(ADD_TO_CART);
            case "purchase" -> Optional.of(PURCHASE);
            default -> Optional.empty();
        };
    }

    @JsonCreator
    static EventType fromJson(String wireName) {
        return fromWireName(wireName).orElseThrow(() -> new IllegalArgumentException(
                "unknown event type '" + wireName + "', expected one of page_view, click, add_to_cart, purchase"));
    }

    public static Optional<EventType> fromTopic(String topic) {
        return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).findFirst();
    }
}
