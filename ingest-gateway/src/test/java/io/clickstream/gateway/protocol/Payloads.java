package io.clickstream.gateway.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Realistic payloads of other protocols (test resources under {@code protocol/}), shaped after the
 * examples in Segment's Spec (track, page, e-commerce) and what analytics-node and Snowplow's JS
 * tracker send.
 */
public final class Payloads {

    private Payloads() {
    }

    public static String read(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/protocol/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource protocol/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
