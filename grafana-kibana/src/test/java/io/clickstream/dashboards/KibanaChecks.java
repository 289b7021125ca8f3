package io.clickstream.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Kibana would check on import, and what it would only show as broken panels later, without a
 * Kibana: returns every problem found in an NDJSON text, empty when none. The field checks resolve
 * each Lens layer to its data view, the data view's title to the index template that serves it, and
 * the column's operation to the mapping types it can run on.
 */
final class KibanaChecks {

    /** Lens visualization types of Kibana 8.x; the legacy editors (TSVB, Vega, aggregation-based) are refused. */
    static final Set<String> LENS_TYPES = Set.of("lnsXY", "lnsMetric", "lnsDatatable", "lnsPie", "lnsLegacyMetric");
    /** Attributes that Kibana stores as JSON inside a string. */
    static final Set<String> EMBEDDED_JSON = Set.of("panelsJSON", "optionsJSON", "searchSourceJSON", "fieldFormatMap",
            "fieldAttrs", "fields", "runtimeFieldMap", "sourceFilters", "typeMeta", "uiStateJSON", "ignoreParentSettingsJSON");
    /** Dashboard controls and the name of the reference that holds each one's data view. */
    static final Map<String, String> CONTROL_DATA_VIEW_REFS = Map.of("optionsListControl", "optionsListDataView",
            "rangeSliderControl", "rangeSliderDataView");

    private final IndexTemplates templates;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, JsonNode> byKey = new HashMap<>();

    private KibanaChecks(IndexTemplates templates) {
        this.templates = templates;
    }

    static List<String> check(String ndjson, IndexTemplates templates) {
        KibanaChecks checks = new KibanaChecks(templates);
        checks.run(ndjson);
        return checks.problems;
    }

    private void run(String ndjson) {
        List<JsonNode> objects = new ArrayList<>();
        String[] lines = ndjson.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                problems.add("line " + (i + 1) + " is empty");
                continue;
            }
            JsonNode o;
            try {
                o = Json.parse(lines[i]);
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
                continue;
            }
            for (String key : List.of("type", "id", "attributes", "references", "coreMigrationVersion", "typeMigrationVersion")) {
                if (!o.has(key)) {
                    problems.add("line " + (i + 1) + " has no " + key);
                }
            }
            if (!o.path("references").isArray()) {
                problems.add("line " + (i + 1) + ": references is not an array");
            }
            String key = o.path("type").asText() + ":" + o.path("id").asText();
            if (byKey.put(key, o) != null) {
                problems.add("duplicate saved object " + key);
            }
            objects.add(o);
        }
        for (JsonNode o : objects) {
            String key = o.path("type").asText() + ":" + o.path("id").asText();
            embeddedJson(key, o.path("attributes"));
            for (JsonNode ref : o.path("references")) {
                String target = ref.path("type").asText() + ":" + ref.path("id").asText();
                if (!byKey.containsKey(target)) {
                    problems.add(key + " refers to " + target + " (" + ref.path("name").asText() + "), which is not in the file");
                }
            }
            switch (o.path("type").asText()) {
                case "index-pattern" -> dataView(key, o.path("attributes"));
                case "lens" -> lens(key, o);
                case "dashboard" -> dashboard(key, o);
                default -> problems.add(key + ": type " + o.path("type").asText()
                        + " is not allowed here (data views, Lens and dashboards only; no legacy visualizations)");
            }
        }
    }

    private void embeddedJson(String key, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                embeddedJson(key, e.getValue());
            } else if (EMBEDDED_JSON.contains(e.getKey())) {
                try {
                    Json.parse(e.getValue().asText());
                } catch (IllegalArgumentException ex) {
                    problems.add(key + ": " + e.getKey() + " is not valid JSON: " + ex.getMessage());
                }
            }
        }
    }

    private void dataView(String key, JsonNode attributes) {
        String title = attributes.path("title").asText();
        Optional<IndexTemplates.Template> template = templates.forIndex(title);
        if (template.isEmpty()) {
            problems.add(key + ": title " + title + " matches no index template of spark-analytics");
            return;
        }
        field(key + " time field", template.get(), attributes.path("timeFieldName").asText(), "date");
        JsonNode formats = Json.parse(attributes.path("fieldFormatMap").asText("{}"));
        formats.fieldNames().forEachRemaining(f -> field(key + " format", template.get(), f, "exists"));
    }

    private void lens(String key, JsonNode o) {
        JsonNode attributes = o.path("attributes");
        String vis = attributes.path("visualizationType").asText();
        if (!LENS_TYPES.contains(vis)) {
            problems.add(key + ": visualizationType " + vis + " is not a Lens type");
        }
        JsonNode state = attributes.path("state");
        JsonNode datasources = state.path("datasourceStates");
        datasources.fieldNames().forEachRemaining(name -> {
            if (!name.equals("formBased") && !name.equals("textBased")) {
                problems.add(key + ": datasource state " + name + " is not the 8.x formBased one");
            }
        });
        JsonNode layers = datasources.path("formBased").path("layers");
        if (layers.isEmpty()) {
            problems.add(key + ": no formBased layer");
        }
        Set<String> columnIds = new HashSet<>();
        layers.fields().forEachRemaining(layer -> {
            String refName = "indexpattern-datasource-layer-" + layer.getKey();
            Optional<JsonNode> ref = find(o.path("references"), refName);
            if (ref.isEmpty()) {
                problems.add(key + ": layer " + layer.getKey() + " has no reference " + refName);
                return;
            }
            JsonNode view = byKey.get("index-pattern:" + ref.get().path("id").asText());
            if (view == null) {
                return;
            }
            String title = view.path("attributes").path("title").asText();
            Optional<IndexTemplates.Template> template = templates.forIndex(title);
            if (template.isEmpty()) {
                return;
            }
            String where = key + " (data view " + title + ")";
            QueryFields.of(state.path("query").path("query").asText()).forEach(f -> field(where + " query", template.get(), f, "exists"));
            JsonNode columns = layer.getValue().path("columns");
            layer.getValue().path("columnOrder").forEach(c -> {
                if (!columns.has(c.asText())) {
                    problems.add(key + ": columnOrder names " + c.asText() + ", which is not a column");
                }
            });
            columns.fields().forEachRemaining(c -> {
                columnIds.add(c.getKey());
                column(where + " column " + c.getKey(), template.get(), c.getValue());
                JsonNode orderBy = c.getValue().path("params").path("orderBy");
                if (orderBy.path("type").asText().equals("column") && !columns.has(orderBy.path("columnId").asText())) {
                    problems.add(key + ": column " + c.getKey() + " is ranked by " + orderBy.path("columnId").asText()
                            + ", which is not a column");
                }
            });
        });
        for (String accessor : accessors(state.path("visualization"))) {
            if (!columnIds.contains(accessor)) {
                problems.add(key + ": the visualization shows " + accessor + ", which no layer defines");
            }
        }
    }

    private void column(String where, IndexTemplates.Template template, JsonNode column) {
        String op = column.path("operationType").asText();
        String field = column.path("sourceField").asText();
        String use = switch (op) {
            case "date_histogram" -> "date";
            case "max", "min" -> column.path("dataType").asText().equals("date") ? "date" : "number";
            case "sum", "average", "median", "percentile", "standard_deviation" -> "number";
            case "terms" -> "terms";
            case "last_value", "unique_count" -> "exists";
            case "count" -> null;
            default -> {
                problems.add(where + ": operation " + op + " is not checked by this test; add it");
                yield null;
            }
        };
        if (use != null) {
            field(where, template, field, use);
        }
        if (op.equals("last_value")) {
            field(where + " sort", template, column.path("params").path("sortField").asText(), "date");
        }
        if (column.has("filter")) {
            QueryFields.of(column.path("filter").path("query").asText()).forEach(f -> field(where + " filter", template, f, "exists"));
        }
        // A terms column ranked by a custom metric carries that metric as a column of its own.
        if (column.path("params").has("orderAgg")) {
            column(where + " ranking", template, column.path("params").path("orderAgg"));
        }
    }

    private void field(String where, IndexTemplates.Template template, String field, String use) {
        String type = template.fields().get(field);
        if (type == null) {
            problems.add(where + ": field " + field + " is not in " + template.file());
        } else if (!IndexTemplates.compatible(use, type)) {
            problems.add(where + ": field " + field + " is " + type + " in " + template.file() + ", not usable as " + use);
        }
    }

    private static List<String> accessors(JsonNode visualization) {
        List<String> ids = new ArrayList<>();
        for (String single : List.of("metricAccessor", "secondaryMetricAccessor", "accessor")) {
            if (visualization.hasNonNull(single)) {
                ids.add(visualization.get(single).asText());
            }
        }
        for (JsonNode layer : visualization.path("layers")) {
            layer.path("accessors").forEach(a -> ids.add(a.asText()));
            for (String single : List.of("xAccessor", "splitAccessor")) {
                if (layer.hasNonNull(single)) {
                    ids.add(layer.get(single).asText());
                }
            }
        }
        visualization.path("columns").forEach(c -> ids.add(c.path("columnId").asText()));
        return ids;
    }

    private void dashboard(String key, JsonNode o) {
        JsonNode panels;
        try {
            panels = Json.parse(o.path("attributes").path("panelsJSON").asText("[]"));
        } catch (IllegalArgumentException e) {
            return; // reported by the embedded JSON check
        }
        // The data views whose documents the dashboard's query and controls filter: its panels' and controls'.
        Map<String, IndexTemplates.Template> viewTemplates = new java.util.TreeMap<>();
        for (JsonNode ref : o.path("references")) {
            JsonNode target = byKey.get(ref.path("type").asText() + ":" + ref.path("id").asText());
            if (target == null) {
                continue;
            }
            if (target.path("type").asText().equals("lens")) {
                target.path("references").forEach(r -> addViewTemplate(viewTemplates, r));
            } else if (target.path("type").asText().equals("index-pattern")) {
                addViewTemplate(viewTemplates, ref);
            }
        }
        controls(key, o);
        String query = Json.parse(o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"))
                .path("query").path("query").asText();
        viewTemplates.forEach((title, template) -> QueryFields.of(query)
                .forEach(f -> field(key + " query (data view " + title + ")", template, f, "exists")));
        for (JsonNode panel : panels) {
            String type = panel.path("type").asText();
            if (!type.equals("lens")) {
                problems.add(key + ": panel " + panel.path("panelIndex").asText() + " is " + type + ", not a Lens panel");
            }
            String refName = panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText();
            if (find(o.path("references"), refName).isEmpty()) {
                problems.add(key + ": panel " + panel.path("panelIndex").asText() + " has no reference " + refName);
            }
        }
    }

    private void addViewTemplate(Map<String, IndexTemplates.Template> into, JsonNode reference) {
        JsonNode view = byKey.get("index-pattern:" + reference.path("id").asText());
        if (view != null) {
            String title = view.path("attributes").path("title").asText();
            templates.forIndex(title).ifPresent(t -> into.put(title, t));
        }
    }

    /**
     * Each control of the dashboard's control group: a known type, its data view by reference (as
     * Kibana exports it), and a field of that data view's template that the control can list or slide.
     */
    private void controls(String key, JsonNode o) {
        JsonNode group = o.path("attributes").path("controlGroupInput");
        if (group.isMissingNode()) {
            return;
        }
        JsonNode controls;
        try {
            controls = Json.parse(group.path("panelsJSON").asText("{}"));
        } catch (IllegalArgumentException e) {
            return; // reported by the embedded JSON check
        }
        controls.fields().forEachRemaining(c -> {
            String type = c.getValue().path("type").asText();
            String where = key + " control " + c.getKey();
            String refSuffix = CONTROL_DATA_VIEW_REFS.get(type);
            if (refSuffix == null) {
                problems.add(where + ": type " + type + " is not checked by this test (options list or range slider); add it");
                return;
            }
            Optional<JsonNode> ref = find(o.path("references"), "controlGroup_" + c.getKey() + ":" + refSuffix);
            if (ref.isEmpty()) {
                problems.add(where + ": no reference controlGroup_" + c.getKey() + ":" + refSuffix + " to its data view");
                return;
            }
            JsonNode view = byKey.get("index-pattern:" + ref.get().path("id").asText());
            if (view == null) {
                return; // reported as a dangling reference
            }
            String title = view.path("attributes").path("title").asText();
            Optional<IndexTemplates.Template> template = templates.forIndex(title);
            if (template.isEmpty()) {
                return; // reported by the data view check
            }
            field(where + " (data view " + title + ")", template.get(), c.getValue().path("explicitInput").path("fieldName").asText(),
                    type.equals("optionsListControl") ? "terms" : "number");
        });
    }

    private static Optional<JsonNode> find(JsonNode references, String name) {
        for (JsonNode ref : references) {
            if (ref.path("name").asText().equals(name)) {
                return Optional.of(ref);
            }
        }
        return Optional.empty();
    }
}
