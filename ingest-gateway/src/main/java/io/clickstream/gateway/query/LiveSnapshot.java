package io.clickstream.gateway.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What {@code /api/stream} pushes and the live page draws: the KPI windows of the last minutes (newest
 * first, with their session fields), the newest top pages and products, the funnel steps and the
 * breakdowns (dimension → documents by rank) of the newest ended window, the latest alerts, as the
 * documents hold them. When
 * Elasticsearch cannot be read the lists are empty and {@code problem} says why; the stream goes on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveSnapshot(
        @JsonProperty("generated_at") String generatedAt,
        String granularity,
        List<JsonNode> windows,
        @JsonProperty("top_pages") List<JsonNode> topPages,
        @JsonProperty("top_products") List<JsonNode> topProducts,
        List<JsonNode> funnel,
        Map<String, List<JsonNode>> breakdowns,
        List<JsonNode> alerts,
        QueryProblem.Problem problem) {
}
