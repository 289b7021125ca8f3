package io.clickstream.gateway.protocol;

import io.clickstream.event.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A configured mapping from a name in another protocol (a Segment event name, a Snowplow action or
 * schema) to one of the contract's types, written as {@code name=type} entries
 * (e.g. {@code Product Added=add_to_cart}); the type {@code ignore} unmaps a name.
 */
public record TypeMapping(Map<String, EventType> byName) {

    public static TypeMapping parse(String setting, List<String> entries) {
        Map<String, EventType> map = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(setting + ": '" + entry + "' is not name=type (e.g. Product Added=add_to_cart)");
            }
            String name = entry.substring(0, eq).trim();
            String type = entry.substring(eq + 1).trim();
            if (type.equals("ignore")) {
                map.remove(name);
                continue;
            }
            map.put(name, EventType.fromWireName(type).orElseThrow(() -> new IllegalArgumentException(setting + ": '"
                    + type + "' is not a type; use page_view, click, add_to_cart, purchase or ignore")));
        }
        return new TypeMapping(Map.copyOf(map));
    }

    public Optional<EventType> typeOf(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }
}
