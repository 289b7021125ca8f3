package io.clickstream.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickstream.analytics.config.AnalyticsConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AlertConfig c = AlertConfig.defaults();
        assertThat(c.userRules()).containsExactly(
                new AlertConfig.UserRule("click_burst", "click", 20, Duration.ofSeconds(10)),
                new AlertConfig.UserRule("page_view_flood", "page_view", 60, Duration.ofSeconds(60)));
        assertThat(c.trigger()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.watermark()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.site().bucketsPerWindow()).isEqualTo(6);
        assertThat(c.site().stallAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.site().partitions()).isEqualTo(1);
        assertThat(c.kafkaTopic()).isEmpty();
    }

    @Test
    void alertKeysOverrideDefaultsAndOtherKeysAreIgnored() {
        AlertConfig c = AlertConfig.fromProperties(Map.of(
                "alert.click-burst.threshold", "30", "alert.click-burst.window", "5s",
                "alert.site.stall-after", "2m", "alert.episode.quiet-gap", "1500ms",
                "alert.site.ewma-alpha", "0.2", "spark.sql.shuffle.partitions", "8"));
        assertThat(c.userRules().get(0)).isEqualTo(new AlertConfig.UserRule("click_burst", "click", 30, Duration.ofSeconds(5)));
        assertThat(c.site().stallAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.episodeQuietGap()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.site().ewmaAlpha()).isEqualTo(0.2);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.click-burst.threshold", "many")))
                .hasMessageContaining("alert.click-burst.threshold");
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.watermark", "10 parsecs")))
                .hasMessageContaining("alert.watermark");
        assertThatThrownBy(() -> AlertConfig.fromProperties(Map.of("alert.site.window", "45s")))
                .hasMessageContaining("whole number");
    }

    @Test
    void theJobConfigurationProvidesCheckpointKafkaAndConfOverrides() {
        AlertConfig c = AlertConfig.from(AnalyticsConfig.builder().kafkaBootstrap("127.0.0.1:1234").esUrl("http://127.0.0.1:9")
                .checkpointDir("/tmp/cp")
                .sparkConf(Map.of("alert.page-view-flood.threshold", "100", "alert.kafka.topic", "alerts"))
                .build());
        assertThat(c.checkpointRoot()).isEqualTo("/tmp/cp");
        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:1234");
        assertThat(c.kafkaTopic()).isEqualTo("alerts");
        assertThat(c.userRules().get(1).threshold()).isEqualTo(100);
    }

    @Test
    void theUserRulesAcceptTheJobsLatenessUnlessToldOtherwise() {
        AnalyticsConfig.Builder job = AnalyticsConfig.builder().kafkaBootstrap("127.0.0.1:1234").esUrl("http://127.0.0.1:9")
                .checkpointDir("/tmp/cp").watermark(Duration.ofMinutes(5));
        assertThat(AlertConfig.from(job.build()).watermark()).isEqualTo(Duration.ofMinutes(5));
        assertThat(AlertConfig.from(job.sparkConf(Map.of("alert.watermark", "10s")).build()).watermark())
                .isEqualTo(Duration.ofSeconds(10));
    }
}
