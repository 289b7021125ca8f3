package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventTimestamps;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.enrich.ClientTimestamps;
import io.clickstream.gateway.enrich.EventEnricher;
import io.clickstream.gateway.enrich.EventText;
import io.clickstream.gateway.ingest.CompactEventReader.CompactEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compact reader replaces "parse a tree, validate it" for the events it accepts, so it must never
 * accept one the validator rejects, must read the same facts, and the enriched bytes must equal the
 * tree path's. Checked on generated events (every field absent, null, valid, empty, too long or of
 * the wrong type), on byte-level mutations of them, and on whole bodies through {@link BodyDecoder}.
 */
class CompactEventReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ValidationLimits LIMITS = ValidationLimits.defaults();
    private static final RequestLimits REQUEST_LIMITS = new RequestLimits(1 << 20, 4 << 20, 500, 32768);
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00.123Z");

    private final EventValidator validator = new EventValidator(LIMITS, CLOCK);
    private final CompactEventReader reader = new CompactEventReader(LIMITS, CLOCK);
    private final EventEnricher enricher = new EventEnricher(Duration.ofSeconds(5), Duration.ofMinutes(1));

    static final String ID = "123e4567-e89b-12d3-a456-426614174000";

    @Test
    void acceptsTheBenchmarkAndTrackerShapes() throws Exception {
        List<String> valid = List.of(
                "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"anonymous_id\":\"u-1\","
                        + "\"session_id\":\"s-1\",\"element\":\"button#add\",\"page\":{\"url\":\"https://shop.example/p/1\",\"path\":\"/p/1\"}}",
                "{\"event_id\":\"" + ID.toUpperCase() + "\",\"type\":\"page_view\",\"ts\":\"2026-11-25T09:59:58.5+01:00\",\"user_id\":\"u\","
                        + "\"anonymous_id\":null,\"session_id\":\"s\",\"page\":{\"url\":\"https://x/?q=a:b,c{d}[e]\",\"title\":null,\"referrer\":\"\"}}",
                "{\"type\":\"click\",\"element\":\"a\",\"session_id\":\"s\",\"user_id\":\"u\",\"sent_at\":\"2026-11-25T08:59:59Z\","
                        + "\"ts\":\"2026-11-25T08:59:58Z\",\"event_id\":\"" + ID + "\",\"product\":null,\"context\":null}");
        for (String event : valid) {
            CompactEventReader.Result result = reader.read(bytes(event), 0, event.length());
            assertThat(result.event()).as(event).isNotNull();
            assertThat(result.end()).isEqualTo(event.length());
            assertAgreesWithTreePath(event, result);
        }
    }

    @Test
    void leavesToTheValidatorWhatItCannotVouchFor() {
        List<String> treePath = List.of(
                "{}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"add_to_cart\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\","
                        + "\"product\":{\"id\":\"p\",\"price\":1.5,\"quantity\":1}}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\",\"element\":\"a\",\"context\":{\"user_agent\":\"UA\"}}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\",\"element\":\"a\"}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\",\"element\":\"a\",\"site\":\"x\"}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2027-11-26T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\",\"element\":\"a\"}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"\",\"anonymous_id\":null,\"session_id\":\"s\",\"element\":\"a\"}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"page_view\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\",\"page\":{\"url\":\"\"}}",
                "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\",\"element\":\"a\",\"page\":{\"url\":\"u\",\"url\":\"v\"}}");
        for (String event : treePath) {
            CompactEventReader.Result result = reader.read(bytes(event), 0, event.length());
            assertThat(result.compact()).as(event).isTrue();
            assertThat(result.event()).as(event).isNull();
            assertThat(result.end()).isEqualTo(event.length());
        }
        List<String> notCompact = List.of(
                "{ \"event_id\":\"" + ID + "\"}", "{\"a\":\"Zoë\"}", "{\"a\":\"\\n\"}", "{\"a\":1e2}", "{\"a\":01}", "{\"a\":1.}",
                "{\"a\":-}", "{\"a\":tru}", "{\"a\":[1,]}", "{\"a\":1", "{\"a\" :1}", "[{}]", "{\"a\":{\"b\":" + "[".repeat(20) + "]".repeat(20) + "}}",
                "{\"a\":\"\u0001\"}", "{\"a\":1,}", "{,}");
        for (String event : notCompact) {
            assertThat(reader.read(bytes(event), 0, bytes(event).length).compact()).as(event).isFalse();
        }
    }

    @Test
    void neverAcceptsWhatTheValidatorRejectsOnGeneratedEvents() throws Exception {
        Random random = new Random(20261126);
        int accepted = 0;
        int validInScope = 0;
        for (int n = 0; n < 40_000; n++) {
            String event = generate(random);
            if (random.nextInt(4) == 0) {
                event = mutate(event, random);
            }
            byte[] text = bytes(event);
            CompactEventReader.Result result = reader.read(text, 0, text.length);
            JsonNode tree = parseOrNull(event);
            if (result.compact()) {
                // The object it read is JSON; what follows it is the caller's to judge.
                assertThat(parseOrNull(event.substring(0, result.end()))).as("compact text is JSON: %s", event).isNotNull();
                if (result.end() == text.length) {
                    assertThat(tree).isNotNull();
                }
            }
            if (result.event() != null && result.end() == text.length) {
                accepted++;
                assertAgreesWithTreePath(event, result);
            }
            if (tree != null && inFastScope(event, tree) && validator.validate(tree).isEmpty()) {
                validInScope++;
                assertThat(result.event()).as("a valid compact event in scope is read fast: %s", event).isNotNull();
            }
        }
        assertThat(accepted).as("generated events read fast").isGreaterThan(500);
        assertThat(validInScope).isEqualTo(accepted);
    }

    @Test
    void bodiesDecodeToTheSameEventsWithAndWithoutTheReader() throws Exception {
        Random random = new Random(7);
        List<String> bodies = new ArrayList<>(List.of(
                "", " ", "[]", "[{}]", "{}", " {\"a\":1} \n", "[{\"a\": 1},\n {\"b\":\"ü\"}, 7]", "[{\"a\":1},", "{\"a\":1} {\"b\":2}",
                "\"just a string\"", "[{},{},{},{},{},{}]".repeat(1), "[" + "[".repeat(100) + "]".repeat(100) + "]", "[{\"a\":1}]x",
                "[{\"a\":1},{\"b\":2}] ", "[{\"a\":1} ,{\"b\":2}]", "[{\"a\":1},7]", "\f{\"a\":1}"));
        for (int n = 0; n < 3_000; n++) {
            int size = 1 + random.nextInt(8);
            List<String> events = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                events.add(random.nextInt(10) == 0 ? mutate(generate(random), random) : generate(random));
            }
            String body = random.nextBoolean() ? "[" + String.join(",", events) + "]" : events.get(0);
            bodies.add(random.nextInt(20) == 0 ? mutate(body, random) : body);
            bodies.add(String.join("\n", events) + "\n"); // as NDJSON below
        }
        int fast = 0;
        for (String body : bodies) {
            for (String contentType : new String[] {"application/json", "application/x-ndjson"}) {
                Object before = outcome(() -> BodyDecoder.decode(bytes(body), contentType, null, REQUEST_LIMITS));
                Object after = outcome(() -> BodyDecoder.decode(bytes(body), contentType, null, REQUEST_LIMITS, reader));
                if (after instanceof DecodedBody decoded) {
                    fast += (int) decoded.events().stream().filter(e -> e.compact() != null).count();
                    assertSameEvents(body, (DecodedBody) before, decoded);
                } else {
                    assertThat(after).as("%s as %s", body, contentType).isEqualTo(before);
                }
            }
        }
        assertThat(fast).isGreaterThan(300);
    }

    @Test
    void limitsAreStillEnforcedOnCompactBodies() {
        RequestLimits small = new RequestLimits(10_000, 20_000, 2, 300);
        String event = "{\"event_id\":\"" + ID + "\",\"type\":\"click\",\"ts\":\"2026-11-25T09:59:58Z\",\"user_id\":\"u\",\"session_id\":\"s\",\"element\":\"a\"}";
        Object tooMany = outcome(() -> BodyDecoder.decode(bytes("[" + event + "," + event + "," + event + "]"), "application/json", null, small, reader));
        assertThat(tooMany).satisfies(o -> assertThat(((ErrorBody) ((List<?>) o).get(1)).limit()).isEqualTo(RequestLimits.MAX_EVENTS_PER_BATCH));
        String big = event.replace("\"a\"", "\"" + "a".repeat(300) + "\"");
        assertThat(outcome(() -> BodyDecoder.decode(bytes("[" + big + "]"), "application/json", null, small, reader)))
                .satisfies(o -> assertThat(((ErrorBody) ((List<?>) o).get(1)).limit()).isEqualTo(RequestLimits.MAX_EVENT_BYTES));
        assertThat(outcome(() -> BodyDecoder.decode(bytes(big), "application/json", null, small, reader)))
                .satisfies(o -> assertThat(((ErrorBody) ((List<?>) o).get(1)).limit()).isEqualTo(RequestLimits.MAX_EVENT_BYTES));
        assertThat(outcome(() -> BodyDecoder.decode(bytes(big + "\n"), "application/x-ndjson", null, small, reader)))
                .satisfies(o -> assertThat(((ErrorBody) ((List<?>) o).get(1)).limit()).isEqualTo(RequestLimits.MAX_EVENT_BYTES));
    }

    // ---- helpers ----

    private void assertAgreesWithTreePath(String event, CompactEventReader.Result result) throws Exception {
        byte[] text = bytes(event);
        ObjectNode tree = (ObjectNode) EventJson.readTree(event);
        assertThat(validator.validate(tree)).as("the validator accepts %s", event).isEmpty();
        CompactEvent c = result.event();
        assertThat(c.eventId()).isEqualTo(tree.get("event_id").textValue());
        assertThat(c.type()).isEqualTo(EventType.fromWireName(tree.get("type").textValue()).orElseThrow());
        assertThat(c.userId()).isEqualTo(textOrNull(tree, "user_id"));
        assertThat(c.anonymousId()).isEqualTo(textOrNull(tree, "anonymous_id"));
        assertThat(c.ts()).isEqualTo(EventTimestamps.parse(tree.get("ts").textValue()));
        assertThat(c.sentAt()).isEqualTo(textOrNull(tree, "sent_at") == null ? null : EventTimestamps.parse(tree.get("sent_at").textValue()));
        for (String ip : new String[] {null, "203.0.113.0", "2001:db8::"}) {
            for (String site : new String[] {"default", "shop \"eu\"", "Bücher"}) {
                // the body slice is part of a larger array
                byte[] body = bytes("[{\"x\":1}," + event + "]");
                int offset = "[{\"x\":1},".length();
                byte[] fast = enricher.enrichCompact(new EventText(body, offset, text.length),
                        new ClientTimestamps(c.ts(), c.sentAt(), offset + c.tsStart(), offset + c.tsEnd()),
                        enricher.forRequest(RECEIVED, ip, site, true));
                byte[] full = enricher.enrichToJson((ObjectNode) EventJson.readTree(event), EventText.of(text),
                        enricher.forRequest(RECEIVED, ip, site, true));
                if (site.equals("default")) {
                    assertThat(fast).as("splice applies").isNotNull();
                }
                if (fast != null) {
                    assertThat(new String(fast, StandardCharsets.UTF_8)).as("%s ip=%s site=%s", event, ip, site)
                            .isEqualTo(new String(full, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private void assertSameEvents(String body, DecodedBody before, DecodedBody after) throws Exception {
        assertThat(after.batch()).as(body).isEqualTo(before.batch());
        assertThat(after.events()).as(body).hasSameSizeAs(before.events());
        for (int k = 0; k < before.events().size(); k++) {
            RawEvent b = before.events().get(k);
            RawEvent a = after.events().get(k);
            assertThat(List.of(a.index(), a.text().offset(), a.text().length())).as(body).isEqualTo(List.of(b.index(), b.text().offset(), b.text().length()));
            assertThat(a.parseError()).isEqualTo(b.parseError());
            if (a.compact() != null) {
                assertThat(a.json()).isNull();
                assertThat(validator.validate(b.json())).as(a.raw()).isEmpty();
                assertThat(BodyDecoder.tree(a)).isEqualTo(b.json());
            } else {
                assertThat(a.json()).as(body).isEqualTo(b.json());
            }
        }
    }

    /** The events this reader is meant to read fast: compact click and page_view events without product, order or context. */
    private static boolean inFastScope(String event, JsonNode tree) {
        if (!tree.isObject()) {
            return false;
        }
        for (String field : new String[] {"product", "order", "context"}) {
            if (tree.hasNonNull(field)) {
                return false;
            }
        }
        try {
            return new String(EventJson.mapper().writeValueAsBytes(tree), StandardCharsets.UTF_8).equals(event)
                    && event.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e) && !event.contains("\\");
        } catch (Exception e) {
            return false;
        }
    }

    private static Object outcome(ThrowingSupplier<DecodedBody> decode) {
        try {
            return decode.get();
        } catch (RequestProblem p) {
            return List.of(p.status(), p.body());
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return EventJson.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A compact event whose every field is, at random, absent, null, valid or wrong in one of several ways. */
    static String generate(Random random) {
        List<String> members = new ArrayList<>();
        String[] types = {"click", "page_view", "add_to_cart", "purchase", "Click", ""};
        field(members, random, "event_id", random.nextInt(8) == 0 ? "\"" + ID.substring(1) + "\"" : random.nextBoolean() ? "\"" + ID + "\"" : "\"" + ID.toUpperCase() + "\"", 12);
        field(members, random, "type", "\"" + types[random.nextInt(random.nextInt(3) == 0 ? types.length : 2)] + "\"", 12);
        String[] stamps = {"2026-11-25T09:59:58Z", "2026-11-25T08:59:58.250Z", "2026-11-25T11:00:00+01:00", "2027-11-26T00:00:00Z",
            "1999-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "2026-11-25 09:59:58Z", "2026-11-25T24:00:00Z", "2026-11-25T10:00:30Z"};
        field(members, random, "ts", "\"" + stamps[random.nextInt(random.nextInt(3) == 0 ? stamps.length : 3)] + "\"", 12);
        field(members, random, "sent_at", "\"" + stamps[random.nextInt(random.nextInt(3) == 0 ? stamps.length : 3)] + "\"", 3);
        field(members, random, "user_id", string(random, 128), 3);
        field(members, random, "anonymous_id", string(random, 128), 3);
        field(members, random, "session_id", string(random, 128), 10);
        field(members, random, "element", string(random, 256), 4);
        if (random.nextInt(3) != 0) {
            List<String> page = new ArrayList<>();
            field(page, random, "url", string(random, 2048), 3);
            field(page, random, "path", string(random, 1024), 2);
            field(page, random, "referrer", string(random, 2048), 2);
            field(page, random, "title", string(random, 1024), 2);
            if (random.nextInt(20) == 0) {
                page.add("\"color\":\"red\"");
            }
            if (random.nextInt(20) == 0 && !page.isEmpty()) {
                page.add(page.get(0));
            }
            field(members, random, "page", "{" + String.join(",", page) + "}", 8);
        }
        if (random.nextInt(10) == 0) {
            members.add(random.nextBoolean() ? "\"product\":{\"id\":\"p\",\"price\":1.5,\"quantity\":1}" : "\"product\":null");
        }
        if (random.nextInt(10) == 0) {
            members.add(random.nextBoolean() ? "\"context\":{\"locale\":\"de\",\"screen\":{\"w\":1920}}" : "\"context\":null");
        }
        if (random.nextInt(30) == 0) {
            members.add(random.nextBoolean() ? "\"site\":\"x\"" : "\"extra\":1");
        }
        if (random.nextInt(30) == 0 && !members.isEmpty()) {
            members.add(members.get(random.nextInt(members.size())));
        }
        java.util.Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    /** Adds {@code "name":value} usually; sometimes (1 in {@code oddsAbsent}) absent, null or of another JSON type. */
    private static void field(List<String> members, Random random, String name, String value, int oddsAbsent) {
        int roll = random.nextInt(oddsAbsent * 3);
        if (roll == 0) {
            return;
        }
        String v = switch (roll) {
            case 1 -> "null";
            case 2 -> random.nextBoolean() ? "12" : random.nextBoolean() ? "true" : "[\"x\"]";
            case 3 -> "\"\"";
            default -> value;
        };
        members.add("\"" + name + "\":" + v);
    }

    /** A printable ASCII string, now and then longer than {@code max} or exactly {@code max}. */
    private static String string(Random random, int max) {
        int length = switch (random.nextInt(12)) {
            case 0 -> max;
            case 1 -> max + 1;
            default -> 1 + random.nextInt(20);
        };
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            char c = (char) (0x20 + random.nextInt(0x5f));
            s.append(c == '"' || c == '\\' ? 'q' : c);
        }
        return s.append('"').toString();
    }

    private static String mutate(String text, Random random) {
        String[] insertions = {"\"", ",", ":", "{", "}", "[", "]", " ", "\\", "n", "0", "-", "a", "é", "\u0001", "1e5", "null", "\n"};
        StringBuilder s = new StringBuilder(text);
        int at = random.nextInt(s.length() + 1);
        switch (random.nextInt(3)) {
            case 0 -> {
                if (at < s.length()) {
                    s.deleteCharAt(at);
                }
            }
            case 1 -> s.insert(at, insertions[random.nextInt(insertions.length)]);
            default -> {
                if (at < s.length()) {
                    s.setCharAt(at, insertions[random.nextInt(insertions.length)].charAt(0));
                }
            }
        }
        return s.toString();
    }
}
