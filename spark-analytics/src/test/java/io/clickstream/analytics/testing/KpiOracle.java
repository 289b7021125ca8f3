package io.clickstream.analytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The KPI documents a list of events must produce, computed the plain way (loop over events, loop
 * over the windows each belongs to): an oracle independent of Spark. {@code unique_visitors} is the
 * exact distinct count here; tests compare the job's approximate value within its error bound.
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
    }

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
        ExpectedDocs docs = new ExpectedDocs();
        byGranularity.forEach((g, windows) -> {
            Duration len = g.equals("1h") ? Duration.ofHours(1) : size;
            windows.forEach((start, a) -> {
                String aov = a.purchases == 0 ? "0.00"
                        : a.revenue.divide(BigDecimal.valueOf(a.purchases), 2, RoundingMode.HALF_UP).toPlainString();
                docs.kpi(g, start.toString(), len, a.pageViews, a.clicks, a.addToCart, a.purchases,
                        a.revenue.setScale(2, RoundingMode.HALF_UP).toPlainString(), aov, a.users.size());
                rank(docs, g, start, len, "page", a.pages, topN);
                rank(docs, g, start, len, "product", a.products, topN);
            });
        });
        return docs.docs();
    }

    private static void add(Acc a, Scenario.Event e) {
        a.users.add(e.user());
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
