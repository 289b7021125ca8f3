package io.clickstream.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ElasticsearchUrlConfigSourceTest {

    @Test
    void esUrlBecomesHostPortAndScheme() {
        ElasticsearchUrlConfigSource source = new ElasticsearchUrlConfigSource("https://es.internal:9243");
        assertThat(source.getValue("quarkus.elasticsearch.hosts")).isEqualTo("es.internal:9243");
        assertThat(source.getValue("quarkus.elasticsearch.protocol")).isEqualTo("https");
    }

    @Test
    void defaultIsTheProjectsLoopbackElasticsearch() {
        ElasticsearchUrlConfigSource source = new ElasticsearchUrlConfigSource(null);
        assertThat(source.getValue("quarkus.elasticsearch.hosts")).isEqualTo("127.0.0.1:9200");
        assertThat(source.getValue("quarkus.elasticsearch.protocol")).isEqualTo("http");
        assertThat(new ElasticsearchUrlConfigSource("http://elasticsearch").getValue("quarkus.elasticsearch.hosts"))
                .isEqualTo("elasticsearch:9200");
    }

    @Test
    void aUrlWithoutHostSaysWhatIsExpected() {
        assertThatThrownBy(() -> new ElasticsearchUrlConfigSource("127.0.0.1:9200")).hasMessageContaining("http://host:9200");
    }

    @Test
    void itRanksBelowApplicationPropertiesAndTheEnvironment() {
        assertThat(new ElasticsearchUrlConfigSource(null).getOrdinal()).isLessThan(250);
    }
}
