package io.clickstream.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void granularityTakesTheDocumentsGrammarOnly() {
        assertThat(QueryParams.granularity(null)).isEqualTo("60s/10s");
        assertThat(QueryParams.granularity("1h")).isEqualTo("1h");
        assertThat(QueryParams.granularity("300s/30s")).isEqualTo("300s/30s");
        for (String bad : new String[] {"*", "60s/10s\"", "60s OR 1", "0s", "60x", "60s/10s/5s", "a".repeat(100)}) {
            assertThatThrownBy(() -> QueryParams.granularity(bad)).as(bad).isInstanceOf(QueryProblem.class)
                    .satisfies(e -> assertThat(((QueryProblem) e).status()).isEqualTo(400));
        }
    }

    @Test
    void echoedValuesAreCut() {
        assertThatThrownBy(() -> QueryParams.granularity("x".repeat(10_000)))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(120));
    }

    @Test
    void rangesAreOrderedAndBounded() {
        Instant t = Instant.parse("2026-12-03T10:00:00Z");
        QueryParams.checkRange(t, t.plusSeconds(60), Duration.ofHours(24));
        assertThatThrownBy(() -> QueryParams.checkRange(t, t, Duration.ofHours(24))).hasMessageContaining("before");
        assertThatThrownBy(() -> QueryParams.checkRange(t, t.plus(Duration.ofHours(25)), Duration.ofHours(24)))
                .hasMessageContaining("at most 24 h");
    }

    @Test
    void sizesAreBoundedIntegers() {
        assertThat(QueryParams.bounded("size", null, 100, 1000)).isEqualTo(100);
        assertThat(QueryParams.bounded("size", "1000", 100, 1000)).isEqualTo(1000);
        assertThatThrownBy(() -> QueryParams.bounded("size", "1001", 100, 1000)).hasMessageContaining("from 1 to 1000");
        assertThatThrownBy(() -> QueryParams.bounded("size", "1e3", 100, 1000)).hasMessageContaining("integer");
    }

    @Test
    void dimensionIsPageOrProduct() {
        assertThat(QueryParams.dimension("page")).isEqualTo("page");
        assertThatThrownBy(() -> QueryParams.dimension("Page")).hasMessageContaining("page or product");
    }

    @Test
    void breakdownDimensionIsOneOfTheEightDocumentDimensions() {
        for (String d : new String[] {"site", "referrer", "utm_source", "utm_medium", "utm_campaign", "device", "browser", "os"}) {
            assertThat(QueryParams.breakdownDimension(d).wireName()).isEqualTo(d);
        }
        for (String bad : new String[] {"page", "product", "SITE", "utm-source", "site ", "*", ""}) {
            assertThatThrownBy(() -> QueryParams.breakdownDimension(bad)).as(bad).isInstanceOf(QueryProblem.class)
                    .hasMessageContaining("dimension must be one of site, referrer, utm_source, utm_medium, utm_campaign, device, browser, os")
                    .satisfies(e -> assertThat(((QueryProblem) e).status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> QueryParams.breakdownDimension(null)).hasMessageEndingWith("got nothing");
    }
}
