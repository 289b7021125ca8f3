package io.clickstream.event;

/**
 * The contract's event id shape ({@link EventValidator#UUID_REGEX}) for callers outside this package
 * that check events without a JSON tree, such as the gateway's reader for compact events.
 */
public final class EventIds {

    private EventIds() {
    }

    /** Whether {@code text} is a UUID in the canonical 8-4-4-4-12 hex form, exactly as the validator checks it. */
    public static boolean isUuid(String text) {
        return Shapes.isUuid(text);
    }
}
