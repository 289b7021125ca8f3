package io.clickstream.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Hand-written expected KPI documents, keyed by id, without {@code updated_at}. */
public final class ExpectedDocs {

    private final Map<String, JsonNode> docs = new TreeMap<>();

    /** A KPI document. Ratios are computed here from the counts, the way the contract defines them. */
    public ExpectedDocs kpi(String granularity, String start, Duration size, long pageViews, long clicks, long addToCart,
                            long purchases, String revenue, String avgOrderValue, long uniqueVisitors) {
        Instant s = Instant.parse(start);
        ObjectNode d = EventJson.mapper().createObjectNode()
                .put("granularity", granularity)
                .put("window_start", s.toString())
                .put("window_end", s.plus(size).toString())
                .put("page_views", pageViews).put("clicks", clicks).put("add_to_cart", addToCart)
                .put("purchases", purchases).put("orders", purchases)
                .put("revenue", new BigDecimal(revenue)).put("avg_order_value", new BigDecimal(avgOrderValue))
                .put("unique_visitors", uniqueVisitors)
                .put("ctr", pageViews == 0 ? 0.0 : (double) clicks / pageViews)
                .put("cart_rate", pageViews == 0 ? 0.0 : (double) addToCart / pageViews)
                .put("conversion_rate", pageViews == 0 ? 0.0 : (double) purchases / pageViews);
        docs.put("kpi|" + granularity + "|" + s.toEpochMilli(), reparsed(d));
        return this;
    }

    /** Adds the session fields to the KPI document of that window ({@code open_sessions}: every session). */
    public ExpectedDocs sessions(String granularity, String start, long sessions, long bounced, long durationMillis, long pages) {
        String id = "kpi|" + granularity + "|" + Instant.parse(start).toEpochMilli();
        ObjectNode d = (ObjectNode) docs.get(id);
        d.put("sessions", sessions).put("bounced_sessions", bounced)
                .put("bounce_rate", sessions == 0 ? 0.0 : (double) bounced / sessions)
                .put("avg_session_duration_s", sessions == 0 ? 0.0 : (double) durationMillis / sessions / 1000.0)
                .put("pages_per_session", sessions == 0 ? 0.0 : (double) pages / sessions)
                .put("open_sessions", sessions);
        docs.put(id, reparsed(d));
        return this;
    }

    /** The funnel documents of a window; {@code reached[k]}: sessions that reached step k + 1. */
    public ExpectedDocs funnel(String granularity, String start, Duration size, String name, java.util.List<String> steps,
                               long sessions, long[] reached) {
        Instant s = Instant.parse(start);
        for (int step = 1; step <= steps.size(); step++) {
            long r = reached[step - 1];
            long previous = step == 1 ? sessions : reached[step - 2];
            ObjectNode d = EventJson.mapper().createObjectNode()
                    .put("granularity", granularity)
                    .put("window_start", s.toString())
                    .put("window_end", s.plus(size).toString())
                    .put("funnel", name).put("step", step).put("step_name", steps.get(step - 1))
                    .put("sessions", r).put("drop_off", previous - r)
                    .put("conversion_rate", reached[0] == 0 ? 0.0 : (double) r / reached[0])
                    .put("step_conversion_rate", step == 1 ? 1.0 : previous == 0 ? 0.0 : (double) r / previous);
            docs.put("funnel|" + granularity + "|" + s.toEpochMilli() + "|" + step, reparsed(d));
        }
        return this;
    }

    public ExpectedDocs top(String granularity, String start, Duration size, String dimension, int rank, String key,
                            long count, String revenue) {
        Instant s = Instant.parse(start);
        ObjectNode d = EventJson.mapper().createObjectNode()
                .put("granularity", granularity)
                .put("window_start", s.toString())
                .put("window_end", s.plus(size).toString())
                .put("dimension", dimension).put("key", key).put("count", count)
                .put("revenue", new BigDecimal(revenue)).put("rank", rank);
        docs.put("top|" + granularity + "|" + s.toEpochMilli() + "|" + dimension + "|" + rank, reparsed(d));
        return this;
    }

    /** A breakdown document from its counters: page views, clicks, carts, purchases, orders, revenue cents. */
    public ExpectedDocs breakdown(String granularity, String start, Duration size, String dimension, int rank, String key,
                                  long[] c, long uniqueVisitors) {
        Instant s = Instant.parse(start);
        BigDecimal revenue = BigDecimal.valueOf(c[5], 2);
        ObjectNode d = EventJson.mapper().createObjectNode()
                .put("granularity", granularity)
                .put("window_start", s.toString())
                .put("window_end", s.plus(size).toString())
                .put("dimension", dimension).put("key", key).put("rank", rank)
                .put("page_views", c[0]).put("clicks", c[1]).put("add_to_cart", c[2])
                .put("purchases", c[3]).put("orders", c[4])
                .put("revenue", revenue)
                .put("avg_order_value", c[4] == 0 ? BigDecimal.ZERO.setScale(2)
                        : revenue.divide(BigDecimal.valueOf(c[4]), 2, java.math.RoundingMode.HALF_UP))
                .put("unique_visitors", uniqueVisitors)
                .put("ctr", c[0] == 0 ? 0.0 : (double) c[1] / c[0])
                .put("cart_rate", c[0] == 0 ? 0.0 : (double) c[2] / c[0])
                .put("conversion_rate", c[0] == 0 ? 0.0 : (double) c[3] / c[0]);
        docs.put("breakdown|" + granularity + "|" + s.toEpochMilli() + "|" + dimension + "|" + rank, reparsed(d));
        return this;
    }

    /** Numbers as a JSON parser reads them back, so that 47.49 equals 47.49 whatever Java type wrote it. */
    private static JsonNode reparsed(JsonNode node) {
        try {
            return EventJson.mapper().readTree(node.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, JsonNode> docs() {
        return docs;
    }
}
