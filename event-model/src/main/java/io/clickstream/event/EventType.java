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
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
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
