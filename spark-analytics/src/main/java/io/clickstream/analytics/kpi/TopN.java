package io.clickstream.analytics.kpi;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Top pages and top products, exact. Each pane carries its whole page and product tally
 * ({@link PaneFold}: key → count, revenue); the driver sums the tallies of a window's panes and ranks
 * them ({@link #rank}: count desc, revenue desc, key asc) before writing the rank documents by id.
 *
 * <p>Why a whole tally per pane and not an aggregation by (pane, key)? A pane with its whole tally is
 * self-contained: it merges, is stored and is read back as one document. The tally costs state
 * proportional to the distinct pages/products of a pane, which is small for a shop (hundreds to a few
 * thousand).
 */
public final class TopN {

    private TopN() {
    }

    /** A tally or ranking entry: key, count, revenue in cents. */
    public record Entry(String key, long count, long revenueCents) {
    }

    /** The first {@code n} of the summed tallies (several panes' entries for the same key add up). */
    public static List<Entry> rank(Iterable<List<Entry>> tallies, int n) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> cents = new HashMap<>();
        for (List<Entry> tally : tallies) {
            for (Entry e : tally) {
                counts.merge(e.key(), e.count(), Long::sum);
                cents.merge(e.key(), e.revenueCents(), Long::sum);
            }
        }
        return rank(counts, cents, n);
    }

    /** The first {@code n} keys by count desc, revenue desc, key asc: deterministic for equal counts. */
    public static List<Entry> rank(Map<String, Long> counts, Map<String, Long> revenueCents, int n) {
        return counts.entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue(), revenueCents.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong(Entry::count).reversed()
                        .thenComparing(Comparator.comparingLong(Entry::revenueCents).reversed())
                        .thenComparing(Entry::key))
                .limit(n)
                .toList();
    }
}
