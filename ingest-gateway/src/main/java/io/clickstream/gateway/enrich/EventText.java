package io.clickstream.gateway.enrich;

import java.nio.charset.StandardCharsets;

/**
 * One event's JSON text as a slice of the request body it came in: {@code bytes[offset, offset + length)}.
 * The body is not copied per event; enrichment splices into this slice and the DLQ keeps it as text.
 */
public record EventText(byte[] bytes, int offset, int length) {

    /** The whole of {@code bytes}. */
    public static EventText of(byte[] bytes) {
        return new EventText(bytes, 0, bytes.length);
    }

    /** Where the slice ends in {@link #bytes()}, exclusive. */
    public int end() {
        return offset + length;
    }

    /** The text as a string (UTF-8). */
    public String asString() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
