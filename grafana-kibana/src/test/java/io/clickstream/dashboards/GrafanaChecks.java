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
                    if (metric.has("field")) {
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
