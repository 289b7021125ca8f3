package io.clickstream.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.stack.LocalStack;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every call of {@link Elasticsearch} (module es-access) against a real Elasticsearch started by
 * local-stack. It lives here because local-stack uses es-access: a test of es-access that started
 * local-stack would make a reactor cycle.
 */
class ElasticsearchIT {

    private static LocalStack stack;
    private static Elasticsearch es;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().workDir(Path.of("target/es-access-it-" + ProcessHandle.current().pid())).partitions(1).start();
        es = Elasticsearch.connect(stack.elasticsearchUrl() + "/");
    }

    @AfterAll
    static void stop() {
        if (es != null) {
            es.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void indexesReadsByIdSearchesAndCounts() throws Exception {
        BulkResult result = es.bulkIndex(List.of(
                new EsDocument("things", "a", "{\"name\":\"first\",\"revenue\":12.10}"),
                new EsDocument("things", "b", "{\"name\":\"second\",\"revenue\":1}")), false);
        assertThat(result.ok()).isTrue();

        Map<String, JsonNode> byId = es.sourcesByIds("things", List.of("a", "b", "absent"));
        assertThat(byId).as("_mget is real-time: no refresh needed").containsOnlyKeys("a", "b");
        assertThat(byId.get("a").path("revenue").decimalValue()).as("exact decimals").isEqualByComparingTo(new BigDecimal("12.10"));

        es.bulkIndex(List.of(new EsDocument("things", "a", "{\"name\":\"replaced\",\"revenue\":3}")), true);
        assertThat(es.count("things")).as("same id overwrites").isEqualTo(2);
        JsonNode response = es.search("things", "{\"query\":{\"term\":{\"name.keyword\":\"replaced\"}}}").orElseThrow();
        assertThat(Elasticsearch.hits(response)).extracting(h -> h.path("_id").asText()).containsExactly("a");
        assertThat(es.exists("things")).isTrue();
    }

    @Test
    void reportsClusterHealthAndTheIndexList() throws Exception {
        assertThat(es.clusterHealth(java.time.Duration.ofSeconds(1))).isIn("green", "yellow");
        es.bulkIndex(List.of(new EsDocument("listed", "1", "{\"n\":1}"), new EsDocument("listed", "2", "{\"n\":2}")), true);
        assertThat(es.indices()).filteredOn(i -> i.name().equals("listed")).singleElement()
                .satisfies(i -> assertThat(i.docs()).isEqualTo(2));
        try (Elasticsearch nobody = Elasticsearch.connect("http://127.0.0.1:9", java.time.Duration.ofMillis(500),
                java.time.Duration.ofMillis(500))) {
            assertThatThrownBy(() -> nobody.clusterHealth(java.time.Duration.ofSeconds(1)))
                    .isInstanceOf(EsException.class).hasMessageContaining("cluster health");
        }
    }

    @Test
    void aMissingIndexReadsAsNoDocuments() throws Exception {
        assertThat(es.exists("no-such-index")).isFalse();
        assertThat(es.search("no-such-index", "{}")).isEmpty();
        assertThat(es.sourcesByIds("no-such-index", List.of("x"))).isEmpty();
        assertThat(es.count("no-such-index")).isZero();
        es.deleteIndex("no-such-index");
    }

    @Test
    void installsTemplatesAndReportsItemFailures() throws Exception {
        es.putIndexTemplate("strict-things", """
                {"index_patterns":["strict-things-*"],
                 "template":{"mappings":{"dynamic":"strict","properties":{"n":{"type":"long"}}},
                             "aliases":{"strict-things":{}}}}""");
        assertThat(es.createIndex("strict-things-v1")).isTrue();
        assertThat(es.createIndex("strict-things-v1")).as("second create: already there").isFalse();

        BulkResult result = es.bulkIndex(List.of(
                new EsDocument("strict-things-v1", "ok", "{\"n\":1}"),
                new EsDocument("strict-things-v1", "bad", "{\"unknown\":1}")), true);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.position()).isEqualTo(1);
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.retryable()).isFalse();
            assertThat(f.error().path("type").asText()).isEqualTo("strict_dynamic_mapping_exception");
        });
        assertThat(es.count("strict-things")).as("read through the alias").isEqualTo(1);
    }

    @Test
    void aRefusedRequestNamesTheStatusAndIsNotRetryable() {
        assertThatThrownBy(() -> es.search("things", "{not json"))
                .isInstanceOfSatisfying(EsException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(stack.elasticsearchUrl()).contains("search on things");
                });
    }
}
