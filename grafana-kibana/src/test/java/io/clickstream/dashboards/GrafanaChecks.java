package io.clickstream.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Grafana provisioning and dashboard checked without a Grafana: every datasource uid a panel,
 * target or annotation names is provisioned; each provisioned index is served by a spark-analytics
 * index template and its time field is a date there; every field a query, metric, bucket or
 * annotation uses exists with a compatible type. Returns the problems, empty when none.
 */
final class GrafanaChecks {

    private final IndexTemplates templates;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, IndexTemplates.Template> byUid = new HashMap<>();
    private final Map<String, String> timeFieldByUid = new HashMap<>();
    /** {@code $name} or {@code ${name}} (with an optional {@code :format}) in a query. */
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$(?:\\{(\\w+)(?::\\w+)?}|(\\w+))");
    private java.util.Set<String> variables = java.util.Set.of();

    private GrafanaChecks(IndexTemplates templates) {
        this.templates = templates;
    }

    static List<String> check(JsonNode datasources, JsonNode dashboard, IndexTemplates templates) {
        GrafanaChecks checks = new GrafanaChecks(templates);
        checks.datasources(datasources);
        checks.dashboard(dashboard);
        return checks.problems;
    }

    private void datasources(JsonNode provisioning) {
        for (JsonNode ds : provisioning.path("datasources")) {
            String uid = ds.path("uid").asText();
            if (!ds.path("type").asText().equals("elasticsearch")) {
                problems.add("datasource " + uid + " is not of type elasticsearch");
            }
            if (!ds.path("url").asText().equals("$ES_URL")) {
                problems.add("datasource " + uid + " url is " + ds.path("url").asText() + ", not $ES_URL");
            }
            String index = ds.path("jsonData").path("index").asText();
            Optional<IndexTemplates.Template> template = templates.forIndex(index);
            if (template.isEmpty()) {
                problems.add("datasource " + uid + ": index " + index + " matches no index template of spark-analytics");
                continue;
            }
            byUid.put(uid, template.get());
            String timeField = ds.path("jsonData").path("timeField").asText();
            timeFieldByUid.put(uid, timeField);
            field("datasource " + uid + " timeField", template.get(), timeField, "date");
        }
    }

    private void dashboard(JsonNode dashboard) {
        java.util.Set<String> variables = new java.util.HashSet<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String name = variable.path("name").asText();
            variables.add(name);
            String type = variable.path("type").asText();
            if (type.equals("query")) {
                // {"find":"terms","field":…,"query":…}: the values of a field of the datasource's index.
                IndexTemplates.Template t = template("variable " + name, variable.path("datasource"));
                JsonNode query = Json.parse(variable.path("query").isTextual() ? variable.path("query").asText()
                        : Json.compact(variable.path("query")));
                if (t != null) {
                    field("variable " + name, t, query.path("field").asText(), "terms");
                    queryFields("variable " + name, t, query.path("query").asText());
                }
            } else if (!type.equals("custom") && !type.equals("interval") && !type.equals("textbox") && !type.equals("constant")) {
                problems.add("variable " + name + ": type " + type + " is not checked by this test; add it");
            }
        }
        this.variables = variables;
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            String where = "annotation " + annotation.path("name").asText();
            IndexTemplates.Template t = template(where, annotation.path("datasource"));
            if (t != null) {
                field(where + " timeField", t, annotation.path("timeField").asText(), "date");
                field(where + " timeEndField", t, annotation.path("timeEndField").asText(), "date");
                field(where + " textField", t, annotation.path("textField").asText(), "exists");
                field(where + " tagsField", t, annotation.path("tagsField").asText(), "terms");
                queryFields(where, t, annotation.path("target").path("query").asText());
            }
        }
        for (JsonNode panel : dashboard.path("panels")) {
            String where = "panel " + panel.path("title").asText();
            template(where, panel.path("datasource"));
            for (JsonNode target : panel.path("targets")) {
                String at = where + " target " + target.path("refId").asText();
                IndexTemplates.Template t = template(at, target.path("datasource"));
                if (t == null) {
                    continue;
                }
                queryFields(at, t, target.path("query").asText());
                if (target.has("timeField")) {
                    field(at + " timeField", t, target.path("timeField").asText(), "date");
                }
                for (JsonNode metric : target.path("metrics")) {
                    String type = metric.path("type").asText();
                    if (type.equals("top_metrics")) {
                        // The newest document's values: every listed field a number, ordered by a date or number.
                        JsonNode settings = metric.path("settings");
                        if (settings.path("metrics").isEmpty()) {
                            problems.add(at + ": top_metrics lists no field");
                        }
                        settings.path("metrics").forEach(f -> field(at + " top_metrics", t, f.asText(), "number"));
                        field(at + " top_metrics order", t, settings.path("orderBy").asText(), "date_or_number");
                    } else if (metric.has("field")) {
                        field(at + " " + type, t, metric.path("field").asText(),
                                type.equals("cardinality") ? "exists" : "date_or_number");
                    } else if (!type.equals("count") && !type.equals("raw_data") && !type.equals("raw_document")) {
                        problems.add(at + ": metric " + type + " has no field");
                    }
                }
                for (JsonNode bucket : target.path("bucketAggs")) {
                    String type = bucket.path("type").asText();
                    String use = switch (type) {
                        case "date_histogram" -> "date";
                        case "terms" -> "terms";
                        case "histogram" -> "number";
                        default -> "exists";
                    };
                    field(at + " " + type, t, bucket.path("field").asText(), use);
                }
            }
        }
    }

    private IndexTemplates.Template template(String where, JsonNode datasource) {
        String uid = datasource.path("uid").asText();
        IndexTemplates.Template t = byUid.get(uid);
        if (t == null) {
            problems.add(where + ": datasource uid " + uid + " is not provisioned");
        }
        return t;
    }

    private void queryFields(String where, IndexTemplates.Template t, String query) {
        QueryFields.of(query).forEach(f -> field(where + " query", t, f, "exists"));
        // A variable the dashboard does not define stays "$name" in the query and matches nothing.
        java.util.regex.Matcher m = VARIABLE.matcher(query);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!name.startsWith("__") && !variables.contains(name)) {
                problems.add(where + ": query uses $" + name + ", which is not a variable of the dashboard");
            }
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
}
