package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.load.ledger.Ledger.Unacknowledged;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.verify.Row.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares one expected window with the KPI document analytics wrote for it. Pure.
 *
 * <ul>
 *   <li>Counts ({@code page_views}, {@code clicks}, {@code add_to_cart}, {@code purchases},
 *       {@code orders}) must be equal.</li>
 *   <li>{@code revenue} must be equal after rounding both to cents (half-up).</li>
 *   <li>{@code unique_visitors} is approximate (HyperLogLog, rsd 0.05): accepted when
 *       |actual − expected| ≤ max(3 × 0.05 × expected, 2), i.e. three standard errors.</li>
 *   <li>When the window holds unacknowledged events, an actual value between the acknowledged value
 *       and acknowledged + unacknowledged is {@link Status#UNCERTAIN}, not a failure.</li>
 * </ul>
 */
public final class KpiComparator {

    /** Relative standard deviation of the analytics' HyperLogLog ({@code --approx-rsd}). */
    public static final double UNIQUE_VISITORS_RSD = 0.05;

    private KpiComparator() {
    }

    public static double uniqueVisitorsTolerance(long expected) {
        // 3 × rsd × expected, computed in percent so 3 × 5 % × 40 is exactly 6
        return Math.max(3.0 * expected * Math.round(UNIQUE_VISITORS_RSD * 100) / 100.0, 2);
    }

    public static List<Row> compare(WindowKpis expected, JsonNode actual) {
        List<Row> rows = new ArrayList<>();
        Unacknowledged u = expected.unacknowledged();
        if (actual == null || actual.isMissingNode() || actual.isNull()) {
            boolean onlyUnacked = expected.pageViews() + expected.clicks() + expected.addToCart() + expected.purchases() == 0;
            rows.add(row(expected, "document", "present", "missing", onlyUnacked ? Status.UNCERTAIN : Status.MISSING));
            return rows;
        }
        rows.add(count(expected, actual, "page_views", expected.pageViews(), u == null ? 0 : u.pageViews()));
        rows.add(count(expected, actual, "clicks", expected.clicks(), u == null ? 0 : u.clicks()));
        rows.add(count(expected, actual, "add_to_cart", expected.addToCart(), u == null ? 0 : u.addToCart()));
        rows.add(count(expected, actual, "purchases", expected.purchases(), u == null ? 0 : u.purchases()));
        rows.add(count(expected, actual, "orders", expected.orders(), u == null ? 0 : u.orders()));
        rows.add(revenue(expected, actual, u));
        rows.add(uniqueVisitors(expected, actual, u));
        return rows;
    }

    private static Row count(WindowKpis w, JsonNode doc, String field, long expected, long unacked) {
        JsonNode node = doc.get(field);
        String exp = unacked == 0 ? Long.toString(expected) : expected + "…" + (expected + unacked);
        if (node == null || !node.isNumber()) {
            return row(w, field, exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        long actual = node.asLong();
        Status status = actual == expected ? Status.OK
                : actual > expected && actual <= expected + unacked ? Status.UNCERTAIN : Status.MISMATCH;
        return row(w, field, exp, Long.toString(actual), status);
    }

    private static Row revenue(WindowKpis w, JsonNode doc, Unacknowledged u) {
        BigDecimal expected = cents(w.revenue());
        BigDecimal upper = u == null ? expected : cents(w.revenue().add(u.revenue()));
        String exp = upper.equals(expected) ? expected.toPlainString() : expected.toPlainString() + "…" + upper.toPlainString();
        JsonNode node = doc.get("revenue");
        if (node == null || !node.isNumber()) {
            return row(w, "revenue", exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        BigDecimal actual = cents(node.decimalValue());
        Status status = actual.compareTo(expected) == 0 ? Status.OK
                : actual.compareTo(expected) > 0 && actual.compareTo(upper) <= 0 ? Status.UNCERTAIN : Status.MISMATCH;
        return row(w, "revenue", exp, actual.toPlainString(), status);
    }

    private static Row uniqueVisitors(WindowKpis w, JsonNode doc, Unacknowledged u) {
        long expected = w.uniqueVisitors();
        long upper = u == null ? expected : u.uniqueVisitorsMax();
        String exp = (upper == expected ? Long.toString(expected) : expected + "…" + upper)
                + " ±" + (long) Math.floor(uniqueVisitorsTolerance(upper));
        JsonNode node = doc.get("unique_visitors");
        if (node == null || !node.isNumber()) {
            return row(w, "unique_visitors", exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        long actual = node.asLong();
        Status status;
        if (Math.abs(actual - expected) <= uniqueVisitorsTolerance(expected)) {
            status = Status.OK;
        } else if (actual > expected && actual <= upper + uniqueVisitorsTolerance(upper)) {
            status = Status.UNCERTAIN;
        } else {
            status = Status.MISMATCH;
        }
        return row(w, "unique_visitors", exp, Long.toString(actual), status);
    }

    static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static Row row(WindowKpis w, String metric, String expected, String actual, Status status) {
        return new Row(w.granularity(), w.windowStart(), metric, expected, actual, status);
    }
}
