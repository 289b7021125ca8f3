package io.clickstream.gateway.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.clickstream.event.EventJson;
import io.clickstream.event.Violation;
import io.clickstream.gateway.enrich.EventText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns a request body into events: one JSON object, a JSON array of objects, or NDJSON (one object
 * a line). {@code text/plain} is what {@code navigator.sendBeacon} sends for a string and is parsed as
 * JSON. {@code Content-Encoding: gzip} is inflated with a cap so a small bomb cannot take the heap.
 *
 * <p>A pure function of its inputs: whole-request problems are thrown as {@link RequestProblem}.
 */
public final class BodyDecoder {

    public static final List<String> SUPPORTED_MEDIA_TYPES =
            List.of("application/json", "application/x-ndjson", "text/plain");

    private static final ObjectMapper MAPPER = EventJson.mapper();
    /** The contract's mapper, for reading one value at a time out of a longer stream (array elements). */
    private static final ObjectReader ELEMENT_READER =
            MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BodyDecoder() {
    }

    public static DecodedBody decode(byte[] body, String contentType, String contentEncoding, RequestLimits limits) {
        return decode(body, contentType, contentEncoding, limits, null);
    }

    /**
     * @param compactReader if not null, compact events are read with it instead of as JSON trees:
     *                      the same events, offsets and problems, less work (see {@link CompactEventReader})
     */
    public static DecodedBody decode(byte[] body, String contentType, String contentEncoding, RequestLimits limits,
                                     CompactEventReader compactReader) {
        Format format = format(contentType);
        if (body.length > limits.maxBodyBytes()) {
            throw RequestProblem.tooLarge(RequestLimits.MAX_BODY_BYTES, limits.maxBodyBytes(),
                    "request body is " + body.length + " bytes, the limit is " + limits.maxBodyBytes());
        }
        byte[] text = inflate(body, contentEncoding, limits);
        if (format == Format.NDJSON) {
            return decodeNdjson(text, limits, compactReader);
        }
        if (compactReader != null) {
            DecodedBody compact = decodeCompactJson(text, limits, compactReader);
            if (compact != null) {
                return compact;
            }
        }
        return decodeJson(text, limits);
    }

    /**
     * A JSON object or array body whose every element is compact JSON ({@link CompactEventReader}),
     * within every limit, as {@link #decodeJson} would split it; or null for anything else (whitespace
     * inside the array, a non-object element, a limit exceeded, any doubt), which {@link #decodeJson}
     * then decodes or refuses with its own answer. Events the reader cannot vouch for get the tree of
     * exactly their text.
     */
    static DecodedBody decodeCompactJson(byte[] text, RequestLimits limits, CompactEventReader reader) {
        int from = 0;
        int to = text.length;
        while (from < to && isJsonWhitespace(text[from])) {
            from++;
        }
        while (to > from && isJsonWhitespace(text[to - 1])) {
            to--;
        }
        if (from >= to) {
            return null;
        }
        if (text[from] == '{') {
            if (text.length > limits.maxEventBytes()) {
                return null; // decodeJson checks the whole body against the event limit
            }
            RawEvent event = compactEvent(0, text, from, to, reader);
            return event == null || event.text().end() != to ? null : new DecodedBody(false, List.of(event));
        }
        if (text[from] != '[' || text[to - 1] != ']') {
            return null;
        }
        // Sized for events of ~200 bytes or more, so a typical batch's list is not copied as it grows.
        List<RawEvent> events = new ArrayList<>(Math.min(limits.maxEventsPerBatch(), Math.max(10, (to - from) / 200)));
        int i = from + 1;
        while (true) {
            if (events.size() >= limits.maxEventsPerBatch()) {
                return null;
            }
            RawEvent event = compactEvent(events.size(), text, i, to - 1, reader);
            if (event == null || event.text().length() > limits.maxEventBytes()) {
                return null;
            }
            events.add(event);
            i = event.text().end();
            if (i == to - 1) {
                return new DecodedBody(true, events);
            }
            if (text[i] != ',') {
                return null;
            }
            i++;
        }
    }

    /** The compact object at {@code text[from]} (within {@code limit}), or null if there is none. */
    private static RawEvent compactEvent(int index, byte[] text, int from, int limit, CompactEventReader reader) {
        CompactEventReader.Result read = reader.read(text, from, limit);
        if (!read.compact()) {
            return null;
        }
        int length = read.end() - from;
        if (read.event() != null) {
            return new RawEvent(index, new EventText(text, from, length), null, null, read.event());
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(text, from, length)) {
            JsonNode node = ELEMENT_READER.readTree(parser);
            return parser.nextToken() == null ? new RawEvent(index, new EventText(text, from, length), node, null) : null;
        } catch (IOException | RuntimeException e) {
            return null; // decodeJson reports it
        }
    }

    /** The JSON tree of an event read as compact text (which the reader checked to be well-formed JSON). */
    static JsonNode tree(RawEvent event) {
        try (JsonParser parser = MAPPER.getFactory().createParser(event.text().bytes(), event.text().offset(), event.text().length())) {
            return ELEMENT_READER.readTree(parser);
        } catch (IOException e) {
            throw new IllegalStateException("compact event text is not JSON", e);
        }
    }

    /** What JSON allows between tokens. */
    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private enum Format { JSON, NDJSON }

    private static Format format(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Format.JSON; // a Blob without type from sendBeacon, or a bare curl -d
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            // What SDKs label JSON with besides application/json: sendBeacon's text/plain, Snowplow's and
            // older Segment clients' form-urlencoded, a Blob's octet-stream. The content decides (malformed → 400).
            case "application/json", "text/plain", "application/x-www-form-urlencoded", "application/octet-stream" -> Format.JSON;
            case "application/x-ndjson", "application/ndjson" -> Format.NDJSON;
            default -> throw RequestProblem.unsupportedMediaType("Content-Type '" + mediaType
                    + "' is not supported; send one of " + String.join(", ", SUPPORTED_MEDIA_TYPES));
        };
    }

    /**
     * The body inflated if it is gzip: declared by {@code Content-Encoding}, or recognised by its magic
     * bytes (SDKs send gzip without saying so); capped against decompression bombs.
     */
    public static byte[] inflate(byte[] body, String contentEncoding, RequestLimits limits) {
        if (contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.trim().equalsIgnoreCase("identity")) {
            if (!isGzip(body)) {
                return body;
            }
            contentEncoding = "gzip";
        }
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw RequestProblem.unsupportedMediaType("Content-Encoding '" + encoding
                    + "' is not supported; send gzip or no encoding");
        }
        int cap = limits.maxDecompressedBytes();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, Math.max(1024, body.length * 4)));
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > cap) {
                    throw RequestProblem.tooLarge(RequestLimits.MAX_DECOMPRESSED_BYTES, cap,
                            "gzip body inflates to more than " + cap + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw RequestProblem.malformed("body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw RequestProblem.malformed("body could not be inflated: " + e.getMessage());
        }
    }

    /** Gzip's magic bytes (RFC 1952) and its only compression method, deflate. */
    static boolean isGzip(byte[] body) {
        return body.length >= 3 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b && body[2] == 8;
    }

    /**
     * A body that must be one JSON object (Segment's and Snowplow's POSTs), inflated if gzip.
     *
     * @throws RequestProblem 400 if it is not a JSON object, 413/415 as for events
     */
    public static JsonNode jsonObject(byte[] body, String contentEncoding, RequestLimits limits) {
        if (body.length > limits.maxBodyBytes()) {
            throw RequestProblem.tooLarge(RequestLimits.MAX_BODY_BYTES, limits.maxBodyBytes(),
                    "request body is " + body.length + " bytes, the limit is " + limits.maxBodyBytes());
        }
        byte[] text = inflate(body, contentEncoding, limits);
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw RequestProblem.malformed("body exceeds a JSON parser bound: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw RequestProblem.malformed("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestProblem.malformed("body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw RequestProblem.malformed("body must be a JSON object");
        }
        return node;
    }

    static DecodedBody decodeJson(byte[] text, RequestLimits limits) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw RequestProblem.malformed("body is empty; send a JSON object, a JSON array or NDJSON");
            }
            if (first == JsonToken.START_OBJECT) {
                checkEventSize(text.length, 0, limits);
                JsonNode node = ELEMENT_READER.readTree(parser);
                requireEnd(parser);
                int from = 0;
                int to = text.length;
                while (from < to && (text[from] & 0xff) <= ' ') {
                    from++; // as String.trim(): bytes up to 0x20 are whole characters in UTF-8
                }
                while (to > from && (text[to - 1] & 0xff) <= ' ') {
                    to--;
                }
                return new DecodedBody(false, List.of(new RawEvent(0, new EventText(text, from, to - from), node, null)));
            }
            if (first != JsonToken.START_ARRAY) {
                throw RequestProblem.malformed("body must be a JSON object or an array of objects, found " + first.asString());
            }
            List<RawEvent> events = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (events.size() >= limits.maxEventsPerBatch()) {
                    throw tooManyEvents(limits);
                }
                long start = parser.currentTokenLocation().getByteOffset();
                JsonNode node = ELEMENT_READER.readTree(parser);
                long end = parser.currentLocation().getByteOffset();
                int length = (int) (end - start);
                checkEventSize(length, events.size(), limits);
                events.add(new RawEvent(events.size(), new EventText(text, (int) start, length), node, null));
            }
            requireEnd(parser);
            if (events.isEmpty()) {
                throw RequestProblem.malformed("the array holds no events");
            }
            return new DecodedBody(true, events);
        } catch (StreamConstraintsException e) {
            throw RequestProblem.malformed("body exceeds a JSON parser bound: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw RequestProblem.malformed("body is not valid JSON: " + e.getOriginalMessage()
                    + " at byte " + e.getLocation().getByteOffset());
        } catch (IOException e) {
            throw RequestProblem.malformed("body could not be read: " + e.getMessage());
        }
    }

    static DecodedBody decodeNdjson(byte[] text, RequestLimits limits) {
        return decodeNdjson(text, limits, null);
    }

    static DecodedBody decodeNdjson(byte[] text, RequestLimits limits, CompactEventReader compactReader) {
        List<RawEvent> events = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i < text.length && text[i] != '\n') {
                continue;
            }
            int end = i;
            if (end > lineStart && text[end - 1] == '\r') {
                end--;
            }
            if (!isBlank(text, lineStart, end)) {
                if (events.size() >= limits.maxEventsPerBatch()) {
                    throw tooManyEvents(limits);
                }
                checkEventSize(end - lineStart, events.size(), limits);
                RawEvent compact = null;
                if (compactReader != null) {
                    CompactEventReader.Result read = compactReader.read(text, lineStart, end);
                    if (read.end() == end && read.event() != null) {
                        compact = new RawEvent(events.size(), new EventText(text, lineStart, end - lineStart), null, null, read.event());
                    }
                }
                events.add(compact != null ? compact : parseLine(events.size(), text, lineStart, end - lineStart));
            }
            lineStart = i + 1;
        }
        if (events.isEmpty()) {
            throw RequestProblem.malformed("body is empty; NDJSON needs one JSON object per line");
        }
        return new DecodedBody(true, events);
    }

    /** A broken NDJSON line spoils only itself: it is rejected like an invalid event. */
    private static RawEvent parseLine(int index, byte[] text, int offset, int length) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text, offset, length)) {
            if (parser.nextToken() == null) {
                return new RawEvent(index, new EventText(text, offset, length), null, new Violation("$", "json_syntax", "line is empty"));
            }
            JsonNode node = ELEMENT_READER.readTree(parser);
            if (parser.nextToken() != null) {
                return new RawEvent(index, new EventText(text, offset, length), null, new Violation("$", "json_syntax",
                        "one JSON value per line expected, found more after byte " + parser.currentTokenLocation().getByteOffset()));
            }
            return new RawEvent(index, new EventText(text, offset, length), node, null);
        } catch (JsonProcessingException e) {
            return new RawEvent(index, new EventText(text, offset, length), null, new Violation("$", "json_syntax",
                    "line is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new RawEvent(index, new EventText(text, offset, length), null, new Violation("$", "json_syntax", "line could not be read: " + e.getMessage()));
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        JsonToken next = parser.nextToken();
        if (next != null) {
            throw RequestProblem.malformed("unexpected " + next.asString() + " after the JSON value at byte "
                    + parser.currentTokenLocation().getByteOffset() + "; for several events send an array or NDJSON");
        }
    }

    private static void checkEventSize(int bytes, int index, RequestLimits limits) {
        if (bytes > limits.maxEventBytes()) {
            throw RequestProblem.tooLarge(RequestLimits.MAX_EVENT_BYTES, limits.maxEventBytes(),
                    "event " + index + " is " + bytes + " bytes, the limit is " + limits.maxEventBytes());
        }
    }

    private static RequestProblem tooManyEvents(RequestLimits limits) {
        return RequestProblem.tooLarge(RequestLimits.MAX_EVENTS_PER_BATCH, limits.maxEventsPerBatch(),
                "request holds more than " + limits.maxEventsPerBatch() + " events");
    }

    private static boolean isBlank(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = text[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
