package io.clickstream.load.dsl;

import io.clickstream.event.ClickEvent;

/** Builds the event a user sends at the session's current virtual time. */
@FunctionalInterface
public interface EventFactory {
    ClickEvent create(Session session);
}
