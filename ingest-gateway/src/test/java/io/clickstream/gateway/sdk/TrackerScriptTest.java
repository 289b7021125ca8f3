package io.clickstream.gateway.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TrackerScriptTest {

    @Test
    void theBuiltTrackerIsMinifiedAndWithinTheGzipBudget() throws IOException {
        TrackerScript script = TrackerScript.load();
        String text = new String(script.plain(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("/*! Clickstream tracker").contains("sendBeacon", "keepalive", "/v1/events");
        assertThat(text.lines().count()).as("minified: the licence comment and one line of code").isLessThanOrEqualTo(3);
        assertThat(script.gzipped().length)
                .as("gzipped tracker bytes (budget %d; the readable source is src/main/tracker/clickstream.js)",
                        TrackerScript.GZIP_BUDGET_BYTES)
                .isLessThanOrEqualTo(TrackerScript.GZIP_BUDGET_BYTES);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(script.gzipped()))) {
            assertThat(in.readAllBytes()).isEqualTo(script.plain());
        }
    }

    @Test
    void theEtagFollowsTheContent() {
        TrackerScript a = TrackerScript.of("a()".getBytes(StandardCharsets.UTF_8));
        TrackerScript b = TrackerScript.of("b()".getBytes(StandardCharsets.UTF_8));
        assertThat(a.etag()).matches("\"[0-9a-f]{20}\"").isNotEqualTo(b.etag())
                .isEqualTo(TrackerScript.of("a()".getBytes(StandardCharsets.UTF_8)).etag());
        assertThat(a.gzipEtag()).isEqualTo(a.etag().replace("\"", "").transform(t -> "\"" + t + "-gz\""));
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsEitherRepresentationsTag() {
        TrackerScript script = TrackerScript.of("a()".getBytes(StandardCharsets.UTF_8));
        assertThat(script.matches(script.etag())).isTrue();
        assertThat(script.matches("W/" + script.gzipEtag())).isTrue();
        assertThat(script.matches("\"other\", " + script.etag())).isTrue();
        assertThat(script.matches("*")).isTrue();
        assertThat(script.matches("\"other\"")).isFalse();
        assertThat(script.matches(null)).isFalse();
    }

    @Test
    void gzipIsSentOnlyWhenAccepted() {
        assertThat(TrackerScriptRoute.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(TrackerScriptRoute.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(TrackerScriptRoute.acceptsGzip("*")).isTrue();
        assertThat(TrackerScriptRoute.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(TrackerScriptRoute.acceptsGzip("identity")).isFalse();
        assertThat(TrackerScriptRoute.acceptsGzip(null)).isFalse();
    }
}
