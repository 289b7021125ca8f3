package io.clickstream.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteResolverTest {

    @Test
    void withoutKeysEverythingIsTheDefaultSite() {
        assertThat(SiteResolver.resolve(Map.of(), "default", null)).contains("default");
        assertThat(SiteResolver.resolve(Map.of(), "default", "whatever")).contains("default");
    }

    @Test
    void withKeysOnlyKnownKeysPass() {
        Map<String, String> sites = Map.of("wk_shop", "shop", "wk_blog", "blog");
        assertThat(SiteResolver.resolve(sites, "default", "wk_blog")).contains("blog");
        assertThat(SiteResolver.resolve(sites, "default", "wk_nope")).isEmpty();
        assertThat(SiteResolver.resolve(sites, "default", null)).isEmpty();
        assertThat(SiteResolver.resolve(sites, "default", " ")).isEmpty();
    }
}
