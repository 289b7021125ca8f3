package io.clickstream.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates {@code kibana/clickstream.ndjson}: the data views, the Lens panels and the "Clickstream —
 * real time" dashboard, one saved object per line, in the shape Kibana 8.19's saved-objects export
 * writes (attributes, {@code coreMigrationVersion}, {@code typeMigrationVersion}, references by name).
 * Every id is fixed, so an import with {@code overwrite=true} replaces the previous version.
 *
 * <p>The KPI documents are one per sliding window (60 s every 10 s), so the time series take the
 * maximum per 10 s bucket of {@code window_start}: exactly the one window that starts in it, never a
 * sum of overlapping windows. The KPI query filters on {@code granularity} and excludes the top-N
 * documents, which share the index and carry a {@code dimension}.
 */
final class KibanaSavedObjects {

    static final String CORE_MIGRATION_VERSION = "8.8.0";
    static final String DATA_VIEW_MIGRATION_VERSION = "8.0.0";
    static final String LENS_MIGRATION_VERSION = "8.9.0";
    static final String DASHBOARD_MIGRATION_VERSION = "10.3.0";
    /** A fixed timestamp: the file must not change between generator runs. */
    static final String STAMP = "2026-12-01T00:00:00.000Z";

    static final String KPIS_VIEW = "clickstream-kpis";
    static final String TOP_VIEW = "clickstream-top";
    static final String ALERTS_VIEW = "clickstream-alerts";
    static final String REJECTS_VIEW = "clickstream-rejects";
    static final String DASHBOARD_ID = "clickstream-realtime";
    static final String BREAKDOWNS_DASHBOARD_ID = "clickstream-breakdowns";
    static final String DIMENSION_CONTROL_ID = "clickstream-control-dimension";
    /** The breakdown documents' dimensions (docs/architecture.md, "Breakdown"); top-N documents use page and product. */
    static final List<String> BREAKDOWN_DIMENSIONS = List.of("site", "referrer", "utm_source", "utm_medium", "utm_campaign",
            "device", "browser", "os");

    /** KPI windows only: top-N and breakdown documents carry a dimension, funnel documents a step. */
    private static final String KPI_QUERY = "granularity : \"60s/10s\" and not dimension : * and not step : *";
    private static final String FUNNEL_QUERY = "granularity : \"60s/10s\" and step : *";
    private static final String BREAKDOWN_QUERY = "granularity : \"60s/10s\" and dimension : ("
            + BREAKDOWN_DIMENSIONS.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(" or ")) + ")";
    private static final String SLIDE = "10s";

    private KibanaSavedObjects() {}

    /** Every saved object, in the order of the file: data views, Lens panels, the dashboards. */
    static List<ObjectNode> objects() {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(dataView(KPIS_VIEW, "clickstream-kpis", "Clickstream KPIs (windows)", "window_start",
                Map.of("ctr", "percent", "cart_rate", "percent", "conversion_rate", "percent", "bounce_rate", "percent",
                        "step_conversion_rate", "percent")));
        objects.add(dataView(TOP_VIEW, "clickstream-kpis-*", "Clickstream top pages and products", "window_start", Map.of()));
        objects.add(dataView(ALERTS_VIEW, "clickstream-alerts", "Clickstream alerts", "updated_at", Map.of()));
        objects.add(dataView(REJECTS_VIEW, "clickstream-rejects", "Clickstream rejects", "rejected_at", Map.of()));
        List<Panel> panels = panels();
        panels.forEach(p -> objects.add(p.lens().savedObject()));
        List<Panel> breakdownPanels = breakdownPanels();
        breakdownPanels.forEach(p -> objects.add(p.lens().savedObject()));
        objects.add(dashboard(panels));
        objects.add(breakdownsDashboard(breakdownPanels));
        return objects;
    }

    /** The NDJSON text: one compact object per line, as the export API writes it. */
    static String ndjson() {
        return objects().stream().map(Json::compact).collect(Collectors.joining("\n", "", "\n"));
    }

    record Panel(Lens lens, int x, int y, int w, int h) {}

    private static List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        // Row 1: the latest window as numbers.
        panels.add(new Panel(metric("clickstream-lens-conversion", "Conversion rate (latest window)", KPIS_VIEW, KPI_QUERY,
                lastValue("Conversion rate", "conversion_rate", "percent"), lastValue("CTR", "ctr", "percent")), 0, 0, 12, 7));
        panels.add(new Panel(metric("clickstream-lens-revenue-now", "Revenue (latest window)", KPIS_VIEW, KPI_QUERY,
                lastValue("Revenue", "revenue", "number"), lastValue("Average order value", "avg_order_value", "number")), 12, 0, 12, 7));
        panels.add(new Panel(metric("clickstream-lens-visitors-now", "Unique visitors (latest window)", KPIS_VIEW, KPI_QUERY,
                lastValue("Unique visitors", "unique_visitors", "number"), lastValue("Page views", "page_views", "number")), 24, 0, 12, 7));
        panels.add(new Panel(metric("clickstream-lens-purchases-now", "Purchases (latest window)", KPIS_VIEW, KPI_QUERY,
                lastValue("Purchases", "purchases", "number"), lastValue("Add to cart", "add_to_cart", "number")), 36, 0, 12, 7));
        // Row 2 and 3: time series over the dashboard's range.
        panels.add(new Panel(timeSeries("clickstream-lens-events", "Views, clicks, carts, purchases per 60 s window", "line",
                List.of(max("Page views", "page_views", "number"), max("Clicks", "clicks", "number"),
                        max("Add to cart", "add_to_cart", "number"), max("Purchases", "purchases", "number"))), 0, 7, 24, 12));
        panels.add(new Panel(timeSeries("clickstream-lens-rates", "Conversion rate and CTR", "line",
                List.of(max("Conversion rate", "conversion_rate", "percent"), max("CTR", "ctr", "percent"),
                        max("Cart rate", "cart_rate", "percent"))), 24, 7, 24, 12));
        panels.add(new Panel(timeSeries("clickstream-lens-revenue", "Revenue and average order value per 60 s window", "line",
                List.of(max("Revenue", "revenue", "number"), max("Average order value", "avg_order_value", "number"))), 0, 19, 24, 12));
        panels.add(new Panel(timeSeries("clickstream-lens-visitors", "Unique visitors per 60 s window", "area",
                List.of(max("Unique visitors", "unique_visitors", "number"))), 24, 19, 24, 12));
        // Row 4: rankings.
        panels.add(new Panel(ranking("clickstream-lens-top-pages", "Top pages (views in their busiest 60 s window)", "page"), 0, 31, 24, 14));
        panels.add(new Panel(ranking("clickstream-lens-top-products", "Top products (units in their busiest 60 s window)", "product"), 24, 31, 24, 14));
        // Row 5: alerts and rejects.
        panels.add(new Panel(alertsByRule(), 0, 45, 16, 14));
        panels.add(new Panel(latestAlerts(), 16, 45, 32, 14));
        panels.add(new Panel(rejectsByReason(), 0, 59, 48, 12));
        // Row 6: sessions (counted in the window of their end) and the funnel of the latest window.
        panels.add(new Panel(metric("clickstream-lens-sessions-now", "Sessions (latest window)", KPIS_VIEW, KPI_QUERY,
                lastValue("Sessions", "sessions", "number"), lastValue("Bounce rate", "bounce_rate", "percent")), 0, 71, 12, 7));
        panels.add(new Panel(metric("clickstream-lens-session-depth-now", "Session duration (latest window)", KPIS_VIEW, KPI_QUERY,
                lastValue("Average session duration (s)", "avg_session_duration_s", "number"),
                lastValue("Pages per session", "pages_per_session", "number")), 12, 71, 12, 7));
        panels.add(new Panel(timeSeries("clickstream-lens-sessions", "Sessions and bounced sessions per 60 s window", "line",
                List.of(max("Sessions", "sessions", "number"), max("Bounced sessions", "bounced_sessions", "number"),
                        max("Open sessions", "open_sessions", "number"))), 24, 71, 24, 14));
        panels.add(new Panel(funnel(), 0, 78, 24, 14));
        return panels;
    }

    /** The breakdowns dashboard: one table, filtered to one dimension by the dashboard's control. */
    private static List<Panel> breakdownPanels() {
        return List.of(new Panel(breakdownTable(), 0, 0, 48, 18));
    }

    // ---- Lens objects ----------------------------------------------------------------------------

    /** One Lens saved object with a single formBased layer on one data view. */
    record Lens(String id, String title, String visualizationType, String dataView, String query,
                Map<String, ObjectNode> columns, ObjectNode visualization) {

        static final String LAYER = "layer-1";

        ObjectNode savedObject() {
            ObjectNode layer = Json.object();
            ArrayNode order = layer.putArray("columnOrder");
            columns.keySet().forEach(order::add);
            ObjectNode cols = layer.putObject("columns");
            columns.forEach(cols::set);
            layer.putObject("incompleteColumns");
            layer.put("sampling", 1);

            ObjectNode state = Json.object();
            state.putObject("adHocDataViews");
            ObjectNode formBased = state.putObject("datasourceStates").putObject("formBased");
            formBased.putObject("layers").set(LAYER, layer);
            state.putArray("filters");
            state.putArray("internalReferences");
            ObjectNode q = state.putObject("query");
            q.put("language", "kuery");
            q.put("query", query);
            state.set("visualization", visualization);

            ObjectNode attributes = Json.object();
            attributes.put("description", "");
            attributes.set("state", state);
            attributes.put("title", title);
            attributes.put("visualizationType", visualizationType);

            ArrayNode references = Json.array();
            references.add(reference(dataView, "indexpattern-datasource-layer-" + LAYER, "index-pattern"));
            return KibanaSavedObjects.savedObject(id, "lens", LENS_MIGRATION_VERSION, attributes, references);
        }
    }

    private static Lens metric(String id, String title, String view, String query, ObjectNode primary, ObjectNode secondary) {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put("metric", primary);
        columns.put("secondary", secondary);
        ObjectNode vis = Json.object();
        vis.put("layerId", Lens.LAYER);
        vis.put("layerType", "data");
        vis.put("metricAccessor", "metric");
        vis.put("secondaryMetricAccessor", "secondary");
        return new Lens(id, title, "lnsMetric", view, query, columns, vis);
    }

    private static Lens timeSeries(String id, String title, String seriesType, List<ObjectNode> metrics) {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put("time", dateHistogram("window_start", SLIDE));
        List<String> accessors = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            columns.put("y" + i, metrics.get(i));
            accessors.add("y" + i);
        }
        return new Lens(id, title, "lnsXY", KPIS_VIEW, KPI_QUERY, columns, xy(seriesType, "time", accessors, null));
    }

    private static Lens ranking(String id, String title, String dimension) {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put("key", terms(dimension.equals("page") ? "Page" : "Product", "key", 10, "count"));
        columns.put("count", max(dimension.equals("page") ? "Views" : "Units", "count", "number"));
        String query = "granularity : \"60s/10s\" and dimension : \"" + dimension + "\"";
        return new Lens(id, title, "lnsXY", TOP_VIEW, query, columns, xy("bar_horizontal", "key", List.of("count"), null));
    }

    /**
     * The funnel of the latest window as bars: per step (ordered by its number, labelled with its name)
     * the sessions that reached it, stacked with those that dropped off before it.
     */
    private static Lens funnel() {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        ObjectNode step = terms("Step", "step_name", 20, null);
        ObjectNode params = (ObjectNode) step.get("params");
        ObjectNode orderBy = params.putObject("orderBy");
        orderBy.put("type", "custom");
        params.put("orderDirection", "asc");
        // Custom ranking: by the step's number, so the bars follow the funnel, not the alphabet.
        ObjectNode orderAgg = labelledColumn("Step number", "number", false, "min");
        orderAgg.putObject("params").put("emptyAsNull", true);
        orderAgg.put("scale", "ratio");
        orderAgg.put("sourceField", "step");
        params.set("orderAgg", orderAgg);
        columns.put("step", step);
        columns.put("sessions", lastValue("Sessions that reached the step", "sessions", "number"));
        columns.put("dropped", lastValue("Dropped off before it", "drop_off", "number"));
        return new Lens("clickstream-lens-funnel", "Funnel (latest window): sessions per step and drop-off", "lnsXY", KPIS_VIEW,
                FUNNEL_QUERY, columns, xy("bar_stacked", "step", List.of("sessions", "dropped"), null));
    }

    /** The core KPIs per value of the dimension chosen by the breakdowns dashboard's control, latest window. */
    private static Lens breakdownTable() {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put("key", terms("Value", "key", 20, "views"));
        columns.put("views", lastValue("Page views", "page_views", "number"));
        columns.put("clicks", lastValue("Clicks", "clicks", "number"));
        columns.put("carts", lastValue("Add to cart", "add_to_cart", "number"));
        columns.put("purchases", lastValue("Purchases", "purchases", "number"));
        columns.put("revenue", lastValue("Revenue", "revenue", "number"));
        columns.put("conversion", lastValue("Conversion rate", "conversion_rate", "percent"));
        columns.put("visitors", lastValue("Unique visitors", "unique_visitors", "number"));
        ObjectNode vis = Json.object();
        vis.put("layerId", Lens.LAYER);
        vis.put("layerType", "data");
        ArrayNode cols = vis.putArray("columns");
        columns.keySet().forEach(c -> cols.addObject().put("columnId", c).put("isTransposed", false));
        ObjectNode sorting = vis.putObject("sorting");
        sorting.put("columnId", "views");
        sorting.put("direction", "desc");
        return new Lens("clickstream-lens-breakdown", "KPIs by value of the chosen dimension (latest window)", "lnsDatatable",
                KPIS_VIEW, BREAKDOWN_QUERY, columns, vis);
    }

    private static Lens alertsByRule() {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put("rule", terms("Rule", "rule", 10, "alerts"));
        columns.put("severity", terms("Severity", "severity", 3, "alerts"));
        columns.put("alerts", count("Alerts"));
        return new Lens("clickstream-lens-alerts-by-rule", "Alerts by rule and severity", "lnsXY", ALERTS_VIEW, "",
                columns, xy("bar_stacked", "rule", List.of("alerts"), "severity"));
    }

    private static Lens latestAlerts() {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put("entity", terms("Entity", "entity", 20, "updated"));
        columns.put("rule", terms("Rule", "rule", 6, "updated"));
        columns.put("severity", terms("Severity", "severity", 3, "updated"));
        columns.put("observed", max("Observed", "observed", "number"));
        columns.put("threshold", max("Threshold", "threshold", "number"));
        columns.put("updated", maxDate("Last updated", "updated_at"));
        ObjectNode vis = Json.object();
        vis.put("layerId", Lens.LAYER);
        vis.put("layerType", "data");
        ArrayNode cols = vis.putArray("columns");
        columns.keySet().forEach(c -> cols.addObject().put("columnId", c).put("isTransposed", false));
        ObjectNode sorting = vis.putObject("sorting");
        sorting.put("columnId", "updated");
        sorting.put("direction", "desc");
        return new Lens("clickstream-lens-latest-alerts", "Latest alerts", "lnsDatatable", ALERTS_VIEW, "", columns, vis);
    }

    private static Lens rejectsByReason() {
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put("reason", terms("Reason", "reason.keyword", 10, "rejects"));
        columns.put("rejects", count("Rejected records"));
        return new Lens("clickstream-lens-rejects", "Rejects by reason", "lnsXY", REJECTS_VIEW, "",
                columns, xy("bar_horizontal", "reason", List.of("rejects"), null));
    }

    // ---- Lens columns (formBased operations) -----------------------------------------------------

    /** The keys every labelled Lens column starts with, in the order Kibana exports them. */
    private static ObjectNode labelledColumn(String label, String dataType, boolean bucketed, String operation) {
        ObjectNode c = Json.object();
        c.put("customLabel", true);
        c.put("dataType", dataType);
        c.put("isBucketed", bucketed);
        c.put("label", label);
        c.put("operationType", operation);
        return c;
    }

    private static ObjectNode dateHistogram(String field, String interval) {
        ObjectNode c = Json.object();
        c.put("dataType", "date");
        c.put("isBucketed", true);
        c.put("label", field);
        c.put("operationType", "date_histogram");
        ObjectNode params = c.putObject("params");
        params.put("dropPartials", false);
        params.put("includeEmptyRows", true);
        params.put("interval", interval);
        c.put("scale", "interval");
        c.put("sourceField", field);
        return c;
    }

    private static ObjectNode max(String label, String field, String format) {
        ObjectNode c = metricColumn(label, "max", field, format);
        ((ObjectNode) c.get("params")).put("emptyAsNull", true);
        return c;
    }

    private static ObjectNode maxDate(String label, String field) {
        ObjectNode c = labelledColumn(label, "date", false, "max");
        c.putObject("params").put("emptyAsNull", true);
        c.put("scale", "ratio");
        c.put("sourceField", field);
        return c;
    }

    private static ObjectNode lastValue(String label, String field, String format) {
        ObjectNode c = metricColumn(label, "last_value", field, format);
        ObjectNode params = (ObjectNode) c.get("params");
        params.put("showArrayValues", false);
        params.put("sortField", "window_start");
        // Kibana adds this filter to every last_value column: documents without the field are skipped.
        ObjectNode filter = Json.object();
        filter.put("language", "kuery");
        filter.put("query", field + ": *");
        c.set("filter", filter);
        return c;
    }

    private static ObjectNode metricColumn(String label, String operation, String field, String format) {
        ObjectNode c = labelledColumn(label, "number", false, operation);
        ObjectNode params = c.putObject("params");
        ObjectNode fmt = params.putObject("format");
        fmt.put("id", format);
        fmt.putObject("params").put("decimals", format.equals("percent") ? 1 : 2);
        c.put("scale", "ratio");
        c.put("sourceField", field);
        return c;
    }

    private static ObjectNode count(String label) {
        ObjectNode c = labelledColumn(label, "number", false, "count");
        c.putObject("params").put("emptyAsNull", true);
        c.put("scale", "ratio");
        c.put("sourceField", "___records___");
        return c;
    }

    private static ObjectNode terms(String label, String field, int size, String orderByColumn) {
        ObjectNode c = labelledColumn(label, "string", true, "terms");
        ObjectNode params = c.putObject("params");
        params.putArray("exclude");
        params.put("excludeIsRegex", false);
        params.putArray("include");
        params.put("includeIsRegex", false);
        params.put("missingBucket", false);
        if (orderByColumn != null) {
            ObjectNode orderBy = params.putObject("orderBy");
            orderBy.put("columnId", orderByColumn);
            orderBy.put("type", "column");
            params.put("orderDirection", "desc");
        }
        params.put("otherBucket", false);
        params.putObject("parentFormat").put("id", "terms");
        params.put("size", size);
        c.put("scale", "ordinal");
        c.put("sourceField", field);
        return c;
    }

    private static ObjectNode xy(String seriesType, String xAccessor, List<String> accessors, String splitAccessor) {
        ObjectNode vis = Json.object();
        ObjectNode titles = vis.putObject("axisTitlesVisibilitySettings");
        titles.put("x", false);
        titles.put("yLeft", true);
        titles.put("yRight", true);
        vis.put("fittingFunction", "None");
        ObjectNode layer = vis.putArray("layers").addObject();
        ArrayNode acc = layer.putArray("accessors");
        accessors.forEach(acc::add);
        layer.put("layerId", Lens.LAYER);
        layer.put("layerType", "data");
        layer.put("seriesType", seriesType);
        if (splitAccessor != null) {
            layer.put("splitAccessor", splitAccessor);
        }
        layer.put("xAccessor", xAccessor);
        ObjectNode legend = vis.putObject("legend");
        legend.put("isVisible", true);
        legend.put("position", "bottom");
        vis.put("preferredSeriesType", seriesType);
        vis.put("valueLabels", "hide");
        return vis;
    }

    // ---- data views and dashboard ----------------------------------------------------------------

    private static ObjectNode dataView(String id, String title, String name, String timeField, Map<String, String> formats) {
        ObjectNode formatMap = Json.object();
        formats.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> formatMap.putObject(e.getKey()).put("id", e.getValue()));
        ObjectNode attributes = Json.object();
        attributes.put("allowHidden", false);
        attributes.put("fieldAttrs", "{}");
        attributes.put("fieldFormatMap", Json.compact(formatMap));
        attributes.put("fields", "[]");
        attributes.put("name", name);
        attributes.put("runtimeFieldMap", "{}");
        attributes.put("sourceFilters", "[]");
        attributes.put("timeFieldName", timeField);
        attributes.put("title", title);
        attributes.put("typeMeta", "{}");
        return savedObject(id, "index-pattern", DATA_VIEW_MIGRATION_VERSION, attributes, Json.array());
    }

    private static ObjectNode dashboard(List<Panel> panels) {
        return dashboard(DASHBOARD_ID, "Clickstream — real time", "Clickstream KPIs, sessions, funnel, rankings, alerts and "
                + "rejects as spark-analytics writes them, last 15 minutes, refreshed every 5 s", "", panels, null);
    }

    /**
     * The breakdowns on a dashboard of their own: its options-list control on {@code dimension} filters
     * every panel, which on the real-time dashboard would empty the KPI panels. The dashboard's query
     * keeps the top-N documents' dimensions (page, product) out of the control's list.
     */
    private static ObjectNode breakdownsDashboard(List<Panel> panels) {
        ObjectNode control = Json.object();
        control.put("grow", true);
        control.put("order", 0);
        control.put("type", "optionsListControl");
        control.put("width", "medium");
        ObjectNode input = control.putObject("explicitInput");
        input.put("fieldName", "dimension");
        input.put("id", DIMENSION_CONTROL_ID);
        input.put("searchTechnique", "prefix");
        input.putArray("selectedOptions").add("site");
        input.put("singleSelect", true);
        ObjectNode sort = input.putObject("sort");
        sort.put("by", "_key");
        sort.put("direction", "asc");
        input.put("title", "Dimension");
        ObjectNode controlPanels = Json.object();
        controlPanels.set(DIMENSION_CONTROL_ID, control);
        ObjectNode ignore = Json.object();
        ignore.put("ignoreFilters", false);
        ignore.put("ignoreQuery", false);
        ignore.put("ignoreTimerange", false);
        ignore.put("ignoreValidations", false);
        ObjectNode group = Json.object();
        group.put("chainingSystem", "HIERARCHICAL");
        group.put("controlStyle", "oneLine");
        group.put("ignoreParentSettingsJSON", Json.compact(ignore));
        group.put("panelsJSON", Json.compact(controlPanels));
        group.put("showApplySelections", false);
        return dashboard(BREAKDOWNS_DASHBOARD_ID, "Clickstream — breakdowns", "Core KPIs of the latest window per site, referrer, "
                + "UTM source/medium/campaign, device, browser or OS (choose the dimension above), last 15 minutes, refreshed every 5 s",
                BREAKDOWN_QUERY, panels, group);
    }

    private static ObjectNode dashboard(String id, String title, String description, String kuery, List<Panel> panels,
                                        ObjectNode controlGroup) {
        ArrayNode panelsJson = Json.array();
        ArrayNode references = Json.array();
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            String index = "p" + (i + 1);
            ObjectNode panel = panelsJson.addObject();
            panel.put("type", "lens");
            ObjectNode grid = panel.putObject("gridData");
            grid.put("x", p.x());
            grid.put("y", p.y());
            grid.put("w", p.w());
            grid.put("h", p.h());
            grid.put("i", index);
            panel.put("panelIndex", index);
            panel.putObject("embeddableConfig").putObject("enhancements");
            panel.put("panelRefName", "panel_" + index);
            references.add(reference(p.lens().id(), index + ":panel_" + index, "lens"));
        }
        ObjectNode options = Json.object();
        options.put("useMargins", true);
        options.put("syncColors", false);
        options.put("syncCursor", true);
        options.put("syncTooltips", false);
        options.put("hidePanelTitles", false);
        ObjectNode searchSource = Json.object();
        ObjectNode query = searchSource.putObject("query");
        query.put("query", kuery);
        query.put("language", "kuery");
        searchSource.putArray("filter");

        ObjectNode attributes = Json.object();
        if (controlGroup != null) {
            attributes.set("controlGroupInput", controlGroup);
            // Kibana's export keeps a control's data view as a reference named after the control.
            references.add(reference(KPIS_VIEW, "controlGroup_" + DIMENSION_CONTROL_ID + ":optionsListDataView", "index-pattern"));
        }
        attributes.put("description", description);
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", Json.compact(searchSource));
        attributes.put("optionsJSON", Json.compact(options));
        attributes.put("panelsJSON", Json.compact(panelsJson));
        ObjectNode refresh = attributes.putObject("refreshInterval");
        refresh.put("pause", false);
        refresh.put("value", 5000);
        attributes.put("timeFrom", "now-15m");
        attributes.put("timeRestore", true);
        attributes.put("timeTo", "now");
        attributes.put("title", title);
        attributes.put("version", 1);
        return savedObject(id, "dashboard", DASHBOARD_MIGRATION_VERSION, attributes, references);
    }

    private static ObjectNode reference(String id, String name, String type) {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("name", name);
        r.put("type", type);
        return r;
    }

    private static ObjectNode savedObject(String id, String type, String typeMigrationVersion, ObjectNode attributes,
                                          ArrayNode references) {
        ObjectNode o = Json.object();
        o.set("attributes", attributes);
        o.put("coreMigrationVersion", CORE_MIGRATION_VERSION);
        o.put("created_at", STAMP);
        o.put("id", id);
        o.put("managed", false);
        o.set("references", references);
        o.put("type", type);
        o.put("typeMigrationVersion", typeMigrationVersion);
        o.put("updated_at", STAMP);
        o.put("version", "WzEsMV0=");
        return o;
    }
}
