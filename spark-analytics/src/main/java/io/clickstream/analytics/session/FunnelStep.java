package io.clickstream.analytics.session;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One funnel step as configured: an event type, optionally with a filter {@code type[field=glob]}
 * on one of the event's fields ({@link #FIELDS}); the glob matches the whole value, {@code *} any
 * characters, {@code ?} one.
 *
 * @param name   the step as configured (the documents' {@code step_name})
 * @param type   the event type the step matches
 * @param column the parsed event column the filter reads ({@code null}: no filter)
 * @param glob   the filter's glob ({@code null}: no filter)
 */
public record FunnelStep(String name, String type, String column, String glob) implements Serializable {

    /** Event types a step can name (the contract's). */
    public static final List<String> TYPES = List.of("page_view", "click", "add_to_cart", "purchase");

    /** Filter fields, as the event contract names them → the parsed event column holding them. */
    public static final Map<String, String> FIELDS = Map.of(
            "page.path", "page_path",
            "page.url", "page_url",
            "element", "element",
            "product.id", "product_id",
            "product.category", "product_category");

    private static final Pattern SYNTAX = Pattern.compile("([a-z_]+)(?:\\[([a-z.]+)=([^\\]]*)\\])?");

    /** Parses one step; the message names the step and what a step looks like. */
    public static FunnelStep parse(String step) {
        String trimmed = step.trim();
        java.util.regex.Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("funnel step '" + step + "' is not of the form type or type[field=glob]");
        }
        String type = m.group(1);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("funnel step '" + step + "': unknown event type '" + type
                    + "', expected one of " + TYPES);
        }
        String field = m.group(2);
        if (field == null) {
            return new FunnelStep(trimmed, type, null, null);
        }
        String column = FIELDS.get(field);
        if (column == null) {
            throw new IllegalArgumentException("funnel step '" + step + "': unknown filter field '" + field
                    + "', expected one of " + FIELDS.keySet().stream().sorted().toList());
        }
        if (m.group(3).isEmpty()) {
            throw new IllegalArgumentException("funnel step '" + step + "': empty glob (use * to match any value)");
        }
        return new FunnelStep(trimmed, type, column, m.group(3));
    }

    /** The glob as an anchored regular expression. */
    Pattern globPattern() {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
