package io.clickstream.gateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Elasticsearch prepared the way spark-analytics prepares it: its index templates, read from the
 * job's resource files ({@code -Dgateway.it.templates-dir}; not under {@code clickstream.*}, which is the gateway's config root), installed with their aliases and the
 * {@code -v1} indices; documents with the job's ids, field names and value formats (DEVELOPERS.md,
 * "Elasticsearch documents"). The templates' mappings are {@code dynamic: strict}, so a field the job
 * does not write would be refused here.
 */
final class JobDocuments {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JobDocuments() {}

    static void installTemplates(String es) {
        Path dir = Path.of(System.getProperty("gateway.it.templates-dir", "../spark-analytics/src/main/resources/elasticsearch"));
        for (String name : List.of("clickstream-kpis", "clickstream-alerts", "clickstream-rejects")) {
            try {
                send(es, "PUT", "/_index_template/" + name, Files.readString(dir.resolve(name + ".template.json")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the job's template " + name + " in " + dir.toAbsolutePath(), e);
            }
            send(es, "PUT", "/" + name + "-v1", "{}");
        }
    }

    static String kpi(Instant start, long pageViews, long clicks, long carts, long purchases, String revenue, long visitors,
                      Instant updatedAt) {
        long orders = purchases;
        double aov = orders == 0 ? 0 : Math.round(Double.parseDouble(revenue) / orders * 100) / 100.0;
        return "{\"granularity\":\"60s/10s\",\"window_start\":\"" + start + "\",\"window_end\":\"" + start.plusSeconds(60) + "\","
                + "\"page_views\":" + pageViews + ",\"clicks\":" + clicks + ",\"add_to_cart\":" + carts + ",\"purchases\":" + purchases
                + ",\"orders\":" + orders + ",\"revenue\":" + revenue + ",\"avg_order_value\":" + aov
                + ",\"unique_visitors\":" + visitors + ",\"ctr\":" + ratio(clicks, pageViews) + ",\"cart_rate\":" + ratio(carts, pageViews)
                + ",\"conversion_rate\":" + ratio(purchases, pageViews) + ",\"updated_at\":\"" + updatedAt + "\"}";
    }

    /** A KPI document with the session fields the job adds to it (docs/architecture.md, "Sessions"). */
    static String withSessions(String kpi, long sessions, long bounced, double avgDurationS, double pagesPerSession, long open) {
        return kpi.substring(0, kpi.length() - 1) + ",\"sessions\":" + sessions + ",\"bounced_sessions\":" + bounced
                + ",\"bounce_rate\":" + ratio(bounced, sessions) + ",\"avg_session_duration_s\":" + avgDurationS
                + ",\"pages_per_session\":" + pagesPerSession + ",\"open_sessions\":" + open + "}";
    }

    /**
     * The step documents of one window's funnel: {@code reached[k]} sessions reached step k + 1 of
     * {@code steps}; {@code windowSessions} is every session of the window (step 1's drop-off is those
     * that did not reach it).
     */
    static List<String> funnel(Instant start, List<String> steps, long windowSessions, long[] reached, Instant updatedAt) {
        List<String> docs = new java.util.ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            long previous = k == 0 ? windowSessions : reached[k - 1];
            docs.add("{\"granularity\":\"60s/10s\",\"window_start\":\"" + start + "\",\"window_end\":\"" + start.plusSeconds(60)
                    + "\",\"funnel\":\"default\",\"step\":" + (k + 1) + ",\"step_name\":\"" + steps.get(k) + "\",\"sessions\":"
                    + reached[k] + ",\"drop_off\":" + (previous - reached[k]) + ",\"conversion_rate\":" + ratio(reached[k], reached[0])
                    + ",\"step_conversion_rate\":" + (k == 0 ? 1.0 : ratio(reached[k], previous)) + ",\"updated_at\":\"" + updatedAt + "\"}");
        }
        return docs;
    }

    static String funnelId(String granularity, Instant start, int step) {
        return "funnel|" + granularity + "|" + start.toEpochMilli() + "|" + step;
    }

    /** One breakdown document: the core KPIs of one value ({@code key}) of a dimension in one window. */
    static String breakdown(Instant start, String dimension, String key, int rank, long pageViews, long clicks, long carts,
                            long purchases, String revenue, long visitors, Instant updatedAt) {
        double aov = purchases == 0 ? 0 : Math.round(Double.parseDouble(revenue) / purchases * 100) / 100.0;
        return "{\"granularity\":\"60s/10s\",\"window_start\":\"" + start + "\",\"window_end\":\"" + start.plusSeconds(60)
                + "\",\"dimension\":\"" + dimension + "\",\"key\":\"" + key + "\",\"rank\":" + rank
                + ",\"page_views\":" + pageViews + ",\"clicks\":" + clicks + ",\"add_to_cart\":" + carts + ",\"purchases\":" + purchases
                + ",\"orders\":" + purchases + ",\"revenue\":" + revenue + ",\"avg_order_value\":" + aov
                + ",\"unique_visitors\":" + visitors + ",\"ctr\":" + ratio(clicks, pageViews) + ",\"cart_rate\":" + ratio(carts, pageViews)
                + ",\"conversion_rate\":" + ratio(purchases, pageViews) + ",\"updated_at\":\"" + updatedAt + "\"}";
    }

    static String breakdownId(String granularity, Instant start, String dimension, int rank) {
        return "breakdown|" + granularity + "|" + start.toEpochMilli() + "|" + dimension + "|" + rank;
    }

    static String kpiId(String granularity, Instant start) {
        return "kpi|" + granularity + "|" + start.toEpochMilli();
    }

    static String top(String granularity, Instant start, Instant end, String dimension, String key, long count, String revenue,
                      int rank, Instant updatedAt) {
        return "{\"dimension\":\"" + dimension + "\",\"key\":\"" + key + "\",\"count\":" + count + ",\"revenue\":" + revenue
                + ",\"rank\":" + rank + ",\"updated_at\":\"" + updatedAt + "\",\"granularity\":\"" + granularity
                + "\",\"window_start\":\"" + start + "\",\"window_end\":\"" + end + "\"}";
    }

    static String topId(String granularity, Instant start, String dimension, int rank) {
        return "top|" + granularity + "|" + start.toEpochMilli() + "|" + dimension + "|" + rank;
    }

    static String alert(String rule, String severity, String entity, Instant windowStart, Instant windowEnd, double observed,
                        double threshold, Instant updatedAt) {
        return "{\"rule\":\"" + rule + "\",\"severity\":\"" + severity + "\",\"entity\":\"" + entity + "\",\"window_start\":\""
                + windowStart + "\",\"window_end\":\"" + windowEnd + "\",\"observed\":" + observed + ",\"threshold\":" + threshold
                + ",\"first_seen\":\"" + windowStart + "\",\"updated_at\":\"" + updatedAt + "\",\"sample_event_ids\":[\"e-1\",\"e-2\"]}";
    }

    static String alertId(String rule, String entity, Instant episodeStart) {
        return "alert|" + rule + "|" + entity + "|" + episodeStart.toEpochMilli();
    }

    /** One document, indexed through the alias with the job's id, searchable at once. */
    static void index(String es, String alias, String id, String json) {
        send(es, "PUT", "/" + alias + "/_doc/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                + "?refresh=true", json);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    private static void send(String es, String method, String path, String body) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(es + path))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300 && !(r.statusCode() == 400 && r.body().contains("resource_already_exists"))) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
