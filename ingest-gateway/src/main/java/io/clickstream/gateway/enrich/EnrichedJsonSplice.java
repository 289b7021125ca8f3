package io.clickstream.gateway.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Writes an enriched event by copying the client's bytes and splicing in what enrichment changes —
 * the corrected {@code ts} in place, the gateway's fields before the closing brace — instead of
 * serialising the whole tree again. The result is byte for byte what the contract's mapper writes for
 * the enriched tree (proven on a corpus by {@code EnrichedJsonSpliceTest}).
 *
 * <p>That holds only when the client's text is already written the way the mapper writes it, so the
 * splice applies only to text it can vouch for: compact (no whitespace between tokens), ASCII, no
 * escape sequences, numbers the mapper writes back unchanged, and no duplicate keys. For anything else
 * {@link #splice} answers {@code null} and the caller serialises the tree, as before.
 */
final class EnrichedJsonSplice {

    private static final byte[] TS_CORRECTED = bytes(",\"ts_corrected\":true");
    private static final byte[] RECEIVED_AT = bytes(",\"received_at\":\"");
    private static final byte[] IP = bytes(",\"ip\":\"");
    private static final byte[] SITE = bytes(",\"site\":\"");

    private EnrichedJsonSplice() {
    }

    /**
     * @param event         the parsed client event (the tree of {@code eventText})
     * @param correctedTs   the new {@code ts}, or null if it stays
     * @param gatewayFields the request's {@link #gatewayFields}; null (a value needs escaping) means no splice
     * @return the enriched event's JSON, or null if the text is not in the mapper's own form
     */
    static byte[] splice(JsonNode event, EventText eventText, String correctedTs, byte[] gatewayFields) {
        if (gatewayFields == null || (correctedTs != null && !VerbatimJsonString.allows(correctedTs))) {
            return null;
        }
        byte[] text = eventText.bytes();
        int offset = eventText.offset();
        int length = eventText.length();
        if (event.has("received_at") || event.has("ip") || event.has("site") || event.has("ts_corrected")) {
            return null; // the validator rejects these on client events; the tree would overwrite them in place
        }
        int end = offset + length;
        if (length < 2 || text[offset] != '{' || text[end - 1] != '}') {
            return null;
        }
        int depth = 0;
        int fields = 0;
        int tsStart = -1;
        int tsEnd = -1;
        boolean nextIsTs = false;
        int i = offset;
        while (i < end) {
            byte c = text[i];
            if (c == '"') {
                int start = i++;
                while (true) {
                    if (i >= end) {
                        return null;
                    }
                    byte d = text[i];
                    if (d == '"') {
                        break;
                    }
                    // non-ASCII (negative), control characters and escapes may be written differently
                    if (d < 0x20 || d == '\\') {
                        return null;
                    }
                    i++;
                }
                i++; // past the closing quote
                if (i < end && text[i] == ':') {
                    fields++;
                    nextIsTs = depth == 1 && i - start == 4 && text[start + 1] == 't' && text[start + 2] == 's';
                    i++;
                } else {
                    if (nextIsTs) {
                        tsStart = start;
                        tsEnd = i;
                    }
                    nextIsTs = false;
                }
                continue;
            }
            nextIsTs = false;
            if (c == '{' || c == '[') {
                depth++;
                i++;
            } else if (c == '}' || c == ']') {
                depth--;
                i++;
            } else if (c == ',') {
                i++;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int start = i;
                boolean decimal = false;
                while (i < end && isNumberChar(text[i])) {
                    byte d = text[i];
                    if (d == 'e' || d == 'E') {
                        return null; // the mapper writes exponents its own way (1e2 → 1E+2)
                    }
                    decimal |= d == '.';
                    i++;
                }
                String number = new String(text, start, i - start, StandardCharsets.US_ASCII);
                if (decimal ? !new BigDecimal(number).toString().equals(number) : number.equals("-0")) {
                    return null; // 0.0000001 → 1E-7, -0.0 → 0.0, -0 → 0
                }
            } else if (c == 't' || c == 'f' || c == 'n') {
                while (i < end && text[i] >= 'a' && text[i] <= 'z') {
                    i++;
                }
            } else {
                return null; // whitespace between tokens, or anything unexpected
            }
        }
        if (depth != 0 || fields != countFields(event) || (correctedTs != null && tsStart < 0)) {
            return null; // a duplicate key: the tree kept only one of them
        }
        return write(eventText, tsStart, tsEnd, correctedTs, gatewayFields);
    }

    /**
     * What the splice appends for a request, the same for each of its events:
     * {@code ,"received_at":"…"[,"ip":"…"],"site":"…"}} — or null if a value needs escaping.
     */
    static byte[] gatewayFields(String receivedAt, String anonymisedIp, String site) {
        if (!VerbatimJsonString.allows(receivedAt) || !VerbatimJsonString.allows(site)
                || (anonymisedIp != null && !VerbatimJsonString.allows(anonymisedIp))) {
            return null;
        }
        byte[] received = bytes(receivedAt);
        byte[] ip = anonymisedIp == null ? null : bytes(anonymisedIp);
        byte[] siteBytes = bytes(site);
        byte[] out = new byte[RECEIVED_AT.length + received.length + 1 + (ip == null ? 0 : IP.length + ip.length + 1)
                + SITE.length + siteBytes.length + 2];
        int o = put(out, 0, RECEIVED_AT);
        o = put(out, o, received);
        out[o++] = '"';
        if (ip != null) {
            o = put(out, o, IP);
            o = put(out, o, ip);
            out[o++] = '"';
        }
        o = put(out, o, SITE);
        o = put(out, o, siteBytes);
        out[o++] = '"';
        out[o] = '}';
        return out;
    }

    /**
     * The splice itself, for text already known to be in the mapper's form (checked by {@link #splice},
     * or by the gateway's reader of compact events), with the request's {@link #gatewayFields}.
     *
     * @param tsStart where the {@code ts} string, opening quote included, starts in the body
     * @param tsEnd   where it ends (after the closing quote); both only read when {@code correctedTs} is set
     * @return the enriched event's JSON, or null if {@code correctedTs} needs escaping
     */
    static byte[] write(EventText eventText, int tsStart, int tsEnd, String correctedTs, byte[] gatewayFields) {
        if (correctedTs != null && !VerbatimJsonString.allows(correctedTs)) {
            return null;
        }
        byte[] text = eventText.bytes();
        int offset = eventText.offset();
        int length = eventText.length();
        int end = offset + length;
        byte[] ts = correctedTs == null ? null : bytes(correctedTs);
        int size = length - 1 + (ts == null ? 0 : ts.length + 2 - (tsEnd - tsStart) + TS_CORRECTED.length)
                + gatewayFields.length;
        byte[] out = new byte[size];
        int o;
        if (ts == null) {
            System.arraycopy(text, offset, out, 0, length - 1);
            o = length - 1;
        } else {
            int head = tsStart - offset;
            System.arraycopy(text, offset, out, 0, head);
            o = head;
            out[o++] = '"';
            o = put(out, o, ts);
            out[o++] = '"';
            int tail = end - 1 - tsEnd;
            System.arraycopy(text, tsEnd, out, o, tail);
            o += tail;
            o = put(out, o, TS_CORRECTED);
        }
        o = put(out, o, gatewayFields);
        if (o != size) {
            throw new IllegalStateException("splice size " + o + " != " + size);
        }
        return out;
    }

    /** Fields of every object in the tree. */
    private static int countFields(JsonNode node) {
        int count = 0;
        if (node.isObject()) {
            count += node.size();
        }
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                count += countFields(it.next());
            }
        }
        return count;
    }

    private static boolean isNumberChar(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
