package io.clickstream.gateway.ingest;

import io.clickstream.event.EventIds;
import io.clickstream.event.EventTimestamps;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.event.Fields;
import io.clickstream.event.ValidationLimits;
import io.clickstream.gateway.enrich.ClientTimestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Reads an event straight from its bytes, in one pass and without a JSON tree, when its text is
 * <em>compact</em>: no whitespace between tokens, strings of printable ASCII without escapes, numbers
 * without exponent — what {@code JSON.stringify} and most trackers send. JFR showed building a
 * Jackson tree per event and validating the tree as the gateway's largest cost per event.
 *
 * <p>{@link #read} answers one of three things for the object starting at {@code from}:
 * <ul>
 *   <li>{@link #NOT_COMPACT}: the text is outside that subset (or broken): the caller uses the tree path;</li>
 *   <li>its end and a {@link CompactEvent}: the event is one the {@link EventValidator} accepts with no
 *       violation, in a shape simple enough to vouch for here (page_view and click events with the
 *       client fields of the contract, {@code page} with string members; no {@code product},
 *       {@code order} or {@code context}), and the enriched JSON can be spliced from its text;</li>
 *   <li>its end and no event: well-formed compact JSON, but the validator has to judge it (it may be
 *       invalid, or use fields this reader does not check): the caller builds the tree of exactly that text.</li>
 * </ul>
 * It never accepts an event the validator would reject: anything it is not sure of goes to the
 * validator ({@code CompactEventReaderTest} compares both on a corpus and its mutations).
 */
public final class CompactEventReader {

    /** {@link #read}'s answer for text outside the compact subset. */
    public static final Result NOT_COMPACT = new Result(-1, null);

    /** Far below the contract mapper's bounds (nesting 32, number length 64), so Jackson accepts what this does. */
    private static final int MAX_DEPTH = 16;
    private static final int MAX_NUMBER_LENGTH = 32;

    private static final int EVENT_ID = 0;
    private static final int TYPE = 1;
    private static final int TS = 2;
    private static final int SENT_AT = 3;
    private static final int USER_ID = 4;
    private static final int ANONYMOUS_ID = 5;
    private static final int SESSION_ID = 6;
    private static final int PAGE = 7;
    private static final int ELEMENT = 8;
    private static final int PRODUCT = 9;
    private static final int ORDER = 10;
    private static final int CONTEXT = 11;
    /** The client fields of the contract ({@link Fields#CLIENT}), indexed by the constants above. */
    private static final byte[][] FIELDS = names(Fields.EVENT_ID, Fields.TYPE, Fields.TS, Fields.SENT_AT, Fields.USER_ID,
            Fields.ANONYMOUS_ID, Fields.SESSION_ID, Fields.PAGE, Fields.ELEMENT, Fields.PRODUCT, Fields.ORDER, Fields.CONTEXT);

    private static final int URL = 0;
    private static final int PATH = 1;
    private static final int REFERRER = 2;
    private static final int TITLE = 3;
    private static final byte[][] PAGE_FIELDS = names(Fields.Page.URL, Fields.Page.PATH, Fields.Page.REFERRER, Fields.Page.TITLE);

    private final ValidationLimits limits;
    private final Clock clock;

    /** With the same limits and clock as the gateway's {@link EventValidator}. */
    public CompactEventReader(ValidationLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * @param end    the object's end exclusive, or -1 if the text is not compact JSON
     * @param event  the event's facts when it is certainly valid, else null
     */
    public record Result(int end, CompactEvent event) {
        public boolean compact() {
            return end >= 0;
        }
    }

    /**
     * What the gateway needs of a valid compact event. {@code tsStart}/{@code tsEnd}: where the
     * {@code ts} string, quotes included, lies in the text (enrichment rewrites it there).
     */
    public record CompactEvent(String eventId, EventType type, String userId, String anonymousId,
                               ClientTimestamps times) {
        public Instant ts() {
            return times.ts();
        }

        public Instant sentAt() {
            return times.sentAt();
        }

        public int tsStart() {
            return times.tsStart();
        }

        public int tsEnd() {
            return times.tsEnd();
        }
    }

    /** Reads the JSON object that starts at {@code text[from]}, within {@code text[from, limit)}. */
    public Result read(byte[] text, int from, int limit) {
        if (from >= limit || text[from] != '{') {
            return NOT_COMPACT;
        }
        int[] starts = new int[FIELDS.length];
        int[] ends = new int[FIELDS.length];
        boolean known = true; // every member is a client field, each at most once
        int i = from + 1;
        if (i < limit && text[i] == '}') {
            return new Result(i + 1, null);
        }
        while (true) {
            if (i >= limit || text[i] != '"') {
                return NOT_COMPACT;
            }
            int nameEnd = string(text, i, limit);
            if (nameEnd < 0 || nameEnd >= limit || text[nameEnd] != ':') {
                return NOT_COMPACT;
            }
            int valueStart = nameEnd + 1;
            int valueEnd = value(text, valueStart, limit, 1);
            if (valueEnd < 0) {
                return NOT_COMPACT;
            }
            if (known) {
                int field = indexOf(FIELDS, text, i + 1, nameEnd - 1);
                if (field < 0 || ends[field] != 0) {
                    known = false;
                } else {
                    starts[field] = valueStart;
                    ends[field] = valueEnd;
                }
            }
            i = valueEnd;
            if (i >= limit) {
                return NOT_COMPACT;
            }
            if (text[i] == '}') {
                int end = i + 1;
                return new Result(end, known ? validEvent(text, starts, ends) : null);
            }
            if (text[i] != ',') {
                return NOT_COMPACT;
            }
            i++;
        }
    }

    /** The event if the validator would find no violation in it (and this class can tell), else null. */
    private CompactEvent validEvent(byte[] text, int[] starts, int[] ends) {
        if (present(text, starts, ends, PRODUCT) || present(text, starts, ends, ORDER)
                || present(text, starts, ends, CONTEXT)) {
            return null; // left to the validator
        }
        String eventId = string(text, starts, ends, EVENT_ID);
        if (eventId == null || !EventIds.isUuid(eventId)) {
            return null;
        }
        EventType type = clickOrPageView(text, starts[TYPE], ends[TYPE]);
        if (type == null) {
            return null; // add_to_cart and purchase need product / order; anything else is invalid
        }
        Instant latest = clock.instant().plus(limits.maxFutureSkew());
        Instant ts = timestamp(string(text, starts, ends, TS), latest);
        if (ts == null) {
            return null;
        }
        Instant sentAt = null;
        if (present(text, starts, ends, SENT_AT)) {
            sentAt = timestamp(string(text, starts, ends, SENT_AT), latest);
            if (sentAt == null) {
                return null;
            }
        }
        String userId = optional(text, starts, ends, USER_ID, limits.maxIdLength());
        String anonymousId = optional(text, starts, ends, ANONYMOUS_ID, limits.maxIdLength());
        if (userId == INVALID || anonymousId == INVALID
                || ((userId == null || userId.isEmpty()) && (anonymousId == null || anonymousId.isEmpty()))) {
            return null;
        }
        if (!requiredWithin(text, starts, ends, SESSION_ID, limits.maxIdLength())) {
            return null;
        }
        if (type == EventType.CLICK
                ? !requiredWithin(text, starts, ends, ELEMENT, limits.maxElementLength())
                : !optionalWithin(text, starts, ends, ELEMENT, limits.maxElementLength())) {
            return null;
        }
        if (!validPage(text, starts[PAGE], ends[PAGE], type == EventType.PAGE_VIEW)) {
            return null;
        }
        return new CompactEvent(eventId, type, userId, anonymousId, new ClientTimestamps(ts, sentAt, starts[TS], ends[TS]));
    }

    /** A timestamp of the contract's grammar within the validator's range, else null. */
    private Instant timestamp(String value, Instant latest) {
        if (value == null) {
            return null;
        }
        Instant instant = EventTimestamps.parse(value);
        if (instant == null || instant.isBefore(limits.earliestTimestamp()) || instant.isAfter(latest)) {
            return null;
        }
        return instant;
    }

    /**
     * {@code page}: absent or null (not for page_view), or an object of string-or-null members among
     * url, path, referrer, title, each at most once and within its length; page_view needs a non-empty url.
     */
    private boolean validPage(byte[] text, int from, int to, boolean pageView) {
        if (to == 0 || isNull(text, from, to)) {
            return !pageView;
        }
        if (text[from] != '{') {
            return false;
        }
        int[] starts = new int[PAGE_FIELDS.length];
        int[] ends = new int[PAGE_FIELDS.length];
        int i = from + 1;
        if (text[i] != '}') {
            while (true) {
                int nameEnd = string(text, i, to);
                int field = indexOf(PAGE_FIELDS, text, i + 1, nameEnd - 1);
                if (field < 0 || ends[field] != 0) {
                    return false;
                }
                int valueStart = nameEnd + 1;
                int valueEnd = value(text, valueStart, to, 2);
                if (text[valueStart] != '"' && !isNull(text, valueStart, valueEnd)) {
                    return false; // a number, object, … : the validator names the type problem
                }
                starts[field] = valueStart;
                ends[field] = valueEnd;
                i = valueEnd;
                if (text[i] == '}') {
                    break;
                }
                i++; // the comma (the syntax was checked by read)
            }
        }
        if (pageView ? !requiredWithin(text, starts, ends, URL, limits.maxUrlLength())
                : !optionalWithin(text, starts, ends, URL, limits.maxUrlLength())) {
            return false;
        }
        return optionalWithin(text, starts, ends, PATH, limits.maxTextLength())
                && optionalWithin(text, starts, ends, REFERRER, limits.maxUrlLength())
                && optionalWithin(text, starts, ends, TITLE, limits.maxTextLength());
    }

    /** Marks a member that is present but not a string within its bound. */
    private static final String INVALID = new String("invalid");

    /** An optional string member: null if absent or JSON null, {@link #INVALID} if not a string or too long. */
    private static String optional(byte[] text, int[] starts, int[] ends, int field, int maxLength) {
        if (!present(text, starts, ends, field)) {
            return null;
        }
        String value = string(text, starts, ends, field);
        // Compact strings are ASCII: characters are code points, as the validator counts them.
        return value == null || value.length() > maxLength ? INVALID : value;
    }

    /** A required string member: present, a non-empty string, within its bound. */
    private static boolean requiredWithin(byte[] text, int[] starts, int[] ends, int field, int maxLength) {
        int length = stringLength(text, starts, ends, field);
        return length >= 1 && length <= maxLength;
    }

    /** An optional string member: absent, JSON null, or a string within its bound. */
    private static boolean optionalWithin(byte[] text, int[] starts, int[] ends, int field, int maxLength) {
        if (!present(text, starts, ends, field)) {
            return true;
        }
        int length = stringLength(text, starts, ends, field);
        return length >= 0 && length <= maxLength;
    }

    /**
     * Characters of a string member (compact strings are printable ASCII: one byte a character and a
     * code point, as the validator counts), or -1 if it is absent or not a string.
     */
    private static int stringLength(byte[] text, int[] starts, int[] ends, int field) {
        int from = starts[field];
        int to = ends[field];
        return to == 0 || text[from] != '"' ? -1 : to - from - 2;
    }

    private static final byte[] CLICK = ("\"" + EventType.Wire.CLICK + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGE_VIEW = ("\"" + EventType.Wire.PAGE_VIEW + "\"").getBytes(StandardCharsets.US_ASCII);

    /** {@code type} if it is the string click or page_view, else null. */
    private static EventType clickOrPageView(byte[] text, int from, int to) {
        if (to == 0) {
            return null;
        }
        if (java.util.Arrays.equals(text, from, to, CLICK, 0, CLICK.length)) {
            return EventType.CLICK;
        }
        if (java.util.Arrays.equals(text, from, to, PAGE_VIEW, 0, PAGE_VIEW.length)) {
            return EventType.PAGE_VIEW;
        }
        return null;
    }

    /** Whether the member was sent with a value other than null (the validator treats null as absent). */
    private static boolean present(byte[] text, int[] starts, int[] ends, int field) {
        return ends[field] != 0 && !isNull(text, starts[field], ends[field]);
    }

    /** The member's value if it is a string (of printable ASCII, so no decoding is needed), else null. */
    private static String string(byte[] text, int[] starts, int[] ends, int field) {
        int from = starts[field];
        int to = ends[field];
        if (to == 0 || text[from] != '"') {
            return null;
        }
        return new String(text, from + 1, to - from - 2, StandardCharsets.ISO_8859_1);
    }

    private static boolean isNull(byte[] text, int from, int to) {
        return to - from == 4 && text[from] == 'n';
    }

    // ---- compact JSON syntax: each returns the end of the token or value, or -1 ----

    private static int value(byte[] text, int i, int limit, int depth) {
        if (i >= limit) {
            return -1;
        }
        byte c = text[i];
        if (c == '"') {
            return string(text, i, limit);
        }
        if (c == '{' || c == '[') {
            return container(text, i, limit, depth + 1);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(text, i, limit);
        }
        if (c == 't') {
            return literal(text, i, limit, "true");
        }
        if (c == 'f') {
            return literal(text, i, limit, "false");
        }
        if (c == 'n') {
            return literal(text, i, limit, "null");
        }
        return -1;
    }

    /** Per byte inside a string: 0 printable ASCII, 1 the closing quote, 2 outside the compact subset. */
    private static final byte[] STRING_BYTE = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            STRING_BYTE[c] = (byte) (c == '"' ? 1 : c < 0x20 || c > 0x7e || c == '\\' ? 2 : 0);
        }
    }

    /** A string of printable ASCII without escapes; {@code i} is at its opening quote. */
    private static int string(byte[] text, int i, int limit) {
        for (int j = i + 1; j < limit; j++) {
            int kind = STRING_BYTE[text[j] & 0xff];
            if (kind != 0) {
                return kind == 1 ? j + 1 : -1;
            }
        }
        return -1;
    }

    private static int container(byte[] text, int i, int limit, int depth) {
        if (depth > MAX_DEPTH) {
            return -1;
        }
        boolean object = text[i] == '{';
        byte close = (byte) (object ? '}' : ']');
        i++;
        if (i < limit && text[i] == close) {
            return i + 1;
        }
        while (true) {
            if (object) {
                if (i >= limit || text[i] != '"') {
                    return -1;
                }
                i = string(text, i, limit);
                if (i < 0 || i >= limit || text[i] != ':') {
                    return -1;
                }
                i++;
            }
            i = value(text, i, limit, depth);
            if (i < 0 || i >= limit) {
                return -1;
            }
            if (text[i] == close) {
                return i + 1;
            }
            if (text[i] != ',') {
                return -1;
            }
            i++;
        }
    }

    /** JSON's number grammar without exponent: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}. */
    private static int number(byte[] text, int i, int limit) {
        int start = i;
        if (text[i] == '-') {
            i++;
        }
        if (i >= limit || !isDigit(text[i])) {
            return -1;
        }
        if (text[i] == '0') {
            i++;
        } else {
            while (i < limit && isDigit(text[i])) {
                i++;
            }
        }
        if (i < limit && text[i] == '.') {
            i++;
            if (i >= limit || !isDigit(text[i])) {
                return -1;
            }
            while (i < limit && isDigit(text[i])) {
                i++;
            }
        }
        if (i - start > MAX_NUMBER_LENGTH || (i < limit && (isDigit(text[i]) || text[i] == 'e' || text[i] == 'E'))) {
            return -1;
        }
        return i;
    }

    private static int literal(byte[] text, int i, int limit, String word) {
        int n = word.length();
        if (i + n > limit) {
            return -1;
        }
        for (int k = 0; k < n; k++) {
            if (text[i + k] != word.charAt(k)) {
                return -1;
            }
        }
        return i + n;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Index of the name {@code text[from, to)} in {@code names}, or -1. */
    private static int indexOf(byte[][] names, byte[] text, int from, int to) {
        int length = to - from;
        for (int k = 0; k < names.length; k++) {
            byte[] name = names[k];
            if (name.length == length && java.util.Arrays.equals(name, 0, length, text, from, to)) {
                return k;
            }
        }
        return -1;
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int k = 0; k < names.length; k++) {
            out[k] = names[k].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
