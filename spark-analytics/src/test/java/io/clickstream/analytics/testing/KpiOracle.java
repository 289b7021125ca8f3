package io.clickstream.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.Dimensions;
import io.clickstream.event.EventJson;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The KPI documents a list of events must produce, computed the plain way (loop over events, loop
 * over the windows each belongs to): an oracle independent of Spark. {@code unique_visitors} is the
 * exact distinct count here; tests compare the job's approximate value within its error bound.
 * Sessions (the one-pass job's KPI fields and funnel documents, default gap and funnel) are computed
 * from all events at once: per user and session id, sorted by time, split where consecutive events lie
 * more than the gap apart, counted in the windows holding their end; the funnel by walking each
 * session's events in time order. {@code open_sessions} is every session here: when the job closes
 * one depends on the watermark's progress over batches ({@code KpiAssertions} bounds it).
 * Breakdown documents too: each event's dimension values from its JSON by the {@code dimensions}
 * module, ranked and capped with the job's default {@code --breakdown-top} (no pane cap is reached).
 */
public final class KpiOracle {

    private KpiOracle() {
    }

    private static final class Acc {
        long pageViews, clicks, addToCart, purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        Set<String> users = new HashSet<>();
        Map<String, long[]> pages = new HashMap<>();
        Map<String, long[]> products = new HashMap<>();
        long sessions, bounced, durationMillis, sessionPages;
        long[] reached = new long[FUNNEL.size()];
        /** Per dimension and value: page views, clicks, carts, purchases, orders, revenue cents; and its visitors. */
        Map<Dimension, Map<String, long[]>> breakdowns = new TreeMap<>();
        Map<Dimension, Map<String, Set<String>>> breakdownUsers = new TreeMap<>();
    }

    private static final Duration GAP = Duration.ofMinutes(30);
    private static final List<String> FUNNEL = List.of("page_view", "add_to_cart", "purchase");

    /** Expected documents by id (without updated_at), for a sliding window and the hourly roll-up. */
    public static Map<String, JsonNode> expected(List<Scenario.Event> events, Duration size, Duration slide,
                                                 String granularity, int topN) {
        Map<String, Scenario.Event> distinct = new LinkedHashMap<>();
        events.forEach(e -> distinct.putIfAbsent(e.id(), e));
        Map<String, Map<Instant, Acc>> byGranularity = new LinkedHashMap<>();
        byGranularity.put(granularity, new TreeMap<>());
        byGranularity.put("1h", new TreeMap<>());
        for (Scenario.Event e : distinct.values()) {
            long t = e.ts().toEpochMilli();
            long sl = slide.toMillis();
            long lastStart = t - Math.floorMod(t, sl);
            for (long s = lastStart; s > t - size.toMillis(); s -= sl) {
                add(byGranularity.get(granularity).computeIfAbsent(Instant.ofEpochMilli(s), k -> new Acc()), e);
            }
            long hour = t - Math.floorMod(t, 3_600_000L);
            add(byGranularity.get("1h").computeIfAbsent(Instant.ofEpochMilli(hour), k -> new Acc()), e);
        }
        sessions(distinct.values(), (end, session) -> {
            long sl = slide.toMillis();
            long lastStart = end - Math.floorMod(end, sl);
            for (long s = lastStart; s > end - size.toMillis(); s -= sl) {
                addSession(byGranularity.get(granularity).get(Instant.ofEpochMilli(s)), session);
            }
            addSession(byGranularity.get("1h").get(Instant.ofEpochMilli(end - Math.floorMod(end, 3_600_000L))), session);
        });
        ExpectedDocs docs = new ExpectedDocs();
        byGranularity.forEach((g, windows) -> {
            Duration len = g.equals("1h") ? Duration.ofHours(1) : size;
            windows.forEach((start, a) -> {
                String aov = a.purchases == 0 ? "0.00"
                        : a.revenue.divide(BigDecimal.valueOf(a.purchases), 2, RoundingMode.HALF_UP).toPlainString();
                docs.kpi(g, start.toString(), len, a.pageViews, a.clicks, a.addToCart, a.purchases,
                        a.revenue.setScale(2, RoundingMode.HALF_UP).toPlainString(), aov, a.users.size());
                docs.sessions(g, start.toString(), a.sessions, a.bounced, a.durationMillis, a.sessionPages);
                docs.funnel(g, start.toString(), len, "default", FUNNEL, a.sessions, a.reached);
                rank(docs, g, start, len, "page", a.pages, topN);
                rank(docs, g, start, len, "product", a.products, topN);
                breakdowns(docs, g, start, len, a, AnalyticsConfig.defaults().breakdownTop());
            });
        });
        return docs.docs();
    }

    /** A session: [start, end, events, page views, funnel steps reached]. */
    private static void sessions(Iterable<Scenario.Event> events, java.util.function.BiConsumer<Long, long[]> atEnd) {
        Map<String, List<Scenario.Event>> byUser = new TreeMap<>();
        for (Scenario.Event e : events) {
            byUser.computeIfAbsent(e.user(), u -> new java.util.ArrayList<>()).add(e);
        }
        for (List<Scenario.Event> user : byUser.values()) {
            user.sort(java.util.Comparator.comparing(Scenario.Event::ts));
            int from = 0;
            for (int i = 1; i <= user.size(); i++) {
                if (i == user.size() || user.get(i).ts().toEpochMilli() - user.get(i - 1).ts().toEpochMilli() > GAP.toMillis()) {
                    List<Scenario.Event> session = user.subList(from, i);
                    long pages = session.stream().filter(e -> e.type().equals("page_view")).count();
                    int step = 0;
                    for (Scenario.Event e : session) {
                        if (step < FUNNEL.size() && e.type().equals(FUNNEL.get(step))) {
                            step++;
                        }
                    }
                    long start = session.get(0).ts().toEpochMilli();
                    long end = session.get(session.size() - 1).ts().toEpochMilli();
                    atEnd.accept(end, new long[] {start, end, session.size(), pages, step});
                    from = i;
                }
            }
        }
    }

    private static void addSession(Acc a, long[] session) {
        a.sessions++;
        a.bounced += session[2] == 1 && session[3] == 1 ? 1 : 0;
        a.durationMillis += session[1] - session[0];
        a.sessionPages += session[3];
        for (int k = 0; k < session[4]; k++) {
            a.reached[k]++;
        }
    }

    private static void add(Acc a, Scenario.Event e) {
        a.users.add(e.user());
        Dimensions values = dimensions(e);
        for (Dimension d : Dimension.values()) {
            long[] c = a.breakdowns.computeIfAbsent(d, k -> new HashMap<>()).computeIfAbsent(values.value(d), k -> new long[6]);
            a.breakdownUsers.computeIfAbsent(d, k -> new HashMap<>()).computeIfAbsent(values.value(d), k -> new HashSet<>())
                    .add(e.user());
            switch (e.type()) {
                case "page_view" -> c[0]++;
                case "click" -> c[1]++;
                case "add_to_cart" -> c[2]++;
                default -> {
                    c[3]++;
                    c[4]++;
                    c[5] += e.revenue().movePointRight(2).longValueExact();
                }
            }
        }
        switch (e.type()) {
            case "page_view" -> {
                a.pageViews++;
                a.pages.computeIfAbsent(e.path(), k -> new long[2])[0]++;
            }
            case "click" -> a.clicks++;
            case "add_to_cart" -> a.addToCart++;
            default -> {
                a.purchases++;
                a.revenue = a.revenue.add(e.revenue());
                for (Scenario.Item i : e.items()) {
                    long[] c = a.products.computeIfAbsent(i.productId(), k -> new long[2]);
                    c[0] += i.quantity();
                    c[1] += i.price().multiply(BigDecimal.valueOf(i.quantity())).movePointRight(2).longValueExact();
                }
            }
        }
    }

    private static Dimensions dimensions(Scenario.Event e) {
        try {
            JsonNode json = EventJson.mapper().readTree(e.json());
            JsonNode page = json.path("page");
            return Dimensions.of(text(json.path("site")), text(page.path("url")), text(page.path("referrer")),
                    text(json.path("context").path("user_agent")), page.isObject());
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /** Per dimension: the top values by page views desc, all events desc, key asc; the rest summed as other. */
    private static void breakdowns(ExpectedDocs docs, String g, Instant start, Duration len, Acc a, int top) {
        a.breakdowns.forEach((d, values) -> {
            List<String> order = values.keySet().stream().sorted((x, y) -> {
                long[] cx = values.get(x);
                long[] cy = values.get(y);
                int c = Long.compare(cy[0], cx[0]);
                if (c != 0) {
                    return c;
                }
                c = Long.compare(cy[0] + cy[1] + cy[2] + cy[3], cx[0] + cx[1] + cx[2] + cx[3]);
                return c != 0 ? c : x.compareTo(y);
            }).collect(Collectors.toList());
            int kept = Math.min(top, order.size());
            for (int i = 0; i < kept; i++) {
                docs.breakdown(g, start.toString(), len, d.field(), i + 1, order.get(i), values.get(order.get(i)),
                        a.breakdownUsers.get(d).get(order.get(i)).size());
            }
            if (kept < order.size()) {
                long[] other = new long[6];
                Set<String> users = new HashSet<>();
                for (String key : order.subList(kept, order.size())) {
                    for (int i = 0; i < 6; i++) {
                        other[i] += values.get(key)[i];
                    }
                    users.addAll(a.breakdownUsers.get(d).get(key));
                }
                docs.breakdown(g, start.toString(), len, d.field(), kept + 1, Dimensions.OTHER, other, users.size());
            }
        });
    }

    private static void rank(ExpectedDocs docs, String g, Instant start, Duration len, String dimension,
                             Map<String, long[]> tally, int topN) {
        List<Map.Entry<String, long[]>> sorted = tally.entrySet().stream()
                .sorted((x, y) -> {
                    int c = Long.compare(y.getValue()[0], x.getValue()[0]);
                    if (c != 0) {
                        return c;
                    }
                    c = Long.compare(y.getValue()[1], x.getValue()[1]);
                    return c != 0 ? c : x.getKey().compareTo(y.getKey());
                })
                .limit(topN).toList();
        for (int i = 0; i < sorted.size(); i++) {
            var e = sorted.get(i);
            docs.top(g, start.toString(), len, dimension, i + 1, e.getKey(), e.getValue()[0],
                    BigDecimal.valueOf(e.getValue()[1], 2).toPlainString());
        }
    }
}
