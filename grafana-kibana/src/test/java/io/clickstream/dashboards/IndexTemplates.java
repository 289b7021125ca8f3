package io.clickstream.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The index templates spark-analytics installs, read from its resource files in place
 * ({@code -Dclickstream.templates.dir}, set by this module's pom): the fields and types a dashboard
 * may use. A field is known by its full path, sub-fields included ({@code reason.keyword}).
 */
final class IndexTemplates {

    /** One template: the aliases and index patterns it serves, and its field → type map. */
    record Template(String file, List<String> aliases, List<String> indexPatterns, Map<String, String> fields) {

        /** True when a data view title or datasource index names this template's indices. */
        boolean serves(String indexExpression) {
            if (aliases.contains(indexExpression) || indexPatterns.contains(indexExpression)) {
                return true;
            }
            return indexPatterns.stream().anyMatch(p -> p.endsWith("*") && indexExpression.startsWith(p.substring(0, p.length() - 1)));
        }
    }

    private final List<Template> templates;

    private IndexTemplates(List<Template> templates) {
        this.templates = templates;
    }

    static IndexTemplates load() {
        Path dir = Path.of(System.getProperty("clickstream.templates.dir",
                "../spark-analytics/src/main/resources/elasticsearch"));
        List<Template> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".template.json")).sorted().toList()) {
                JsonNode root = Json.read(file);
                List<String> patterns = new ArrayList<>();
                root.path("index_patterns").forEach(p -> patterns.add(p.asText()));
                List<String> aliases = new ArrayList<>();
                root.path("template").path("aliases").fieldNames().forEachRemaining(aliases::add);
                Map<String, String> fields = new LinkedHashMap<>();
                collect("", root.path("template").path("mappings").path("properties"), fields);
                templates.add(new Template(file.getFileName().toString(), aliases, patterns, fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the index templates in " + dir.toAbsolutePath(), e);
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException("no *.template.json in " + dir.toAbsolutePath());
        }
        return new IndexTemplates(templates);
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> into) {
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode mapping = e.getValue();
            if (mapping.has("type")) {
                into.put(name, mapping.get("type").asText());
            }
            collect(name + ".", mapping.path("properties"), into);
            collect(name + ".", mapping.path("fields"), into);
        }
    }

    List<Template> all() {
        return templates;
    }

    /** The template whose alias or index pattern matches the expression. */
    Optional<Template> forIndex(String indexExpression) {
        return templates.stream().filter(t -> t.serves(indexExpression)).findFirst();
    }

    static boolean isNumeric(String type) {
        return List.of("long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float").contains(type);
    }

    /** Whether an aggregation or a time axis of this kind can run on a field of this mapping type. */
    static boolean compatible(String use, String type) {
        return switch (use) {
            case "date" -> type.equals("date");
            case "number" -> isNumeric(type);
            case "date_or_number" -> type.equals("date") || isNumeric(type);
            case "terms" -> type.equals("keyword") || isNumeric(type);
            case "exists" -> !type.isEmpty();
            default -> throw new IllegalArgumentException("unknown use " + use);
        };
    }
}
