package io.clickstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed Kibana NDJSON and Grafana dashboard are exactly what the generators write. After a
 * change to a generator, rewrite them with
 * {@code ./mvnw -B -pl grafana-kibana test -Dtest=GeneratedFilesTest -Ddashboards.regenerate=true}.
 */
class GeneratedFilesTest {

    static final Path ROOT = Path.of(System.getProperty("clickstream.dashboards.dir", "."));
    static final Path KIBANA_NDJSON = ROOT.resolve("kibana/clickstream.ndjson");
    static final Path GRAFANA_DASHBOARD = ROOT.resolve("grafana/dashboards/clickstream.json");
    private static final boolean REGENERATE = Boolean.getBoolean("dashboards.regenerate");

    @Test
    void kibanaSavedObjectsAreWhatTheGeneratorWrites() throws IOException {
        check(KIBANA_NDJSON, KibanaSavedObjects.ndjson());
    }

    @Test
    void grafanaDashboardIsWhatTheGeneratorWrites() throws IOException {
        check(GRAFANA_DASHBOARD, GrafanaDashboard.json());
    }

    private static void check(Path file, String generated) throws IOException {
        if (REGENERATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated);
        }
        assertThat(file).as(file + " is missing: run with -Ddashboards.regenerate=true").exists();
        assertThat(Files.readString(file))
                .as(file + " differs from its generator; rewrite it with -Ddashboards.regenerate=true and commit it")
                .isEqualTo(generated);
    }
}
