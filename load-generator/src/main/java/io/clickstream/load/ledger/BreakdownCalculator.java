package io.clickstream.load.ledger;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.Dimensions;
import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventType;
import io.clickstream.load.ledger.Ledger.BreakdownEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The breakdown documents analytics must write for a set of events (docs/architecture.md,
 * "Breakdown"): per dimension, the core KPIs of each value, each event attributed by its own fields
 * through the shared {@code dimensions} module (the job calls the same code, so the keys agree); the
 * {@code top} values ranked by page views desc, then all events desc, then key asc, the rest summed
 * as {@code other} at the next rank. Pure.
 *
 * <p>The job also caps a pane at {@code --breakdown-pane-cap} (500) values per dimension; the load
 * generator's traffic has a few dozen values per dimension at most, so the cap never applies here.
 *
 * @param top values kept per window and dimension ({@code --breakdown-top}, default 10)
 */
public record BreakdownCalculator(int top) {

    /** The dimension values of an event: the {@code dimensions} module's, given what the gateway stores. */
    public static Dimensions dimensionsOf(Delivery d) {
        ClickEvent e = d.event();
        String userAgent = e == null || e.context() == null ? null
                : e.context().path("user_agent").isTextual() ? e.context().path("user_agent").asText() : null;
        boolean hasPage = e != null && e.page() != null;
        return Dimensions.of(d.site(), hasPage ? e.page().url() : null, hasPage ? e.page().referrer() : null, userAgent,
                hasPage);
    }

    /** One value's tally. */
    private static final class Tally {
        final long[] counts = new long[EventType.values().length];
        final Set<String> orders = new HashSet<>();
        BigDecimal revenue = BigDecimal.ZERO;
        final Set<String> visitors = new HashSet<>();

        void add(Delivery d) {
            counts[d.type().ordinal()]++;
            visitors.add(d.partitionKey());
            if (d.type() == EventType.PURCHASE) {
                if (d.orderId() != null) {
                    orders.add(d.orderId());
                }
                revenue = revenue.add(d.revenue() == null ? BigDecimal.ZERO : d.revenue());
            }
        }

        void addAll(Tally t) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += t.counts[i];
            }
            orders.addAll(t.orders);
            revenue = revenue.add(t.revenue);
            visitors.addAll(t.visitors);
        }

        long pageViews() {
            return counts[EventType.PAGE_VIEW.ordinal()];
        }

        long events() {
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            return n;
        }

        BreakdownEntry entry(Dimension dimension, String key, int rank) {
            return new BreakdownEntry(dimension.field(), key, rank, counts[EventType.PAGE_VIEW.ordinal()],
                    counts[EventType.CLICK.ordinal()], counts[EventType.ADD_TO_CART.ordinal()],
                    counts[EventType.PURCHASE.ordinal()], orders.size(), revenue, visitors.size());
        }
    }

    /**
     * The breakdown entries of the events of one window, dimension by dimension in {@link Dimension}
     * order, ranks 1 … in each.
     *
     * @param events     the window's acknowledged, de-duplicated events
     * @param dimensions their dimension values, index by index
     */
    public List<BreakdownEntry> entries(List<Delivery> events, List<Dimensions> dimensions) {
        List<BreakdownEntry> out = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            Map<String, Tally> byValue = new HashMap<>();
            for (int i = 0; i < events.size(); i++) {
                byValue.computeIfAbsent(dimension.of(dimensions.get(i)), k -> new Tally()).add(events.get(i));
            }
            List<Map.Entry<String, Tally>> ranked = new ArrayList<>(byValue.entrySet());
            ranked.sort(Comparator.<Map.Entry<String, Tally>>comparingLong(e -> e.getValue().pageViews()).reversed()
                    .thenComparing(Comparator.<Map.Entry<String, Tally>>comparingLong(e -> e.getValue().events()).reversed())
                    .thenComparing(Map.Entry::getKey));
            for (int i = 0; i < Math.min(top, ranked.size()); i++) {
                out.add(ranked.get(i).getValue().entry(dimension, ranked.get(i).getKey(), i + 1));
            }
            if (ranked.size() > top) {
                Tally other = new Tally();
                ranked.subList(top, ranked.size()).forEach(e -> other.addAll(e.getValue()));
                out.add(other.entry(dimension, Dimensions.OTHER, top + 1));
            }
        }
        return out;
    }
}
