package io.clickstream.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.Ledger.AnomalyRecord;
import io.clickstream.load.ledger.Ledger.SiteAnomalyRecord;
import io.clickstream.load.verify.AlertCheck.AlertDoc;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertCheckTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final String RUN = "a1b2c3d4";

    private static final List<AnomalyRecord> INJECTED = List.of(
            new AnomalyRecord("click_burst", "bot-click-" + RUN + "-0", T, 41, 41, true),
            new AnomalyRecord("page_view_flood", "bot-flood-" + RUN + "-0", T, 100, 100, true),
            new AnomalyRecord("click_burst", "bot-click-" + RUN + "-1", T, 41, 3, false));

    /** A 20-minute run; site rules judged from 10:04:20 to 10:20; one revenue drop 10:05:05 … 10:06:35. */
    private static Ledger ledger(List<SiteAnomalyRecord> site) {
        Ledger.RunInfo run = new Ledger.RunInfo(7, RUN, "shop", T, T.plusSeconds(1210), T, "http", "test", "60s/10s", 60, 10,
                10, T.plusSeconds(260), T.plusSeconds(1200), false);
        Ledger.Totals totals = new Ledger.Totals(1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, BigDecimal.ZERO, 1);
        return new Ledger(Ledger.FORMAT, run, totals, List.of(), INJECTED, site);
    }

    private static final List<SiteAnomalyRecord> REVENUE_DROP = List.of(new SiteAnomalyRecord("revenue-drop",
            T.plusSeconds(305), T.plusSeconds(395), List.of("revenue_drop")));

    private static AlertDoc alert(String rule, String entity) {
        return alert(rule, entity, 0, 10);
    }

    private static AlertDoc alert(String rule, String entity, long from, long to) {
        return new AlertDoc("alert|" + rule + "|" + entity + "|" + T.plusSeconds(from).toEpochMilli(), rule, entity,
                T.plusSeconds(from), T.plusSeconds(to));
    }

    @Test
    void allBotsAlertedAndNothingElseIsPerfectAndOtherRunsAreSkippedByName() {
        AlertCheck c = AlertCheck.check(ledger(List.of()), List.of(alert("click_burst", "bot-click-" + RUN + "-0"),
                alert("page_view_flood", "bot-flood-" + RUN + "-0"), alert("click_burst", "bot-click-" + RUN + "-1"),
                alert("click_burst", "bot-click-ffff0000-0"), alert("revenue_drop", "default", 1250, 1310)));
        assertThat(c.recall()).isEqualTo(1.0);
        assertThat(c.precision()).isEqualTo(1.0);
        assertThat(c.passed()).isTrue();
        assertThat(c.foreign()).hasSize(2).anySatisfy(f -> assertThat(f).contains("bot-click-ffff0000-0", "another run's user"))
                .anySatisfy(f -> assertThat(f).contains("revenue_drop", "outside this run's judged site range"));
    }

    @Test
    void aMissedBotLowersRecallAndAShopperAlertLowersPrecision() {
        AlertCheck c = AlertCheck.check(ledger(List.of()), List.of(alert("click_burst", "bot-click-" + RUN + "-0"),
                alert("page_view_flood", "u-" + RUN + "-17"), alert("click_burst", "bot-flood-" + RUN + "-0")));
        assertThat(c.recall()).isEqualTo(0.5);
        assertThat(c.missed()).containsExactly("page_view_flood bot-flood-" + RUN + "-0");
        assertThat(c.unexpected()).hasSize(2).anySatisfy(u -> assertThat(u).startsWith("alert|page_view_flood|u-" + RUN + "-17|"))
                .anySatisfy(u -> assertThat(u).startsWith("alert|click_burst|bot-flood-" + RUN + "-0|"));
        assertThat(c.precision()).isEqualTo(1 / 3.0);
        assertThat(c.passed()).isFalse();
    }

    @Test
    void twoDocumentsForOneBotAreADuplicateEpisode() {
        AlertCheck c = AlertCheck.check(ledger(List.of()), List.of(alert("click_burst", "bot-click-" + RUN + "-0", 0, 10),
                alert("click_burst", "bot-click-" + RUN + "-0", 40, 50), alert("page_view_flood", "bot-flood-" + RUN + "-0")));
        assertThat(c.passed()).isFalse();
        assertThat(c.duplicates()).singleElement().satisfies(d -> assertThat(d)
                .contains("click_burst bot-click-" + RUN + "-0", "2 documents for one episode"));
    }

    @Test
    void aSiteAnomalyNeedsExactlyOneAlertOfEachExpectedRuleAndNothingElseInTheJudgedRange() {
        AlertDoc drop = alert("revenue_drop", "default", 270, 400);
        List<AlertDoc> bots = List.of(alert("click_burst", "bot-click-" + RUN + "-0"), alert("page_view_flood", "bot-flood-" + RUN + "-0"));
        List<AlertDoc> found = new java.util.ArrayList<>(bots);
        found.add(drop);
        assertThat(AlertCheck.check(ledger(REVENUE_DROP), found).passed()).isTrue();

        AlertCheck missed = AlertCheck.check(ledger(REVENUE_DROP), bots);
        assertThat(missed.missed()).singleElement().satisfies(m -> assertThat(m).contains("revenue_drop during revenue-drop"));

        List<AlertDoc> spurious = new java.util.ArrayList<>(found);
        spurious.add(alert("conversion_drop", "default", 600, 700));
        AlertCheck c = AlertCheck.check(ledger(REVENUE_DROP), spurious);
        assertThat(c.unexpected()).singleElement().satisfies(u -> assertThat(u)
                .startsWith("alert|conversion_drop|default|").contains("no conversion_drop was injected there"));
        assertThat(c.precision()).isEqualTo(3 / 4.0);
    }
}
