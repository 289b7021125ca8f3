package io.clickstream.gateway.enrich;

/**
 * Which strings can be written into JSON as they are, without escaping: the byte-level writers
 * (the enrichment splice, the batch answer) take their fast path only for those and leave anything
 * else to Jackson.
 */
public final class VerbatimJsonString {

    private VerbatimJsonString() {
    }

    /** Printable ASCII without quote or backslash: written as is inside a JSON string. */
    public static boolean allows(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
