package io.clickstream.analytics.session;

import io.clickstream.event.FunnelSpec;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The configured funnel ({@code --funnel}, {@code --funnel-name}): its name and ordered steps. A
 * session reaches step k when it holds events e1 … ek matching steps 1 … k with non-decreasing
 * {@code ts} ({@link SessionSegments}).
 */
public record Funnel(String name, List<FunnelStep> steps) implements Serializable {

    public static final String DEFAULT_SPEC = FunnelSpec.DEFAULT_SPEC;
    public static final String DEFAULT_NAME = FunnelSpec.DEFAULT_NAME;

    public Funnel {
        steps = List.copyOf(steps);
    }

    /** Parses {@code --funnel} by the grammar the ledger shares ({@link FunnelSpec}). */
    public static Funnel parse(String name, String spec) {
        FunnelSpec parsed = FunnelSpec.parse(name, spec);
        return new Funnel(parsed.name(), parsed.steps().stream().map(FunnelStep::of).toList());
    }

    /** The steps as configured, comma-separated (parses back to the same funnel). */
    public String spec() {
        return String.join(",", steps.stream().map(FunnelStep::name).toList());
    }

    /** The event columns the filters read. */
    public Set<String> filterColumns() {
        Set<String> columns = new LinkedHashSet<>();
        steps.forEach(s -> {
            if (s.column() != null) {
                columns.add(s.column());
            }
        });
        return columns;
    }

    /** The funnel bound to the operator's input rows. */
    public Matcher bind(StructType schema) {
        return new Matcher(this, schema);
    }

    /** Which steps an event matches, as a bit mask (bit k-1: step k), from its row. */
    public static final class Matcher implements Serializable {
        private final String[] types;
        private final int typeField;
        private final int[] filterFields;
        private final Pattern[] globs;

        Matcher(Funnel funnel, StructType schema) {
            int n = funnel.steps().size();
            types = new String[n];
            filterFields = new int[n];
            globs = new Pattern[n];
            typeField = schema.fieldIndex("type");
            for (int i = 0; i < n; i++) {
                FunnelStep step = funnel.steps().get(i);
                types[i] = step.type();
                filterFields[i] = step.column() == null ? -1 : schema.fieldIndex(step.column());
                globs[i] = step.column() == null ? null : step.globPattern();
            }
        }

        public int mask(Row event) {
            String type = event.getString(typeField);
            int mask = 0;
            for (int i = 0; i < types.length; i++) {
                if (!types[i].equals(type)) {
                    continue;
                }
                if (filterFields[i] >= 0) {
                    if (event.isNullAt(filterFields[i]) || !globs[i].matcher(event.getString(filterFields[i])).matches()) {
                        continue;
                    }
                }
                mask |= 1 << i;
            }
            return mask;
        }
    }
}
