package io.clickstream.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Generates {@code grafana/dashboards/clickstream.json}: the same panels as the Kibana dashboard, on
 * the Elasticsearch datasources of {@code grafana/provisioning/datasources/clickstream.yaml} (fixed
 * uids), with the alerts as an annotation layer. As in Kibana, a series takes the maximum per 10 s
 * bucket of {@code window_start}: the one sliding window that starts there.
 */
final class GrafanaDashboard {

    static final String KPIS_UID = "clickstream-es";
    static final String ALERTS_UID = "clickstream-es-alerts";
    static final String REJECTS_UID = "clickstream-es-rejects";
    static final String DASHBOARD_UID = "clickstream-realtime";

    /** KPI windows only: top-N and breakdown documents carry a dimension, funnel documents a step. */
    private static final String KPI_QUERY = "granularity:\"60s/10s\" AND NOT _exists_:dimension AND NOT _exists_:step";
    private static final String FUNNEL_QUERY = "granularity:\"60s/10s\" AND _exists_:step";
    /** The template variable choosing the breakdown table's dimension. */
    static final String DIMENSION_VARIABLE = "dimension";
    /** The breakdown documents' dimensions (docs/architecture.md, "Breakdown"). */
    static final List<String> BREAKDOWN_DIMENSIONS = List.of("site", "referrer", "utm_source", "utm_medium", "utm_campaign",
            "device", "browser", "os");

    private GrafanaDashboard() {}

    record Series(String alias, String field) {}

    static String json() {
        return Json.pretty(dashboard());
    }

    static ObjectNode dashboard() {
        ObjectNode d = Json.object();
        ObjectNode annotations = d.putObject("annotations");
        ArrayNode list = annotations.putArray("list");
        ObjectNode alerts = list.addObject();
        alerts.set("datasource", datasource(ALERTS_UID));
        alerts.put("enable", true);
        alerts.put("iconColor", "red");
        alerts.put("name", "Alerts");
        ObjectNode target = alerts.putObject("target");
        target.put("limit", 100);
        target.put("query", "*");
        alerts.put("tagsField", "severity");
        alerts.put("textField", "rule");
        alerts.put("timeEndField", "window_end");
        alerts.put("timeField", "window_start");

        d.put("description", "Clickstream KPIs, rankings, alerts and rejects as spark-analytics writes them");
        d.put("editable", true);
        d.put("graphTooltip", 1);
        ArrayNode panels = d.putArray("panels");
        int id = 1;
        panels.add(stat(id++, "Conversion rate (latest window)", "conversion_rate", "percentunit", 0, 0));
        panels.add(stat(id++, "Revenue (latest window)", "revenue", "none", 6, 0));
        panels.add(stat(id++, "Unique visitors (latest window)", "unique_visitors", "none", 12, 0));
        panels.add(stat(id++, "Purchases (latest window)", "purchases", "none", 18, 0));
        panels.add(timeSeries(id++, "Views, clicks, carts, purchases per 60 s window", "none", 0, 5,
                List.of(new Series("page views", "page_views"), new Series("clicks", "clicks"),
                        new Series("add to cart", "add_to_cart"), new Series("purchases", "purchases"))));
        panels.add(timeSeries(id++, "Conversion rate and CTR", "percentunit", 12, 5,
                List.of(new Series("conversion rate", "conversion_rate"), new Series("CTR", "ctr"),
                        new Series("cart rate", "cart_rate"))));
        panels.add(timeSeries(id++, "Revenue and average order value per 60 s window", "none", 0, 14,
                List.of(new Series("revenue", "revenue"), new Series("average order value", "avg_order_value"))));
        panels.add(timeSeries(id++, "Unique visitors per 60 s window", "none", 12, 14,
                List.of(new Series("unique visitors", "unique_visitors"))));
        panels.add(ranking(id++, "Top pages (views in their busiest 60 s window)", "page", 0, 23));
        panels.add(ranking(id++, "Top products (units in their busiest 60 s window)", "product", 12, 23));
        panels.add(alertsByRule(id++, 0, 33));
        panels.add(latestAlerts(id++, 8, 33));
        panels.add(rejectsByReason(id++, 0, 43));
        panels.add(stat(id++, "Sessions (latest window)", "sessions", "none", 0, 51));
        panels.add(stat(id++, "Bounce rate (latest window)", "bounce_rate", "percentunit", 6, 51));
        panels.add(stat(id++, "Average session duration (latest window)", "avg_session_duration_s", "s", 12, 51));
        panels.add(stat(id++, "Pages per session (latest window)", "pages_per_session", "none", 18, 51));
        panels.add(timeSeries(id++, "Sessions and bounced sessions per 60 s window", "none", 0, 56,
                List.of(new Series("sessions", "sessions"), new Series("bounced sessions", "bounced_sessions"),
                        new Series("open sessions", "open_sessions"))));
        panels.add(funnel(id++, 12, 56));
        panels.add(breakdownTable(id, 0, 65));

        d.put("refresh", "5s");
        d.put("schemaVersion", 39);
        ArrayNode tags = d.putArray("tags");
        tags.add("clickstream");
        d.putObject("templating").putArray("list").add(dimensionVariable());
        ObjectNode time = d.putObject("time");
        time.put("from", "now-15m");
        time.put("to", "now");
        d.putObject("timepicker").putArray("refresh_intervals").add("5s").add("10s").add("30s").add("1m");
        d.put("timezone", "utc");
        d.put("title", "Clickstream — real time");
        d.put("uid", DASHBOARD_UID);
        d.put("version", 1);
        return d;
    }

    private static ObjectNode stat(int id, String title, String field, String unit, int x, int y) {
        ObjectNode p = panel(id, "stat", title, x, y, 6, 5);
        defaults(p, unit);
        ObjectNode options = p.putObject("options");
        options.put("colorMode", "value");
        options.put("graphMode", "area");
        ObjectNode reduce = options.putObject("reduceOptions");
        reduce.putArray("calcs").add("lastNotNull");
        reduce.put("fields", "");
        reduce.put("values", false);
        p.putArray("targets").add(kpiSeries("A", new Series(title, field)));
        return p;
    }

    private static ObjectNode timeSeries(int id, String title, String unit, int x, int y, List<Series> series) {
        ObjectNode p = panel(id, "timeseries", title, x, y, 12, 9);
        defaults(p, unit);
        p.putObject("options").putObject("legend").put("displayMode", "list").put("placement", "bottom").put("showLegend", true);
        ArrayNode targets = p.putArray("targets");
        for (int i = 0; i < series.size(); i++) {
            targets.add(kpiSeries(String.valueOf((char) ('A' + i)), series.get(i)));
        }
        return p;
    }

    private static ObjectNode ranking(int id, String title, String dimension, int x, int y) {
        ObjectNode p = panel(id, "bargauge", title, x, y, 12, 10);
        defaults(p, "none");
        p.putObject("options").put("displayMode", "basic").put("orientation", "horizontal");
        ObjectNode t = target("A", KPIS_UID, "granularity:\"60s/10s\" AND dimension:" + dimension);
        t.putArray("metrics").addObject().put("id", "1").put("type", "max").put("field", "count");
        t.putArray("bucketAggs").add(terms("2", "key", 10, "1"));
        p.putArray("targets").add(t);
        return p;
    }

    /**
     * The funnel of the latest window as bars: per step (ordered by its number, labelled with its name)
     * the sessions that reached it and those that dropped off before it, each the value of the newest
     * funnel document of that step ({@code top_metrics} by {@code window_start}).
     */
    private static ObjectNode funnel(int id, int x, int y) {
        ObjectNode p = panel(id, "barchart", "Funnel (latest window): sessions per step and drop-off", x, y, 12, 9, KPIS_UID);
        defaults(p, "none");
        ObjectNode options = p.putObject("options");
        options.put("orientation", "vertical");
        options.put("stacking", "normal");
        options.put("xField", "step_name");
        options.putObject("legend").put("displayMode", "list").put("placement", "bottom").put("showLegend", true);
        ObjectNode t = target("A", KPIS_UID, FUNNEL_QUERY);
        t.putArray("metrics").add(latest("1", "sessions", "drop_off"));
        ArrayNode buckets = t.putArray("bucketAggs");
        buckets.add(terms("2", "step", 20, "_term"));
        ((ObjectNode) buckets.get(0).path("settings")).put("order", "asc");
        buckets.add(terms("3", "step_name", 1, "_term"));
        p.putArray("targets").add(t);
        ObjectNode organize = p.putArray("transformations").addObject();
        organize.put("id", "organize");
        organize.putObject("options").putObject("excludeByName").put("step", true);
        return p;
    }

    /** The core KPIs per value of the dimension the {@code $dimension} variable names, latest window. */
    private static ObjectNode breakdownTable(int id, int x, int y) {
        ObjectNode p = panel(id, "table", "KPIs by $" + DIMENSION_VARIABLE + " (latest window)", x, y, 24, 10, KPIS_UID);
        defaults(p, "none");
        ObjectNode t = target("A", KPIS_UID, "granularity:\"60s/10s\" AND dimension:\"$" + DIMENSION_VARIABLE + "\"");
        ArrayNode metrics = t.putArray("metrics");
        metrics.addObject().put("id", "1").put("type", "max").put("field", "page_views");
        metrics.add(latest("2", "page_views", "clicks", "add_to_cart", "purchases", "revenue", "conversion_rate", "unique_visitors"));
        t.putArray("bucketAggs").add(terms("3", "key", 20, "1"));
        p.putArray("targets").add(t);
        return p;
    }

    /** The values of the newest document ({@code top_metrics} ordered by {@code window_start}) in a bucket. */
    private static ObjectNode latest(String id, String... fields) {
        ObjectNode m = Json.object();
        m.put("id", id);
        ObjectNode settings = m.putObject("settings");
        ArrayNode names = settings.putArray("metrics");
        for (String f : fields) {
            names.add(f);
        }
        settings.put("order", "desc");
        settings.put("orderBy", "window_start");
        m.put("type", "top_metrics");
        return m;
    }

    /** A custom variable: the eight breakdown dimensions, {@code site} first and selected. */
    private static ObjectNode dimensionVariable() {
        ObjectNode v = Json.object();
        ObjectNode current = v.putObject("current");
        current.put("selected", true);
        current.put("text", "site");
        current.put("value", "site");
        v.put("description", "The dimension of the breakdown table");
        v.put("hide", 0);
        v.put("includeAll", false);
        v.put("label", "Dimension");
        v.put("multi", false);
        v.put("name", DIMENSION_VARIABLE);
        ArrayNode options = v.putArray("options");
        for (String d : BREAKDOWN_DIMENSIONS) {
            ObjectNode o = options.addObject();
            o.put("selected", d.equals("site"));
            o.put("text", d);
            o.put("value", d);
        }
        v.put("query", String.join(",", BREAKDOWN_DIMENSIONS));
        v.put("type", "custom");
        return v;
    }

    private static ObjectNode alertsByRule(int id, int x, int y) {
        ObjectNode p = panel(id, "bargauge", "Alerts by rule and severity", x, y, 8, 10);
        defaults(p, "none");
        p.putObject("options").put("displayMode", "basic").put("orientation", "horizontal");
        ObjectNode t = target("A", ALERTS_UID, "*");
        t.putArray("metrics").addObject().put("id", "1").put("type", "count");
        ArrayNode buckets = t.putArray("bucketAggs");
        buckets.add(terms("2", "rule", 10, "_count"));
        buckets.add(terms("3", "severity", 3, "_count"));
        p.putArray("targets").add(t);
        return p;
    }

    private static ObjectNode latestAlerts(int id, int x, int y) {
        ObjectNode p = panel(id, "table", "Latest alerts", x, y, 16, 10);
        defaults(p, "none");
        ObjectNode t = target("A", ALERTS_UID, "*");
        ObjectNode raw = t.putArray("metrics").addObject();
        raw.put("id", "1");
        raw.put("type", "raw_data");
        raw.putObject("settings").put("size", "20");
        t.putArray("bucketAggs");
        p.putArray("targets").add(t);
        ObjectNode organize = p.putArray("transformations").addObject();
        organize.put("id", "organize");
        ObjectNode excluded = organize.putObject("options").putObject("excludeByName");
        excluded.put("_id", true);
        excluded.put("_index", true);
        excluded.put("_type", true);
        excluded.put("sample_event_ids", true);
        excluded.put("highlight", true);
        excluded.put("sort", true);
        return p;
    }

    private static ObjectNode rejectsByReason(int id, int x, int y) {
        ObjectNode p = panel(id, "bargauge", "Rejects by reason", x, y, 24, 8);
        defaults(p, "none");
        p.putObject("options").put("displayMode", "basic").put("orientation", "horizontal");
        ObjectNode t = target("A", REJECTS_UID, "*");
        t.putArray("metrics").addObject().put("id", "1").put("type", "count");
        t.putArray("bucketAggs").add(terms("2", "reason.keyword", 10, "_count"));
        p.putArray("targets").add(t);
        return p;
    }

    private static ObjectNode kpiSeries(String refId, Series series) {
        ObjectNode t = target(refId, KPIS_UID, KPI_QUERY);
        t.put("alias", series.alias());
        t.putArray("metrics").addObject().put("id", "1").put("type", "max").put("field", series.field());
        ObjectNode histogram = t.putArray("bucketAggs").addObject();
        histogram.put("field", "window_start");
        histogram.put("id", "2");
        ObjectNode settings = histogram.putObject("settings");
        settings.put("interval", "10s");
        settings.put("min_doc_count", "0");
        settings.put("trimEdges", "0");
        histogram.put("type", "date_histogram");
        t.put("timeField", "window_start");
        return t;
    }

    private static ObjectNode target(String refId, String uid, String query) {
        ObjectNode t = Json.object();
        t.set("datasource", datasource(uid));
        t.put("query", query);
        t.put("refId", refId);
        return t;
    }

    private static ObjectNode terms(String id, String field, int size, String orderBy) {
        ObjectNode b = Json.object();
        b.put("field", field);
        b.put("id", id);
        ObjectNode s = b.putObject("settings");
        s.put("min_doc_count", "1");
        s.put("order", "desc");
        s.put("orderBy", orderBy);
        s.put("size", String.valueOf(size));
        b.put("type", "terms");
        return b;
    }

    private static ObjectNode panel(int id, String type, String title, int x, int y, int w, int h) {
        return panel(id, type, title, x, y, w, h, type.equals("table") || title.startsWith("Alerts") ? ALERTS_UID
                : title.startsWith("Rejects") ? REJECTS_UID : KPIS_UID);
    }

    private static ObjectNode panel(int id, String type, String title, int x, int y, int w, int h, String uid) {
        ObjectNode p = Json.object();
        p.set("datasource", datasource(uid));
        ObjectNode grid = p.putObject("gridPos");
        grid.put("h", h);
        grid.put("w", w);
        grid.put("x", x);
        grid.put("y", y);
        p.put("id", id);
        p.put("title", title);
        p.put("type", type);
        return p;
    }

    private static void defaults(ObjectNode panel, String unit) {
        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        fieldConfig.putObject("defaults").put("unit", unit);
        fieldConfig.putArray("overrides");
    }

    private static ObjectNode datasource(String uid) {
        ObjectNode ds = Json.object();
        ds.put("type", "elasticsearch");
        ds.put("uid", uid);
        return ds;
    }
}
