package io.clickstream.analytics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalyticsOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AnalyticsConfig c = AnalyticsOptions.parse("--kafka", "k:1", "--es", "http://e:2", "--checkpoint", "/tmp/cp",
                "--master", "local[*]");
        assertThat(c.kafkaBootstrap()).isEqualTo("k:1");
        assertThat(c.esUrl()).isEqualTo("http://e:2");
        assertThat(c.checkpointDir()).isEqualTo("/tmp/cp");
        assertThat(c.master()).isEqualTo("local[*]");
        assertThat(c.topics()).containsExactly("page_views", "clicks", "add_to_cart", "purchases");
        assertThat(c.startingOffsets()).isEqualTo("earliest");
        assertThat(c.trigger()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.windowSize()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.windowSlide()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.watermark()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.hourly()).isTrue();
        assertThat(c.sessions()).isTrue();
        assertThat(c.breakdowns()).isTrue();
        assertThat(c.shufflePartitions()).isEqualTo(AnalyticsConfig.defaultShufflePartitions()).isBetween(2, 8);
        assertThat(c.readTasks()).isEqualTo(2 * AnalyticsConfig.defaultShufflePartitions()).isBetween(4, 16);
        assertThat(c.rejectsTrigger()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.topN()).isEqualTo(10);
        assertThat(c.approxRsd()).isEqualTo(0.05);
        assertThat(c.slidingGranularity()).isEqualTo("60s/10s");
        assertThat(c).isEqualTo(AnalyticsConfig.builder().kafkaBootstrap("k:1").esUrl("http://e:2").checkpointDir("/tmp/cp").build());
    }

    @Test
    void readTasksZeroKeepsOneTaskPerKafkaPartition() {
        assertThat(AnalyticsOptions.parse("--read-tasks", "0").readTasks()).isZero();
        assertThat(AnalyticsOptions.parse("--read-tasks", "3").readTasks()).isEqualTo(3);
    }

    @Test
    void flagsOverrideDefaults() {
        AnalyticsConfig c = AnalyticsOptions.parse("--window", "2m", "--slide", "30s", "--watermark", "5m",
                "--trigger", "500ms", "--no-hourly", "--no-sessions", "--no-breakdowns", "--top-n", "3", "--master", "submit",
                "--conf", "spark.ui.enabled=true", "--topics", "clicks,purchases");
        assertThat(c.slidingGranularity()).isEqualTo("120s/30s");
        assertThat(c.watermark()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.trigger()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.hourly()).isFalse();
        assertThat(c.sessions()).isFalse();
        assertThat(c.breakdowns()).isFalse();
        assertThat(c.topN()).isEqualTo(3);
        assertThat(c.master()).as("left to spark-submit").isNull();
        assertThat(c.sparkConf()).containsEntry("spark.ui.enabled", "true");
        assertThat(c.topics()).containsExactly("clicks", "purchases");
    }

    @Test
    void rejectsWindowsThatAreNotAMultipleOfTheSlide() {
        assertThatThrownBy(() -> AnalyticsOptions.parse("--window", "60s", "--slide", "25s"))
                .hasMessageContaining("multiple of the slide");
        assertThatThrownBy(() -> AnalyticsOptions.parse("--trigger", "ten seconds"))
                .hasMessageContaining("is not a duration").hasMessageContaining("500ms");
    }

    @Test
    void helpShowsTheDefaultsOfTheConfiguration() {
        String help = new picocli.CommandLine(new AnalyticsOptions()).getUsageMessage().replaceAll("\\s+", " ");
        assertThat(help).contains("micro-batch interval (default 1s)")
                .contains("accepted lateness and dedup horizon (default 2m)")
                .contains("0 = unbounded (default 250000)")
                .contains("(default 5s)");
    }

    @Test
    void durationsTakeTheSharedGrammar() {
        assertThat(AnalyticsOptions.parse("--trigger", "PT0.5S", "--watermark", "90").watermark()).isEqualTo(Duration.ofSeconds(90));
        assertThat(AnalyticsOptions.parse("--trigger", "PT0.5S").trigger()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void runsTheOnePassQueryUnlessSeparateQueriesAreNamed() {
        AnalyticsConfig byDefault = AnalyticsOptions.parse();
        assertThat(byDefault.queries()).containsExactly("job");
        assertThat(byDefault.onePass()).isTrue();
        AnalyticsConfig split = AnalyticsOptions.parse("--queries", "alerts-users,alerts-sites");
        assertThat(split.queries()).containsExactly("alerts-users", "alerts-sites");
        assertThat(split.onePass()).isFalse();
        assertThat(split.runs("alerts-users")).isTrue();
        assertThat(split.runs("kpis")).isFalse();
        assertThatThrownBy(() -> AnalyticsOptions.parse("--queries", "kpis,sessions"))
                .hasMessageContaining("subset of [kpis, rejects, alerts-users, alerts-sites]");
        // The one-pass query already writes everything: mixed with a separate query it would write twice.
        assertThatThrownBy(() -> AnalyticsOptions.parse("--queries", "job,kpis"))
                .hasMessageContaining("queries must be job (the one-pass job) or");
    }

    @Test
    void theHourlyRollUpNeedsASlideThatDividesAnHour() {
        assertThatThrownBy(() -> AnalyticsOptions.parse("--window", "70s", "--slide", "7s"))
                .hasMessageContaining("divides 1h");
        assertThat(AnalyticsOptions.parse("--window", "70s", "--slide", "7s", "--no-hourly").hourly()).isFalse();
    }

    @Test
    void sessionsAndTheFunnelHaveDocumentedDefaultsAndFlags() {
        AnalyticsConfig defaults = AnalyticsOptions.parse();
        assertThat(defaults.sessionGap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.funnel().name()).isEqualTo("default");
        assertThat(defaults.funnel().spec()).isEqualTo("page_view,add_to_cart,purchase");

        AnalyticsConfig c = AnalyticsOptions.parse("--session-gap", "10m", "--funnel-name", "checkout",
                "--funnel", "page_view[page.path=/product/*],add_to_cart[product.category=books,toys],purchase");
        assertThat(c.sessionGap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.funnel().name()).isEqualTo("checkout");
        assertThat(c.funnel().steps()).extracting(s -> s.name()).containsExactly("page_view[page.path=/product/*]",
                "add_to_cart[product.category=books,toys]", "purchase");
        assertThat(c.funnel().filterColumns()).containsExactly("page_path", "product_category");
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void aBadFunnelStepIsNamed() {
        assertThatThrownBy(() -> AnalyticsOptions.parse("--funnel", "page_view,add_to_basket"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'add_to_basket'")
                .hasMessageContaining("page_view, click, add_to_cart, purchase");
        assertThatThrownBy(() -> AnalyticsOptions.parse("--funnel", "page_view[page.title=x*]"))
                .hasMessageContaining("page_view[page.title=x*]").hasMessageContaining("page.path");
        assertThatThrownBy(() -> AnalyticsOptions.parse("--funnel", "page_view,,purchase"))
                .hasMessageContaining("empty step");
        assertThatThrownBy(() -> AnalyticsOptions.parse("--session-gap", "0s")).hasMessageContaining("session gap");
    }

    @Test
    void helpShowsTheSessionAndFunnelDefaults() {
        String usage = new picocli.CommandLine(new AnalyticsOptions()).getUsageMessage().replaceAll("\\s+", " ");
        assertThat(usage).contains("--session-gap").contains("default 30m")
                .contains("--funnel").contains("default page_view,add_to_cart,purchase")
                .contains("--funnel-name").contains("default default");
    }
}
