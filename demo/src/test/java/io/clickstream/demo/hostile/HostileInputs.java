package io.clickstream.demo.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A corpus of hostile HTTP requests for the gateway's public endpoints: malformed and truncated JSON,
 * wrong types, huge strings and numbers, deep nesting, invalid UTF-8, decompression bombs, header
 * abuse, unknown types, and script/HTML where the contract does not allow it. Every entry must be
 * rejected with a reason (a 4xx, or a 200 whose every per-event result is {@code rejected}); none
 * may produce a 5xx or take the gateway down.
 */
public final class HostileInputs {

    /** One hostile request. {@code isEvent}: the body is a JSON object that should land in the DLQ. */
    public record HostileInput(String name, String method, String path, Map<String, String> headers,
                               byte[] body, boolean isEvent) {

        /** The same input with one more header (first), e.g. the write key a gateway requires. */
        public HostileInput withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>();
            more.put(name, value);
            more.putAll(headers);
            return new HostileInput(this.name, method, path, more, body, isEvent);
        }
    }

    static final String VALID_ID = "7d3f0f5e-3b7c-4f6e-9a51-2f7c1e0b9a11";

    private HostileInputs() {
    }

    /** A syntactically and semantically valid page view, the base most mutations start from. */
    static String validPageView(String eventId) {
        return "{\"event_id\":\"" + eventId + "\",\"type\":\"page_view\",\"ts\":\"" + java.time.Instant.now()
                + "\",\"user_id\":\"hostile-user\",\"session_id\":\"s1\",\"page\":{\"url\":\"https://shop.example/\",\"path\":\"/\"}}";
    }

    public static List<HostileInput> corpus() {
        List<HostileInput> out = new ArrayList<>();
        String base = validPageView(VALID_ID);

        // 1. Truncated JSON: every 7th prefix of a valid event.
        for (int cut = 1; cut < base.length() - 1; cut += 7) {
            out.add(json("truncated-at-" + cut, base.substring(0, cut), false));
        }
        // 2. Malformed JSON of many shapes.
        String[] malformed = {"", " ", "{", "}", "[", "]", "{]", "[}", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{a:1}",
                "{\"event_id\":\"x\",}", "[1,2,", "nul", "tru", "NaN", "Infinity", "-", "0x10", "{\"a\":01}",
                "{\"a\":\"\\u12\"}", "{\"a\":\"\\x41\"}", "\"unterminated", "{\"a\":1}{\"b\":2}garbage", "//comment\n{}",
                "{\"a\":1} trailing", "\u0000\u0000", "{\"a\":[1,2,3}", "{\"a\":\"line\nbreak\"}"};
        for (int i = 0; i < malformed.length; i++) {
            out.add(json("malformed-" + i, malformed[i], false));
        }
        // 3. Wrong JSON types for every field.
        String[] fields = {"event_id", "type", "ts", "sent_at", "user_id", "anonymous_id", "session_id", "page",
                "element", "product", "order", "context"};
        String[] wrongValues = {"123", "true", "[]", "{}", "1.5e300"};
        for (String field : fields) {
            for (String wrong : wrongValues) {
                if ((field.equals("page") || field.equals("product") || field.equals("order") || field.equals("context"))
                        && wrong.equals("{}")) {
                    continue; // an empty object is the right type there; covered by missing-field cases
                }
                out.add(json("wrong-type-" + field + "-" + wrong, withField(base, field, wrong), true));
            }
        }
        // 4. Unknown and hostile event types, script/HTML where the contract forbids it.
        String[] badTypes = {"pageview", "PAGE_VIEW", "", "<script>alert(1)</script>", "purchase; DROP TABLE events",
                "click\u0000", "\u202epurchase", "../../etc/passwd", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}"};
        for (int i = 0; i < badTypes.length; i++) {
            out.add(json("bad-type-" + i, withField(base, "type", quote(badTypes[i])), true));
        }
        String[] badIds = {"<img src=x onerror=alert(1)>", "not-a-uuid", "", "7d3f0f5e3b7c4f6e9a512f7c1e0b9a11",
                "7d3f0f5e-3b7c-4f6e-9a51-2f7c1e0b9a1g", "' OR 1=1 --", "javascript:alert(1)"};
        for (int i = 0; i < badIds.length; i++) {
            out.add(json("bad-event-id-" + i, withField(base, "event_id", quote(badIds[i])), true));
        }
        String[] badTimes = {"yesterday", "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "1970-01-01T00:00:00Z", "2026-11-25", "2026-11-25T10:00:00", "<b>now</b>", "-1"};
        for (int i = 0; i < badTimes.length; i++) {
            out.add(json("bad-ts-" + i, withField(base, "ts", quote(badTimes[i])), true));
        }
        // 5. Huge strings and numbers.
        out.add(json("huge-user-id", withField(base, "user_id", quote("u".repeat(10_000))), true));
        out.add(json("huge-session-id", withField(base, "session_id", quote("s".repeat(129))), true));
        out.add(json("huge-url", base.replace("https://shop.example/", "https://shop.example/" + "a".repeat(100_000)), true));
        out.add(json("huge-context", withField(base, "context", "{\"blob\":" + quote("x".repeat(50_000)) + "}"), true));
        out.add(json("huge-number-price", cartWithPrice("1" + "0".repeat(400)), true));
        out.add(json("huge-exponent-price", cartWithPrice("1e400"), true));
        out.add(json("negative-price", cartWithPrice("-0.01"), true));
        out.add(json("nan-like-price", cartWithPrice("\"NaN\""), true));
        out.add(json("huge-number-length", cartWithPrice("0." + "1".repeat(5_000)), false));
        out.add(json("zero-quantity", cartWithPrice("1").replace("\"quantity\":1", "\"quantity\":0"), true));
        out.add(json("fraction-quantity", cartWithPrice("1").replace("\"quantity\":1", "\"quantity\":1.5"), true));
        out.add(json("huge-quantity", cartWithPrice("1").replace("\"quantity\":1", "\"quantity\":99999999999999"), true));
        out.add(json("bad-currency", purchase("EURO"), true));
        out.add(json("xss-currency", purchase("<script>"), true));
        // 6. Deep nesting.
        for (int depth : new int[]{40, 200, 5_000}) {
            out.add(json("deep-nesting-context-" + depth,
                    withField(base, "context", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)), false));
            out.add(json("deep-nesting-array-" + depth, "[".repeat(depth) + "]".repeat(depth), false));
        }
        // 7. Missing required fields, one at a time, and per-type requirements.
        for (String field : new String[]{"event_id", "type", "ts", "session_id", "page"}) {
            out.add(json("missing-" + field, withoutField(base, field), true));
        }
        out.add(json("missing-identity", withoutField(base, "user_id"), true));
        out.add(json("click-without-element", withField(base, "type", quote("click")), true));
        out.add(json("cart-without-product", withField(base, "type", quote("add_to_cart")), true));
        out.add(json("purchase-without-order", withField(base, "type", quote("purchase")), true));
        out.add(json("gateway-owned-ip", withField(base, "ip", quote("1.2.3.4")), true));
        out.add(json("gateway-owned-received-at", withField(base, "received_at", quote("2026-01-01T00:00:00Z")), true));
        out.add(json("extra-field", withField(base, "__proto__", "{\"admin\":true}"), true));
        // 8. Non-object events and batches of garbage.
        for (String notObject : new String[]{"1", "\"a string\"", "true", "null", "[1,2,3]", "[null]", "[[]]", "[\"x\"]"}) {
            out.add(json("not-an-object-" + notObject.replaceAll("[^a-z0-9]", ""), notObject, false));
        }
        out.add(json("empty-array", "[]", false));
        // 9. Invalid UTF-8.
        byte[][] badUtf8 = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        for (int i = 0; i < badUtf8.length; i++) {
            byte[] prefix = "{\"event_id\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] suffix = ("\",\"type\":\"page_view\"}").getBytes(StandardCharsets.UTF_8);
            out.add(raw("invalid-utf8-" + i, "application/json", Map.of(), concat(prefix, badUtf8[i], suffix), false));
        }
        // 10. Decompression bombs and broken gzip.
        out.add(raw("gzip-bomb-zeros", "application/json", Map.of("Content-Encoding", "gzip"),
                gzip(new byte[64 * 1024 * 1024]), false));
        out.add(raw("gzip-bomb-json-spaces", "application/json", Map.of("Content-Encoding", "gzip"),
                gzip((" ".repeat(32 * 1024 * 1024) + base).getBytes(StandardCharsets.UTF_8)), false));
        out.add(raw("gzip-nested-bomb", "application/json", Map.of("Content-Encoding", "gzip"),
                gzip(gzip(new byte[32 * 1024 * 1024])), false));
        out.add(raw("gzip-not-gzip", "application/json", Map.of("Content-Encoding", "gzip"),
                base.getBytes(StandardCharsets.UTF_8), false));
        byte[] truncatedGzip = gzip(base.getBytes(StandardCharsets.UTF_8));
        out.add(raw("gzip-truncated", "application/json", Map.of("Content-Encoding", "gzip"),
                java.util.Arrays.copyOf(truncatedGzip, truncatedGzip.length / 2), false));
        out.add(raw("unknown-encoding", "application/json", Map.of("Content-Encoding", "br"),
                base.getBytes(StandardCharsets.UTF_8), false));
        // 11. Header and media-type abuse.
        String[] badMedia = {"application/xml", "text/html", "image/png", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/json; charset=ebcdic", "\u00e9/\u00e9", "application"};
        for (int i = 0; i < badMedia.length; i++) {
            out.add(raw("bad-media-type-" + i, badMedia[i], Map.of(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8), false));
        }
        out.add(raw("huge-header", "application/json", Map.of("X-Junk", "j".repeat(64 * 1024)),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), false));
        out.add(raw("xff-garbage", "application/json", Map.of("X-Forwarded-For", "<script>, ::::, 999.1.1.1, ,,,"),
                withField(base, "type", quote("bogus")).getBytes(StandardCharsets.UTF_8), true));
        out.add(raw("ndjson-garbage-lines", "application/x-ndjson", Map.of(),
                "not json\n{\"a\":\n\n[1]\n".getBytes(StandardCharsets.UTF_8), false));
        out.add(raw("ndjson-bad-events", "application/x-ndjson", Map.of(),
                (withField(base, "type", quote("nope")) + "\n" + withoutField(base, "ts") + "\n").getBytes(StandardCharsets.UTF_8), true));
        out.add(raw("beacon-text-plain-garbage", "text/plain", Map.of(), "navigator.sendBeacon".getBytes(StandardCharsets.UTF_8), false));
        out.add(raw("body-over-limit", "application/json", Map.of(), ("[" + (base + ",").repeat(20_000) + base + "]").getBytes(StandardCharsets.UTF_8), false));
        // 12. Wrong methods and paths on the public surface.
        out.add(new HostileInput("get-on-events", "GET", "/v1/events", Map.of(), new byte[0], false));
        out.add(new HostileInput("put-on-events", "PUT", "/v1/events", Map.of("Content-Type", "application/json"), base.getBytes(StandardCharsets.UTF_8), false));
        out.add(new HostileInput("delete-on-events", "DELETE", "/v1/events", Map.of(), new byte[0], false));
        out.add(new HostileInput("path-traversal", "GET", "/v1/../../etc/passwd", Map.of(), new byte[0], false));
        out.add(new HostileInput("unknown-path", "POST", "/v1/eventz", Map.of("Content-Type", "application/json"), base.getBytes(StandardCharsets.UTF_8), false));
        out.add(new HostileInput("query-string-abuse", "POST", "/v1/events?writeKey=%00%ff%3Cscript%3E&x=" + "y".repeat(4000),
                Map.of("Content-Type", "application/json"), withField(base, "type", quote("bogus")).getBytes(StandardCharsets.UTF_8), true));
        return out;
    }

    private static String cartWithPrice(String price) {
        return "{\"event_id\":\"" + VALID_ID + "\",\"type\":\"add_to_cart\",\"ts\":\"" + java.time.Instant.now()
                + "\",\"user_id\":\"hostile-user\",\"session_id\":\"s1\",\"product\":{\"id\":\"p1\",\"price\":" + price + ",\"quantity\":1}}";
    }

    private static String purchase(String currency) {
        return "{\"event_id\":\"" + VALID_ID + "\",\"type\":\"purchase\",\"ts\":\"" + java.time.Instant.now()
                + "\",\"user_id\":\"hostile-user\",\"session_id\":\"s1\",\"order\":{\"id\":\"o1\",\"revenue\":10,\"currency\":"
                + quote(currency) + ",\"items\":[{\"product_id\":\"p1\",\"price\":10,\"quantity\":1}]}}";
    }

    /** Replaces (or adds) a top-level field of a flat-prefixed JSON object by textual surgery. */
    static String withField(String json, String field, String rawValue) {
        String without = withoutField(json, field);
        return "{\"" + field + "\":" + rawValue + "," + without.substring(1);
    }

    static String withoutField(String json, String field) {
        var node = parse(json);
        node.remove(field);
        return node.toString();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode parse(String json) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    private static HostileInput json(String name, String body, boolean isEvent) {
        return raw(name, "application/json", Map.of(), body.getBytes(StandardCharsets.UTF_8), isEvent);
    }

    private static HostileInput raw(String name, String contentType, Map<String, String> extraHeaders, byte[] body, boolean isEvent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extraHeaders);
        return new HostileInput(name, "POST", "/v1/events", headers, body, isEvent);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
