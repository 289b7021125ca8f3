package io.clickstream.load.ledger;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The funnel analytics counts, parsed from the same text as its {@code --funnel} option
 * (docs/architecture.md, "Funnel"): comma-separated steps, each an event type with an optional
 * filter {@code type[field=glob]}, field one of {@code page.path}, {@code page.url}, {@code element},
 * {@code product.id}, {@code product.category}; in the glob {@code *} is any run of characters and
 * {@code ?} one character.
 *
 * @param spec  the text as given (also each step's {@code step_name})
 * @param steps the parsed steps, in order
 */
public record FunnelDefinition(String spec, List<Step> steps) {

    public static final String DEFAULT_SPEC = "page_view,add_to_cart,purchase";
    public static final String DEFAULT_NAME = "default";
    public static final List<String> FIELDS = List.of("page.path", "page.url", "element", "product.id", "product.category");

    private static final Pattern STEP = Pattern.compile("([a-z_]+)(?:\\[([a-z.]+)=([^\\]]*)\\])?");

    /**
     * One step.
     *
     * @param name   the step as configured ({@code step_name} of its documents)
     * @param type   the event type it needs
     * @param field  the filtered field, or null
     * @param filter the glob as a regular expression, or null
     */
    public record Step(String name, EventType type, String field, Pattern filter) {

        /** Whether the event of this delivery matches; a filter needs the event itself. */
        public boolean matches(Delivery d) {
            if (d.type() != type) {
                return false;
            }
            if (field == null) {
                return true;
            }
            ClickEvent e = d.event();
            String value = e == null ? null : value(e, field);
            return value != null && filter.matcher(value).matches();
        }

        private static String value(ClickEvent e, String field) {
            return switch (field) {
                case "page.path" -> e.page() == null ? null : e.page().path();
                case "page.url" -> e.page() == null ? null : e.page().url();
                case "element" -> e.element();
                case "product.id" -> e.product() == null ? null : e.product().id();
                case "product.category" -> e.product() == null ? null : e.product().category();
                default -> throw new IllegalStateException(field);
            };
        }
    }

    public static FunnelDefinition defaults() {
        return parse(DEFAULT_SPEC);
    }

    /** Parses {@code --funnel} text; throws {@link IllegalArgumentException} naming the bad step. */
    public static FunnelDefinition parse(String spec) {
        List<Step> steps = new ArrayList<>();
        for (String part : split(spec)) {
            Matcher m = STEP.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("funnel step '" + part.trim() + "' is not type or type[field=glob], "
                        + "e.g. page_view[page.path=/products/*]");
            }
            EventType type = EventType.fromWireName(m.group(1)).orElseThrow(() -> new IllegalArgumentException(
                    "funnel step '" + part.trim() + "': unknown event type '" + m.group(1) + "' (" + EventType.wireNames() + ")"));
            String field = m.group(2);
            if (field != null && !FIELDS.contains(field)) {
                throw new IllegalArgumentException("funnel step '" + part.trim() + "': the filter field must be one of "
                        + FIELDS + ", found '" + field + "'");
            }
            steps.add(new Step(part.trim(), type, field, field == null ? null : glob(m.group(3))));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a funnel needs at least one step, e.g. " + DEFAULT_SPEC);
        }
        return new FunnelDefinition(spec, List.copyOf(steps));
    }

    /** Splits at commas outside brackets (a glob may hold a comma). */
    private static List<String> split(String spec) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(spec.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(spec.substring(from));
        return parts.stream().filter(p -> !p.isBlank()).toList();
    }

    private static Pattern glob(String glob) {
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

    /**
     * How many steps a session reaches: the largest k with distinct events e1 … ek matching steps
     * 1 … k and non-decreasing {@code ts}. {@code events} must be sorted by {@code ts}. Each step takes
     * the earliest unused matching event whose {@code ts} is not before the previous step's: a later
     * choice never lets a following step match more (events of equal {@code ts} all stay available).
     */
    public int reached(List<Delivery> events) {
        boolean[] used = new boolean[events.size()];
        int step = 0;
        int from = 0;   // first event with ts >= the previous step's ts
        while (step < steps.size()) {
            Step s = steps.get(step);
            int found = -1;
            for (int i = from; i < events.size(); i++) {
                if (!used[i] && s.matches(events.get(i))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                break;
            }
            used[found] = true;
            step++;
            while (from < found && events.get(from).ts().isBefore(events.get(found).ts())) {
                from++;
            }
        }
        return step;
    }

    @Override
    public String toString() {
        return spec.toLowerCase(Locale.ROOT);
    }
}
