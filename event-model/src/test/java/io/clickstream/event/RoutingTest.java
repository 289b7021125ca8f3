package io.clickstream.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {

    @ParameterizedTest
    @CsvSource({
            "page_view, PAGE_VIEW, page_views",
            "click, CLICK, clicks",
            "add_to_cart, ADD_TO_CART, add_to_cart",
            "purchase, PURCHASE, purchases"})
    void eachTypeHasOneWireNameAndOneTopic(String wireName, EventType type, String topic) {
        assertThat(type.wireName()).isEqualTo(wireName);
        assertThat(type.topic()).isEqualTo(topic);
        assertThat(EventType.fromWireName(wireName)).contains(type);
        assertThat(EventType.fromTopic(topic)).contains(type);
    }

    @Test
    void unknownNamesAndTopicsMapToNothing() {
        assertThat(EventType.fromWireName("PAGE_VIEW")).isEmpty();
        assertThat(EventType.fromWireName("page_views")).isEmpty();
        assertThat(EventType.fromWireName(null)).isEmpty();
        assertThat(EventType.fromTopic(Topics.EVENTS_DLQ)).isEmpty();
        assertThat(EventType.fromTopic("page_view")).isEmpty();
    }

    @Test
    void topicListsFollowEventTypeAndEndWithTheDlq() {
        assertThat(Topics.EVENT_TOPICS).isEqualTo(Arrays.stream(EventType.values()).map(EventType::topic).toList());
        assertThat(Topics.ALL).containsExactly("page_views", "clicks", "add_to_cart", "purchases", "events_dlq");
        assertThat(new HashSet<>(Topics.ALL)).hasSameSizeAs(Topics.ALL);
        assertThatThrownBy(() -> Topics.ALL.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEventIsRoutedByItsType() {
        for (var json : List.of(Events.pageView(), Events.click(), Events.addToCart(), Events.purchase())) {
            ClickEvent event = EventJson.toEvent(json);
            assertThat(event.topic()).isEqualTo(EventType.fromWireName(json.get("type").asText()).orElseThrow().topic());
        }
        assertThat(EventJson.toEvent(Events.purchase()).topic()).isEqualTo(Topics.PURCHASES);
    }

    @Test
    void typesBindFromTheirWireNamesOnly() {
        assertThat(EventJson.toEvent(Events.click()).type()).isEqualTo(EventType.CLICK);
        assertThat(EventJson.write(EventType.ADD_TO_CART)).isEqualTo("\"add_to_cart\"");
        assertThatThrownBy(() -> EventJson.toEvent(Events.withText(Events.click(), "type", "CLICK")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown event type 'CLICK', expected one of page_view, click, add_to_cart, purchase");
    }

    @Test
    void partitionKeyIsUserIdElseAnonymousId() {
        assertThat(ClickEvent.partitionKey("u-7", "anon-1")).isEqualTo("u-7");
        assertThat(ClickEvent.partitionKey(null, "anon-1")).isEqualTo("anon-1");
        assertThat(ClickEvent.partitionKey("", "anon-1")).isEqualTo("anon-1");
        assertThat(ClickEvent.partitionKey("u-7", null)).isEqualTo("u-7");
        assertThat(ClickEvent.partitionKey(null, null)).isNull();
    }

    @Test
    void partitionKeyOfBoundEvents() {
        assertThat(EventJson.toEvent(Events.addToCart()).partitionKey()).isEqualTo("u-7"); // both identities sent
        assertThat(EventJson.toEvent(Events.pageView()).partitionKey()).isEqualTo("anon-1");
        assertThat(EventJson.toEvent(Events.with(Events.addToCart(), "user_id", "null")).partitionKey()).isEqualTo("anon-1");
        assertThat(EventJson.toEvent(Events.withText(Events.addToCart(), "user_id", "")).partitionKey()).isEqualTo("anon-1");
    }
}
