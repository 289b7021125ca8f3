package io.clickstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one JSON mapping of the contract. Instants are written as ISO-8601 strings; nesting and
 * number lengths are bounded so hostile input cannot exhaust the parser.
 *
 * <p>Decimal numbers stay exact: floats are read as {@code BigDecimal} and trees keep the scale the
 * client sent ({@code 19.90} stays {@code 19.90}, {@code 100.0} does not become {@code 1E+2}).
 * A document must be one JSON value: trailing content after it is an error, not silently dropped.
 */
public final class EventJson {

    /** Deepest JSON nesting accepted anywhere in an event (the contract's own depth is 4). */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = create();

    private EventJson() {
    }

    /** A mapper configured for the contract; share it, it is thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .addModule(new JavaTimeModule())
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(64)
                .maxStringLength(1_000_000)
                .build());
        return mapper;
    }

    /**
     * Parses one JSON document. Fails on malformed JSON, trailing content and nesting deeper than
     * {@link #MAX_NESTING_DEPTH}; an empty document is a {@code MissingNode}, which the validator rejects.
     */
    public static JsonNode readTree(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** Binds a (validated) tree to the record; unknown fields are ignored here, the validator reports them. */
    public static ClickEvent toEvent(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, ClickEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event does not bind to the contract: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a record or tree as compact JSON: absent fields are omitted, instants are ISO-8601 strings. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
