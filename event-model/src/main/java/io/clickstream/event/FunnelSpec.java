package io.clickstream.event;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A funnel as the job's {@code --funnel} option writes it, read the same way by the Spark job and by
 * the load generator's ledger (so a funnel one accepts, the other counts identically): steps
 * separated by commas (a comma inside a filter's brackets belongs to its glob), each an event type
 * ({@link EventType#wireName()}) with an optional filter {@code type[field=glob]} on one of
 * {@link #FILTER_FIELDS}; the glob matches the whole value, {@code *} any run of characters,
 * {@code ?} one character. At most {@link #MAX_STEPS} steps.
 *
 * @param name  the funnel's name ({@code --funnel-name}, the documents' {@code funnel})
 * @param steps the steps, in order
 */
public record FunnelSpec(String name, List<Step> steps) implements Serializable {

    public static final String DEFAULT_SPEC = "page_view,add_to_cart,purchase";
    public static final String DEFAULT_NAME = "default";
    /** The job keeps the steps an event matches as bits of a mask. */
    public static final int MAX_STEPS = 16;
    /** Fields a step may filter on, as the event contract names them. */
    public static final List<String> FILTER_FIELDS = List.of("page.path", "page.url", "element", "product.id", "product.category");

    private static final Pattern STEP = Pattern.compile("([a-z_]+)(?:\\[([a-z.]+)=([^\\]]*)\\])?");

    /**
     * One step.
     *
     * @param name  the step as configured (the documents' {@code step_name})
     * @param type  the event type it matches
     * @param field the filtered field ({@link #FILTER_FIELDS}), or null
     * @param glob  the filter's glob, or null
     */
    public record Step(String name, EventType type, String field, String glob) implements Serializable {

        /** The glob as a regular expression matching whole values; null without a filter. */
        public Pattern globPattern() {
            if (glob == null) {
                return null;
            }
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

    public FunnelSpec {
        steps = List.copyOf(steps);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the funnel name must not be blank");
        }
        if (steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a funnel has 1 to " + MAX_STEPS + " steps, found " + steps.size());
        }
    }

    /** The default funnel: page view → add to cart → purchase. */
    public static FunnelSpec defaults() {
        return parse(DEFAULT_NAME, DEFAULT_SPEC);
    }

    /** Parses {@code --funnel} text; the message of an {@link IllegalArgumentException} names the bad step. */
    public static FunnelSpec parse(String name, String spec) {
        List<Step> steps = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= spec.length(); i++) {
            char c = i < spec.length() ? spec.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                String step = spec.substring(from, i);
                if (step.isBlank()) {
                    throw new IllegalArgumentException("funnel '" + spec + "' has an empty step; steps are separated "
                            + "by single commas, e.g. " + DEFAULT_SPEC);
                }
                steps.add(step(step.trim()));
                from = i + 1;
            }
        }
        return new FunnelSpec(name, steps);
    }

    private static Step step(String step) {
        Matcher m = STEP.matcher(step);
        if (!m.matches()) {
            throw new IllegalArgumentException("funnel step '" + step + "' is not of the form type or type[field=glob], "
                    + "e.g. page_view[page.path=/products/*]");
        }
        EventType type = EventType.fromWireName(m.group(1)).orElseThrow(() -> new IllegalArgumentException(
                "funnel step '" + step + "': unknown event type '" + m.group(1) + "', expected one of " + EventType.wireNames()));
        String field = m.group(2);
        if (field == null) {
            return new Step(step, type, null, null);
        }
        if (!FILTER_FIELDS.contains(field)) {
            throw new IllegalArgumentException("funnel step '" + step + "': unknown filter field '" + field
                    + "', expected one of " + FILTER_FIELDS);
        }
        if (m.group(3).isEmpty()) {
            throw new IllegalArgumentException("funnel step '" + step + "': empty glob (use * to match any value)");
        }
        return new Step(step, type, field, m.group(3));
    }

    /** The steps as configured, comma-separated (parses back to the same funnel). */
    public String spec() {
        return String.join(",", steps.stream().map(Step::name).toList());
    }
}
