package io.clickstream.analytics.breakdown;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.Dimensions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * A window's breakdowns from its panes' ({@link PaneBreakdowns}), on the driver: per dimension, the
 * counters of each value summed over the panes, the {@code top} values ranked by page views desc,
 * all events desc, key asc, and the rest (with the panes' own {@code other}) summed as
 * {@link Dimensions#OTHER} at the next rank. Visitor sketches are united only for what is written:
 * each ranked value, and {@code other} from the sketches of everything it sums.
 */
public final class BreakdownRanking {

    /** One ranked value of one dimension in a window. */
    public record Ranked(Dimension dimension, String key, int rank, long pageViews, long clicks, long addToCart,
            long purchases, long orders, long revenueCents, long uniqueVisitors) {
    }

    private BreakdownRanking() {
    }

    /** Every dimension's ranking of the window made of {@code panes} (panes without events left out). */
    public static List<Ranked> rank(List<PaneBreakdowns> panes, int top, int lgConfigK) {
        List<Ranked> ranked = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            ranked.addAll(rank(d, panes, top, lgConfigK));
        }
        return ranked;
    }

    static List<Ranked> rank(Dimension dimension, List<PaneBreakdowns> panes, int top, int lgConfigK) {
        Map<String, long[]> sums = new HashMap<>();
        long[] other = null;
        for (PaneBreakdowns pane : panes) {
            for (PaneBreakdowns.Entry e : pane.entries(dimension)) {
                if (e.key().equals(Dimensions.OTHER)) {
                    other = other == null ? new long[Counts.LENGTH] : other;
                    Counts.add(other, e.counts());
                } else {
                    Counts.add(sums.computeIfAbsent(e.key(), k -> new long[Counts.LENGTH]), e.counts());
                }
            }
        }
        List<Map.Entry<String, long[]>> order = new ArrayList<>(sums.entrySet());
        order.sort(Counts.ranking(Map.Entry::getKey, Map.Entry::getValue));
        int kept = Math.min(top, order.size());
        Map<String, Union> sketches = new HashMap<>();
        for (Map.Entry<String, long[]> e : order.subList(0, kept)) {
            sketches.put(e.getKey(), new Union(lgConfigK));
        }
        for (Map.Entry<String, long[]> rest : order.subList(kept, order.size())) {
            other = other == null ? new long[Counts.LENGTH] : other;
            Counts.add(other, rest.getValue());
        }
        Union otherVisitors = other == null ? null : new Union(lgConfigK);
        for (PaneBreakdowns pane : panes) {
            for (PaneBreakdowns.Entry e : pane.entries(dimension)) {
                HllSketch sketch = e.sketch();
                if (sketch == null) {
                    continue;
                }
                Union union = sketches.get(e.key());
                (union != null ? union : otherVisitors).update(sketch);
            }
        }
        List<Ranked> ranked = new ArrayList<>(kept + 1);
        for (int i = 0; i < kept; i++) {
            Map.Entry<String, long[]> e = order.get(i);
            ranked.add(ranked(dimension, e.getKey(), i + 1, e.getValue(), sketches.get(e.getKey())));
        }
        if (other != null) {
            ranked.add(ranked(dimension, Dimensions.OTHER, kept + 1, other, otherVisitors));
        }
        return ranked;
    }

    private static Ranked ranked(Dimension d, String key, int rank, long[] c, Union visitors) {
        return new Ranked(d, key, rank, c[Counts.PAGE_VIEWS], c[Counts.CLICKS], c[Counts.ADD_TO_CART],
                c[Counts.PURCHASES], c[Counts.ORDERS], c[Counts.REVENUE_CENTS], Math.round(visitors.getEstimate()));
    }
}
