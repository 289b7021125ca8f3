package io.clickstream.load.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.Ledger.RankEntry;
import io.clickstream.load.ledger.Ledger.Unacknowledged;
import io.clickstream.load.ledger.Ledger.WindowKpis;
import io.clickstream.load.verify.Row.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares every field of a window's KPI document and of its ranking documents with the ledger, as
 * spark-analytics writes them ({@code sink.KpiDocuments}). Pure.
 *
 * <ul>
 *   <li>{@code granularity}, {@code window_start}, {@code window_end}: equal.</li>
 *   <li>Counts ({@code page_views}, {@code clicks}, {@code add_to_cart}, {@code purchases}, {@code orders}): equal.</li>
 *   <li>{@code revenue}: equal in cents (the job sums exact cents and writes two decimals, half-up).</li>
 *   <li>{@code avg_order_value}: revenue ÷ orders to two decimals half-up (0.00 without orders): equal.</li>
 *   <li>{@code ctr}, {@code cart_rate}, {@code conversion_rate}: clicks, add_to_cart, purchases ÷ page views as
 *       a double (0 without page views), within {@value #RATE_TOLERANCE}: both sides divide the same integers,
 *       only the JSON round trip of a double could move its last bit.</li>
 *   <li>{@code unique_visitors} is approximate (HyperLogLog, rsd 0.05): accepted when
 *       |actual − expected| ≤ max(3 × 0.05 × expected, 2), i.e. three standard errors.</li>
 *   <li>Rankings ({@code top|…|page|rank}, {@code top|…|product|rank}): one document per predicted rank with
 *       {@code dimension}, {@code key}, {@code count} and {@code revenue} (cents) equal, ranks ordered by count
 *       desc, revenue desc, key asc; a ranking document past the predicted ranks is {@link Status#EXTRA}.</li>
 *   <li>When the window holds unacknowledged events, an actual value between the acknowledged value
 *       and acknowledged + unacknowledged is {@link Status#UNCERTAIN}, not a failure; so are its derived
 *       fields and rankings when they differ.</li>
 * </ul>
 */
public final class KpiComparator {

    /** Relative standard deviation of the analytics' HyperLogLog ({@code --approx-rsd}). */
    public static final double UNIQUE_VISITORS_RSD = 0.05;
    /** Largest accepted difference of a rate field. */
    public static final double RATE_TOLERANCE = 1e-9;
    public static final List<String> DIMENSIONS = List.of("page", "product");

    private KpiComparator() {
    }

    public static double uniqueVisitorsTolerance(long expected) {
        return uniqueVisitorsTolerance(expected, 3);
    }

    /** {@code errors} standard errors of the sketch around {@code expected}, at least 2. */
    public static double uniqueVisitorsTolerance(long expected, int errors) {
        // errors × rsd × expected, computed in percent so 3 × 5 % × 40 is exactly 6
        return Math.max(errors * expected * Math.round(UNIQUE_VISITORS_RSD * 100) / 100.0, 2);
    }

    /** The KPI document's fields (no rankings). */
    public static List<Row> compare(WindowKpis expected, JsonNode actual) {
        List<Row> rows = new ArrayList<>();
        Unacknowledged u = expected.unacknowledged();
        if (actual == null || actual.isMissingNode() || actual.isNull()) {
            boolean onlyUnacked = expected.pageViews() + expected.clicks() + expected.addToCart() + expected.purchases() == 0;
            rows.add(row(expected, expected.documentId(), "document", "present", "missing",
                    onlyUnacked ? Status.UNCERTAIN : Status.MISSING));
            return rows;
        }
        String id = expected.documentId();
        rows.add(text(expected, id, actual, "granularity", expected.granularity()));
        rows.add(instant(expected, id, actual, "window_start", expected.windowStart()));
        rows.add(instant(expected, id, actual, "window_end", expected.windowEnd()));
        rows.add(count(expected, id, actual, "page_views", expected.pageViews(), u == null ? 0 : u.pageViews()));
        rows.add(count(expected, id, actual, "clicks", expected.clicks(), u == null ? 0 : u.clicks()));
        rows.add(count(expected, id, actual, "add_to_cart", expected.addToCart(), u == null ? 0 : u.addToCart()));
        rows.add(count(expected, id, actual, "purchases", expected.purchases(), u == null ? 0 : u.purchases()));
        rows.add(count(expected, id, actual, "orders", expected.orders(), u == null ? 0 : u.orders()));
        rows.add(revenue(expected, actual, u));
        rows.add(decimal(expected, id, actual, "avg_order_value", avgOrderValue(expected.revenue(), expected.orders()), u != null));
        rows.add(uniqueVisitors(expected, actual, u));
        rows.add(rate(expected, actual, "ctr", expected.clicks(), expected.pageViews()));
        rows.add(rate(expected, actual, "cart_rate", expected.addToCart(), expected.pageViews()));
        rows.add(rate(expected, actual, "conversion_rate", expected.purchases(), expected.pageViews()));
        if (expected.sessions() != null) {
            rows.addAll(compareSessions(expected, actual));
        }
        return rows;
    }

    /**
     * The session fields of a KPI document (docs/architecture.md, "Sessions"): counts equal, rates
     * within {@value #RATE_TOLERANCE}, {@code open_sessions} between 0 and {@code sessions} (it depends
     * on when the job last wrote). Differences are uncertain when unacknowledged events may move sessions.
     */
    static List<Row> compareSessions(WindowKpis w, JsonNode doc) {
        Ledger.SessionTotals s = w.sessions();
        boolean uncertain = w.sessionFieldsUncertain();
        String id = w.documentId();
        List<Row> rows = new ArrayList<>();
        rows.add(count(w, id, doc, "sessions", s.sessions(), 0, uncertain));
        rows.add(count(w, id, doc, "bounced_sessions", s.bouncedSessions(), 0, uncertain));
        rows.add(ratio(w, id, doc, "bounce_rate", s.bouncedSessions(), s.sessions(), 1, uncertain));
        rows.add(ratio(w, id, doc, "avg_session_duration_s", s.durationMillis(), s.sessions(), 1000, uncertain));
        rows.add(ratio(w, id, doc, "pages_per_session", s.pageViews(), s.sessions(), 1, uncertain));
        JsonNode open = doc.get("open_sessions");
        String exp = "0…" + s.sessions();
        if (open == null || !open.isIntegralNumber()) {
            rows.add(row(w, id, "open_sessions", exp, open == null ? "absent" : open.toString(), Status.MISMATCH));
        } else {
            long actual = open.asLong();
            rows.add(row(w, id, "open_sessions", exp, Long.toString(actual), actual >= 0 && actual <= s.sessions()
                    ? Status.OK : uncertain ? Status.UNCERTAIN : Status.MISMATCH));
        }
        return rows;
    }

    /**
     * The funnel documents of one window: one per configured step ({@code funnel|…|<step>}) with every
     * field; a document for the step after the last is {@link Status#EXTRA}.
     *
     * @param funnelName the funnel's name ({@code funnel} field)
     */
    public static List<Row> compareFunnel(WindowKpis w, String funnelName, Map<String, JsonNode> docs) {
        List<Row> rows = new ArrayList<>();
        if (w.sessions() == null || w.funnel().isEmpty()) {
            return rows;
        }
        boolean uncertain = w.sessionFieldsUncertain();
        long windowSessions = w.sessions().sessions();
        long first = w.funnel().get(0).sessions();
        long previous = windowSessions;
        for (Ledger.FunnelCount step : w.funnel()) {
            String id = w.funnelDocumentId(step.step());
            JsonNode doc = docs.get(id);
            if (doc == null) {
                rows.add(row(w, id, "document", "present (step " + step.step() + ", " + step.sessions() + " sessions)",
                        "missing", uncertain ? Status.UNCERTAIN : Status.MISSING));
                previous = step.sessions();
                continue;
            }
            rows.add(text(w, id, doc, "granularity", w.granularity()));
            rows.add(instant(w, id, doc, "window_start", w.windowStart()));
            rows.add(instant(w, id, doc, "window_end", w.windowEnd()));
            rows.add(text(w, id, doc, "funnel", funnelName));
            rows.add(count(w, id, doc, "step", step.step(), 0, false));
            rows.add(text(w, id, doc, "step_name", step.stepName()));
            rows.add(count(w, id, doc, "sessions", step.sessions(), 0, uncertain));
            rows.add(count(w, id, doc, "drop_off", previous - step.sessions(), 0, uncertain));
            rows.add(ratio(w, id, doc, "conversion_rate", step.sessions(), first, 1, uncertain));
            if (step.step() == 1) {
                rows.add(ratio(w, id, doc, "step_conversion_rate", 1, 1, 1, false));
            } else {
                rows.add(ratio(w, id, doc, "step_conversion_rate", step.sessions(), previous, 1, uncertain));
            }
            previous = step.sessions();
        }
        String next = w.funnelDocumentId(w.funnel().size() + 1);
        JsonNode extra = docs.get(next);
        if (extra != null) {
            rows.add(row(w, next, "document", "absent (" + w.funnel().size() + " funnel steps)",
                    extra.path("step_name").asText() + " ×" + extra.path("sessions").asText(), Status.EXTRA));
        }
        return rows;
    }

    /** numerator ÷ (denominator × scale) as a double, 0 when the denominator is 0, within {@value #RATE_TOLERANCE}. */
    static Row ratio(WindowKpis w, String id, JsonNode doc, String field, long numerator, long denominator,
                             double scale, boolean uncertain) {
        double expected = denominator == 0 ? 0.0 : numerator / scale / denominator;
        String exp = String.format(Locale.ROOT, "%.6f", expected);
        JsonNode node = doc.get(field);
        if (node == null || !node.isNumber()) {
            return row(w, id, field, exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        double actual = node.asDouble();
        Status status = Math.abs(actual - expected) <= RATE_TOLERANCE ? Status.OK
                : uncertain ? Status.UNCERTAIN : Status.MISMATCH;
        return row(w, id, field, exp, String.format(Locale.ROOT, "%.6f", actual), status);
    }

    /**
     * The ranking documents of one window and dimension: {@code docs} maps rank document ids to their
     * sources (absent ids missing); ranks 1..{@code topN} are looked at.
     */
    public static List<Row> compareRanking(WindowKpis w, String dimension, Map<String, JsonNode> docs, int topN) {
        List<RankEntry> expected = "page".equals(dimension) ? w.topPages() : w.topProducts();
        boolean uncertain = w.unacknowledged() != null;
        List<Row> rows = new ArrayList<>();
        for (int rank = 1; rank <= topN; rank++) {
            String id = w.rankDocumentId(dimension, rank);
            JsonNode doc = docs.get(id);
            if (rank > expected.size()) {
                if (doc != null) {
                    rows.add(row(w, id, "document", "absent (" + expected.size() + " " + dimension + "s ranked)",
                            doc.path("key").asText() + " ×" + doc.path("count").asText(),
                            uncertain ? Status.UNCERTAIN : Status.EXTRA));
                }
                continue;
            }
            RankEntry e = expected.get(rank - 1);
            if (doc == null) {
                rows.add(row(w, id, "document", "present (" + e.key() + ")", "missing", uncertain ? Status.UNCERTAIN : Status.MISSING));
                continue;
            }
            rows.add(text(w, id, doc, "dimension", dimension));
            rows.add(text(w, id, doc, "key", e.key(), uncertain));
            rows.add(count(w, id, doc, "count", e.count(), 0, uncertain));
            rows.add(decimal(w, id, doc, "revenue", e.revenue().setScale(2, RoundingMode.HALF_UP), uncertain));
            rows.add(count(w, id, doc, "rank", rank, 0, false));
            rows.add(instant(w, id, doc, "window_start", w.windowStart()));
        }
        return rows;
    }

    static BigDecimal avgOrderValue(BigDecimal revenue, long orders) {
        return orders == 0 ? BigDecimal.ZERO.setScale(2) : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    }

    private static Row text(WindowKpis w, String id, JsonNode doc, String field, String expected) {
        return text(w, id, doc, field, expected, false);
    }

    static Row text(WindowKpis w, String id, JsonNode doc, String field, String expected, boolean uncertain) {
        JsonNode node = doc.get(field);
        String actual = node == null ? "absent" : node.asText();
        return row(w, id, field, expected, actual, expected.equals(actual) ? Status.OK : uncertain ? Status.UNCERTAIN : Status.MISMATCH);
    }

    static Row instant(WindowKpis w, String id, JsonNode doc, String field, Instant expected) {
        JsonNode node = doc.get(field);
        String actual = node == null ? "absent" : node.asText();
        boolean equal;
        try {
            equal = node != null && Instant.parse(actual).equals(expected);
        } catch (DateTimeParseException e) {
            equal = false;
        }
        return row(w, id, field, expected.toString(), actual, equal ? Status.OK : Status.MISMATCH);
    }

    private static Row count(WindowKpis w, String id, JsonNode doc, String field, long expected, long unacked) {
        return count(w, id, doc, field, expected, unacked, false);
    }

    static Row count(WindowKpis w, String id, JsonNode doc, String field, long expected, long unacked, boolean uncertain) {
        JsonNode node = doc.get(field);
        String exp = unacked == 0 ? Long.toString(expected) : expected + "…" + (expected + unacked);
        if (node == null || !node.isIntegralNumber()) {
            return row(w, id, field, exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        long actual = node.asLong();
        Status status = actual == expected ? Status.OK
                : (actual > expected && actual <= expected + unacked) || uncertain ? Status.UNCERTAIN : Status.MISMATCH;
        return row(w, id, field, exp, Long.toString(actual), status);
    }

    static Row decimal(WindowKpis w, String id, JsonNode doc, String field, BigDecimal expected, boolean uncertain) {
        JsonNode node = doc.get(field);
        if (node == null || !node.isNumber()) {
            return row(w, id, field, expected.toPlainString(), node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        BigDecimal actual = node.decimalValue();
        Status status = actual.compareTo(expected) == 0 ? Status.OK : uncertain ? Status.UNCERTAIN : Status.MISMATCH;
        return row(w, id, field, expected.toPlainString(), actual.toPlainString(), status);
    }

    private static Row rate(WindowKpis w, JsonNode doc, String field, long numerator, long denominator) {
        double expected = denominator == 0 ? 0.0 : (double) numerator / denominator;
        String id = w.documentId();
        JsonNode node = doc.get(field);
        String exp = String.format(Locale.ROOT, "%.6f", expected);
        if (node == null || !node.isNumber()) {
            return row(w, id, field, exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        double actual = node.asDouble();
        Status status = Math.abs(actual - expected) <= RATE_TOLERANCE ? Status.OK
                : w.unacknowledged() != null ? Status.UNCERTAIN : Status.MISMATCH;
        return row(w, id, field, exp, String.format(Locale.ROOT, "%.6f", actual), status);
    }

    private static Row revenue(WindowKpis w, JsonNode doc, Unacknowledged u) {
        BigDecimal expected = cents(w.revenue());
        BigDecimal upper = u == null ? expected : cents(w.revenue().add(u.revenue()));
        String exp = upper.equals(expected) ? expected.toPlainString() : expected.toPlainString() + "…" + upper.toPlainString();
        JsonNode node = doc.get("revenue");
        if (node == null || !node.isNumber()) {
            return row(w, w.documentId(), "revenue", exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
        }
        BigDecimal actual = cents(node.decimalValue());
        Status status = actual.compareTo(expected) == 0 ? Status.OK
                : actual.compareTo(expected) > 0 && actual.compareTo(upper) <= 0 ? Status.UNCERTAIN : Status.MISMATCH;
        return row(w, w.documentId(), "revenue", exp, actual.toPlainString(), status);
    }

    private static Row uniqueVisitors(WindowKpis w, JsonNode doc, Unacknowledged u) {
        long expected = w.uniqueVisitors();
        long upper = u == null ? expected : u.uniqueVisitorsMax();
        String exp = (upper == expected ? Long.toString(expected) : expected + "…" + upper)
                + " ±" + (long) Math.floor(uniqueVisitorsTolerance(upper));
        JsonNode node = doc.get("unique_visitors");
        if (node == null || !node.isNumber()) {
            return row(w, w.documentId(), "unique_visitors", exp, node == null ? "absent" : node.toString(), Status.MISMATCH);
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
        return row(w, w.documentId(), "unique_visitors", exp, Long.toString(actual), status);
    }

    static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    static Row row(WindowKpis w, String document, String metric, String expected, String actual, Status status) {
        return new Row(document, w.granularity(), w.windowStart(), metric, expected, actual, status);
    }
}
