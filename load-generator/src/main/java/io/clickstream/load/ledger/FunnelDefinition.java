package io.clickstream.load.ledger;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.FunnelSpec;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The funnel analytics counts, parsed from the same text as its {@code --funnel} option by the
 * grammar the job uses ({@link FunnelSpec}, docs/architecture.md "Funnel"), so a funnel the job
 * accepts is counted here the same way.
 *
 * @param spec  the text as given
 * @param steps the parsed steps, in order
 */
public record FunnelDefinition(String spec, List<Step> steps) {

    public static final String DEFAULT_SPEC = FunnelSpec.DEFAULT_SPEC;
    public static final String DEFAULT_NAME = FunnelSpec.DEFAULT_NAME;

    /**
     * One step: the parsed step, its glob compiled once.
     *
     * @param spec   the step as parsed ({@code name()} is its documents' {@code step_name})
     * @param filter the glob as a regular expression, or null
     */
    public record Step(FunnelSpec.Step spec, Pattern filter) {

        public String name() {
            return spec.name();
        }

        /** Whether the event of this delivery matches; a filter needs the event itself. */
        public boolean matches(Delivery d) {
            if (d.type() != spec.type()) {
                return false;
            }
            if (spec.field() == null) {
                return true;
            }
            ClickEvent e = d.event();
            String value = e == null ? null : value(e, spec.field());
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
        FunnelSpec parsed = FunnelSpec.parse(DEFAULT_NAME, spec);
        return new FunnelDefinition(spec, parsed.steps().stream().map(s -> new Step(s, s.globPattern())).toList());
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
