package io.clickstream.analytics.kpi;

import io.clickstream.analytics.session.SessionTally;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * Pane aggregates → KPI windows. Pure: which windows a pane belongs to, which panes make a window,
 * and the window's KPIs as the sum of its panes (counters and revenue added, visitor sketches
 * united, tallies merged and ranked). Summing panes gives exactly what aggregating the window's
 * events at once would give, because every aggregate is mergeable without loss.
 */
public final class WindowAssembler {

    private final List<KpiWindow> shapes;
    private final long paneMillis;
    private final int topN;
    private final int lgConfigK;
    private final boolean sessions;

    /** An assembler of windows without sessions. */
    public WindowAssembler(List<KpiWindow> shapes, long paneMillis, int topN, int lgConfigK) {
        this(shapes, paneMillis, topN, lgConfigK, false);
    }

    /**
     * @param shapes     the window shapes written (sliding, hourly); each size and step must be a
     *                   multiple of the pane length
     * @param paneMillis the pane length (the sliding step)
     * @param topN       entries per ranking
     * @param lgConfigK  the panes' HyperLogLog size ({@link KpiAggregation#lgConfigK})
     * @param sessions   whether windows carry the sessions summed from their panes
     */
    public WindowAssembler(List<KpiWindow> shapes, long paneMillis, int topN, int lgConfigK, boolean sessions) {
        for (KpiWindow shape : shapes) {
            if (shape.size().toMillis() % paneMillis != 0 || shape.slide().toMillis() % paneMillis != 0) {
                throw new IllegalArgumentException("window " + shape.granularity() + " (size " + shape.size()
                        + ", step " + shape.slide() + ") is not a whole number of " + paneMillis + " ms panes");
            }
        }
        this.shapes = List.copyOf(shapes);
        this.paneMillis = paneMillis;
        this.topN = topN;
        this.lgConfigK = lgConfigK;
        this.sessions = sessions;
    }

    /** One window of one shape. */
    public record WindowRef(KpiWindow shape, long startMillis) {
        public long endMillis() {
            return startMillis + shape.size().toMillis();
        }
    }

    /** The pane length (the sliding step), epoch-aligned. */
    public long paneMillis() {
        return paneMillis;
    }

    /** The longest window: how far back a pane can still be needed. */
    public long longestWindowMillis() {
        return shapes.stream().mapToLong(s -> s.size().toMillis()).max().orElse(paneMillis);
    }

    /** Every window (of every shape, aligned to the epoch like Spark's {@code window()}) containing the pane. */
    public List<WindowRef> windowsContaining(long paneStart) {
        List<WindowRef> windows = new ArrayList<>();
        for (KpiWindow shape : shapes) {
            long step = shape.slide().toMillis();
            long size = shape.size().toMillis();
            for (long start = Math.floorDiv(paneStart, step) * step; start > paneStart - size; start -= step) {
                windows.add(new WindowRef(shape, start));
            }
        }
        return windows;
    }

    /** The pane starts a window is made of. */
    public List<Long> paneStarts(WindowRef window) {
        List<Long> starts = new ArrayList<>();
        for (long start = window.startMillis(); start < window.endMillis(); start += paneMillis) {
            starts.add(start);
        }
        return starts;
    }

    /**
     * The window's KPIs from its panes; {@code panes} returns {@code null} for a pane without events.
     * A window with no pane at all has no KPIs (like a window no event fell into): {@code null}.
     */
    public WindowKpis assemble(WindowRef window, LongFunction<Pane> panes) {
        List<Pane> present = new ArrayList<>();
        for (long start : paneStarts(window)) {
            Pane pane = panes.apply(start);
            if (pane != null) {
                present.add(pane);
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        long pageViews = 0;
        long clicks = 0;
        long addToCart = 0;
        long purchases = 0;
        long orders = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        Union visitors = new Union(lgConfigK);
        SessionTally sessionSum = sessions ? new SessionTally() : null;
        for (Pane p : present) {
            if (sessionSum != null) {
                sessionSum.add(p.sessions());
            }
            pageViews += p.pageViews();
            clicks += p.clicks();
            addToCart += p.addToCart();
            purchases += p.purchases();
            orders += p.orders();
            revenue = revenue.add(p.revenue());
            if (p.visitors().length > 0) {
                visitors.update(HllSketch.heapify(p.visitors()));
            }
        }
        return new WindowKpis(window.shape().granularity(), Instant.ofEpochMilli(window.startMillis()),
                Instant.ofEpochMilli(window.endMillis()), pageViews, clicks, addToCart, purchases, orders, revenue,
                Math.round(visitors.getEstimate()),
                TopN.rank(present.stream().map(Pane::pages).toList(), topN),
                TopN.rank(present.stream().map(Pane::products).toList(), topN), sessionSum);
    }
}
