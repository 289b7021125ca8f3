package io.clickstream.gateway.protocol.pixel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * The event of a tracking pixel ({@code GET /i?type=page_view&event_id=…&page.url=…}) in the contract's
 * shape: the query parameters are the contract's field names, nested ones flattened with a dot
 * ({@code page.url}, {@code product.price}, {@code context.locale}). Amounts and quantities become
 * numbers, {@code order.items} is a JSON array in one parameter; everything else is a string. Unknown
 * names are kept, so that the validator rejects the event and names them. Pure.
 */
public final class PixelMapper {

    /** Parameters that are not event fields: the write key and the usual cache busters. */
    public static final Set<String> NOT_FIELDS = Set.of("writeKey", "_", "cb", "rnd");
    private static final Set<String> NUMBERS = Set.of("product.price", "product.quantity", "order.revenue");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PixelMapper() {
    }

    public static ObjectNode map(Map<String, String> params) {
        ObjectNode event = NODES.objectNode();
        for (Map.Entry<String, String> param : params.entrySet()) {
            String name = param.getKey();
            if (NOT_FIELDS.contains(name)) {
                continue;
            }
            String value = param.getValue();
            int dot = name.indexOf('.');
            if (dot < 0) {
                event.put(name, value);
                continue;
            }
            String parent = name.substring(0, dot);
            String child = name.substring(dot + 1);
            JsonNode existing = event.get(parent);
            ObjectNode object = existing instanceof ObjectNode o ? o : event.putObject(parent);
            if (NUMBERS.contains(name)) {
                putNumber(object, child, value);
            } else if (name.equals("order.items")) {
                object.set(child, json(value));
            } else {
                object.put(child, value);
            }
        }
        return event;
    }

    private static void putNumber(ObjectNode node, String field, String value) {
        try {
            BigDecimal number = new BigDecimal(value.trim());
            if (number.scale() <= 0) {
                node.put(field, number.longValueExact()); // quantities are integer literals
            } else {
                node.put(field, number);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            node.put(field, value); // the validator rejects it with its reason
        }
    }

    private static JsonNode json(String value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (JsonProcessingException e) {
            return NODES.textNode(value);
        }
    }
}
