package io.clickstream.gateway.protocol;

import io.clickstream.event.EventIds;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The {@code event_id} of a message whose protocol has its own id: a UUID is kept, anything else
 * becomes a name-based UUID (version 3) of the protocol and the id, so a retried message gets the same
 * event_id and is de-duplicated like any other.
 */
public final class ForeignIds {

    private ForeignIds() {
    }

    /** @param protocol namespaces the name, so equal ids of two protocols do not collide */
    public static String eventId(String protocol, String id) {
        if (id != null && EventIds.isUuid(id)) {
            return id.toLowerCase(Locale.ROOT);
        }
        return UUID.nameUUIDFromBytes((protocol + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
