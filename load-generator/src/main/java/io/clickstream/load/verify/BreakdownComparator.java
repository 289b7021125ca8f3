package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.dimensions.Dimension;
import io.clickstream.load.ledger.Ledger.BreakdownEntry;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.verify.Row.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a window's breakdown documents ({@code breakdown|<granularity>|<start>|<dimension>|<rank>},
 * docs/architecture.md, "Breakdown") with the ledger, field by field as for the KPI documents: counts
 * and revenue exact, {@code avg_order_value} in cents, rates within {@value KpiComparator#RATE_TOLERANCE},
 * {@code unique_visitors} within the sketch bound. A document at the rank after the last predicted one
 * of a dimension is {@link Status#EXTRA}. Pure.
 */
public final class BreakdownComparator {

    private BreakdownComparator() {
    }

    /** The ids to fetch for a window: every predicted rank of every dimension, and the rank after. */
    public static List<String> documentIds(WindowKpis w) {
        List<String> ids = new ArrayList<>();
        if (w.breakdowns().isEmpty()) {
            return ids;
        }
        for (Dimension dimension : Dimension.values()) {
            int ranks = entries(w, dimension.field()).size();
            for (int rank = 1; rank <= ranks + 1; rank++) {
                ids.add(w.breakdownDocumentId(dimension.field(), rank));
            }
        }
        return ids;
    }

    public static List<Row> compare(WindowKpis w, Map<String, JsonNode> docs) {
        List<Row> rows = new ArrayList<>();
        if (w.breakdowns().isEmpty()) {
            return rows;
        }
        boolean uncertain = w.sessionFieldsUncertain();
        for (Dimension dimension : Dimension.values()) {
            List<BreakdownEntry> expected = entries(w, dimension.field());
            for (BreakdownEntry e : expected) {
                String id = w.breakdownDocumentId(e.dimension(), e.rank());
                JsonNode doc = docs.get(id);
                if (doc == null) {
                    rows.add(KpiComparator.row(w, id, "document", "present (" + e.key() + ", " + e.pageViews()
                            + " page views)", "missing", uncertain ? Status.UNCERTAIN : Status.MISSING));
                    continue;
                }
                rows.add(KpiComparator.text(w, id, doc, "granularity", w.granularity(), false));
                rows.add(KpiComparator.instant(w, id, doc, "window_start", w.windowStart()));
                rows.add(KpiComparator.instant(w, id, doc, "window_end", w.windowEnd()));
                rows.add(KpiComparator.text(w, id, doc, "dimension", e.dimension(), false));
                rows.add(KpiComparator.text(w, id, doc, "key", e.key(), uncertain));
                rows.add(KpiComparator.count(w, id, doc, "rank", e.rank(), 0, false));
                rows.add(KpiComparator.count(w, id, doc, "page_views", e.pageViews(), 0, uncertain));
                rows.add(KpiComparator.count(w, id, doc, "clicks", e.clicks(), 0, uncertain));
                rows.add(KpiComparator.count(w, id, doc, "add_to_cart", e.addToCart(), 0, uncertain));
                rows.add(KpiComparator.count(w, id, doc, "purchases", e.purchases(), 0, uncertain));
                rows.add(KpiComparator.count(w, id, doc, "orders", e.orders(), 0, uncertain));
                rows.add(KpiComparator.decimal(w, id, doc, "revenue", KpiComparator.cents(e.revenue()), uncertain));
                rows.add(KpiComparator.decimal(w, id, doc, "avg_order_value",
                        KpiComparator.avgOrderValue(e.revenue(), e.orders()), uncertain));
                rows.add(uniqueVisitors(w, id, doc, e.uniqueVisitors(), uncertain));
                rows.add(KpiComparator.ratio(w, id, doc, "ctr", e.clicks(), e.pageViews(), 1, uncertain));
                rows.add(KpiComparator.ratio(w, id, doc, "cart_rate", e.addToCart(), e.pageViews(), 1, uncertain));
                rows.add(KpiComparator.ratio(w, id, doc, "conversion_rate", e.purchases(), e.pageViews(), 1, uncertain));
            }
            String next = w.breakdownDocumentId(dimension.field(), expected.size() + 1);
            JsonNode extra = docs.get(next);
            if (extra != null) {
                rows.add(KpiComparator.row(w, next, "document", "absent (" + expected.size() + " " + dimension.field()
                                + " values ranked)", extra.path("key").asText() + ", " + extra.path("page_views").asText()
                                + " page views", uncertain ? Status.UNCERTAIN : Status.EXTRA));
            }
        }
        return rows;
    }

    private static List<BreakdownEntry> entries(WindowKpis w, String dimension) {
        return w.breakdowns().stream().filter(e -> e.dimension().equals(dimension)).toList();
    }

    /**
     * Standard errors a breakdown's {@code unique_visitors} may lie from the exact count. A run compares
     * thousands of breakdown sketches (8 dimensions × up to 11 ranks × every window, both
     * granularities) against tens for the KPI documents: at three errors about one in 370 falls
     * outside by chance (a CI run saw one at 3.7: 4,031 for 3,397); at five, about one in 1.7 million,
     * so a run's chance of a false mismatch stays below 0.5 %.
     */
    static final int BREAKDOWN_UNIQUES_ERRORS = 5;

    private static Row uniqueVisitors(WindowKpis w, String id, JsonNode doc, long expected, boolean uncertain) {
        double tolerance = KpiComparator.uniqueVisitorsTolerance(expected, BREAKDOWN_UNIQUES_ERRORS);
        String exp = expected + " ±" + (long) Math.floor(tolerance);
        JsonNode node = doc.get("unique_visitors");
        if (node == null || !node.isNumber()) {
            return KpiComparator.row(w, id, "unique_visitors", exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        long actual = node.asLong();
        Status status = Math.abs(actual - expected) <= tolerance ? Status.OK : uncertain ? Status.UNCERTAIN : Status.MISMATCH;
        return KpiComparator.row(w, id, "unique_visitors", exp, Long.toString(actual), status);
    }

}
