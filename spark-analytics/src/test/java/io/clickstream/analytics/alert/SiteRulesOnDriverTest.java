package io.clickstream.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The site rules fed per-bucket sums on the driver ({@link SiteRulesOnDriver}) raise exactly what the
 * same rules fed the events raise ({@link SiteBaselineRules#add}), and a replayed or restarted batch
 * starts from the state saved by the batch before it.
 */
class SiteRulesOnDriverTest {

    private static final long MIN = 60_000;
    private static final long BATCH = 5_000;

    @Test
    void bucketSumsRaiseWhatTheEventsRaiseAcrossACheckoutOutage() throws Exception {
        AlertConfig config = AlertConfig.defaults();
        SiteBaselineRules rules = new SiteBaselineRules(config);
        SiteBaselineRules.State byEvents = rules.newState();
        SiteRulesOnDriver driver = new SiteRulesOnDriver(config, store());
        Random random = new Random(7);
        List<Alert> expected = new ArrayList<>();
        List<Alert> actual = new ArrayList<>();
        long batchId = 0;
        for (int m = 0; m < 14; m++) {
            List<SiteBaselineRules.SiteEvent> minute = SiteBaselineRulesTest.minute(m * MIN, random, m >= 10, "m" + m + "-");
            // Twelve 5 s micro-batches per minute, each holding the events of its 5 s of event time.
            for (long from = m * MIN; from < (m + 1) * MIN; from += BATCH) {
                long start = from;
                List<SiteBaselineRules.SiteEvent> batch = minute.stream()
                        .filter(e -> e.ts() >= start && e.ts() < start + BATCH).toList();
                long now = from + BATCH;
                expected.addAll(rules.add(byEvents, "shop", batch, now));
                actual.addAll(driver.onBatch(batchId++, sums(rules, config, batch), now));
            }
        }
        assertThat(expected).extracting(Alert::rule).contains(SiteBaselineRules.REVENUE_DROP,
                SiteBaselineRules.CONVERSION_DROP, SiteBaselineRules.CART_WITHOUT_PURCHASE);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void aReplayedOrRestartedBatchStartsFromThePreviousBatchsState() throws Exception {
        AlertConfig config = AlertConfig.defaults();
        SiteBaselineRules rules = new SiteBaselineRules(config);
        SiteStateStore store = store();
        SiteRulesOnDriver driver = new SiteRulesOnDriver(config, store);
        Random random = new Random(3);
        List<List<SiteBaselineRules.SiteEvent>> minutes = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            minutes.add(SiteBaselineRulesTest.minute(m * MIN, random, m >= 10, "m" + m + "-"));
        }
        List<Alert> last = List.of();
        for (int m = 0; m < 12; m++) {
            last = driver.onBatch(m, sums(rules, config, minutes.get(m)), m * MIN);
        }
        assertThat(last).isNotEmpty();
        // The same driver replays batch 11; a new driver (a restarted job) replays it from the store.
        assertThat(driver.onBatch(11, sums(rules, config, minutes.get(11)), 11 * MIN)).isEqualTo(last);
        SiteRulesOnDriver restarted = new SiteRulesOnDriver(config, store);
        assertThat(restarted.onBatch(11, sums(rules, config, minutes.get(11)), 11 * MIN)).isEqualTo(last);
    }

    @Test
    void aSilentSiteWithABaselineRaisesTrafficStallBetweenBatches() throws Exception {
        AlertConfig config = AlertConfig.defaults();
        SiteBaselineRules rules = new SiteBaselineRules(config);
        SiteRulesOnDriver driver = new SiteRulesOnDriver(config, store());
        Random random = new Random(5);
        for (int m = 0; m < 5; m++) {
            driver.onBatch(m, sums(rules, config, SiteBaselineRulesTest.minute(m * MIN, random, false, "m" + m + "-")), m * MIN);
        }
        long lastBatchAt = 4 * MIN;
        long stallAfter = config.site().stallAfter().toMillis();
        assertThat(driver.checkStalls(lastBatchAt + stallAfter - 1)).isEmpty();
        List<Alert> stall = driver.checkStalls(lastBatchAt + stallAfter);
        assertThat(stall).extracting(Alert::rule).containsExactly(SiteBaselineRules.TRAFFIC_STALL);
        // Checked again only a stall period later, updating the same episode.
        assertThat(driver.checkStalls(lastBatchAt + stallAfter + 1)).isEmpty();
        assertThat(driver.checkStalls(lastBatchAt + 2 * stallAfter)).extracting(Alert::id)
                .containsExactly(stall.get(0).id());
    }

    /** The events as a task would send them: summed per bucket, each bucket split in two partial sums, through bytes. */
    private static List<SiteBaselineRules.BucketSum> sums(SiteBaselineRules rules, AlertConfig config,
                                                          List<SiteBaselineRules.SiteEvent> events) {
        Map<String, SiteBaselineRules.BucketSum> sums = new LinkedHashMap<>();
        int i = 0;
        for (SiteBaselineRules.SiteEvent e : events) {
            long bucket = rules.bucketOf(e.ts());
            sums.computeIfAbsent(bucket + "/" + (i++ % 2), k -> new SiteBaselineRules.BucketSum("shop", bucket))
                    .add(e, config.sampleSize());
        }
        return sums.values().stream().map(s -> SiteBaselineRules.BucketSum.fromBytes(s.toBytes())).toList();
    }

    private static SiteStateStore store() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "site-rules-");
        return new SiteStateStore(dir.toAbsolutePath().toString(), new Configuration());
    }
}
