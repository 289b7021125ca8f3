package io.clickstream.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.alert.Alert;
import io.clickstream.analytics.alert.AlertDocuments;
import io.clickstream.analytics.breakdown.BreakdownDocuments;
import io.clickstream.analytics.breakdown.BreakdownRanking;
import io.clickstream.analytics.config.BackfillRange;
import io.clickstream.analytics.kpi.KpiDocuments;
import io.clickstream.analytics.kpi.TopN;
import io.clickstream.analytics.kpi.WindowKpis;
import io.clickstream.analytics.testing.MapSink;
import io.clickstream.dimensions.Dimension;
import io.clickstream.es.EsDocument;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The backfill's output filter on the job's real document shapes: which windows and episodes it writes. */
class BackfillFilterTest {

    private static final Instant FROM = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T12:30:00Z");
    private static final Duration GAP = Duration.ofSeconds(30);
    private static final BackfillRange RANGE = new BackfillRange(FROM, TO, Duration.ofMinutes(2));
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    private final MapSink target = new MapSink();
    private final BackfillFilter filter = new BackfillFilter(target, RANGE, Set.of("click_burst", "page_view_flood"), GAP);

    @Test
    void writesKpiAndTopNDocumentsOfWindowsEntirelyWithinTheRangeOnly() {
        List<EsDocument> docs = new ArrayList<>();
        // Sliding 60s/10s: one starting 10 s before the range (partly outside), the first and the last inside,
        // one ending 10 s after the range.
        docs.addAll(sliding(FROM.minusSeconds(10)));
        docs.addAll(sliding(FROM));
        docs.addAll(sliding(TO.minusSeconds(60)));
        docs.addAll(sliding(TO.minusSeconds(50)));
        // Hourly: 09:00 (before), 10:00 and 11:00 (inside), 12:00 (ends 13:00, after --to 12:30).
        for (int h = 9; h <= 12; h++) {
            docs.addAll(KpiDocuments.of(window("1h", Instant.parse("2026-12-01T%02d:00:00Z".formatted(h)), Duration.ofHours(1)), NOW));
        }
        filter.writeSearchable(docs);

        assertThat(target.docs().keySet()).containsExactlyInAnyOrder(
                "kpi|60s/10s|" + FROM.toEpochMilli(), "top|60s/10s|" + FROM.toEpochMilli() + "|page|1",
                "top|60s/10s|" + FROM.toEpochMilli() + "|product|1",
                "kpi|60s/10s|" + TO.minusSeconds(60).toEpochMilli(), "top|60s/10s|" + TO.minusSeconds(60).toEpochMilli() + "|page|1",
                "top|60s/10s|" + TO.minusSeconds(60).toEpochMilli() + "|product|1",
                "kpi|1h|" + Instant.parse("2026-12-01T10:00:00Z").toEpochMilli(),
                "top|1h|" + Instant.parse("2026-12-01T10:00:00Z").toEpochMilli() + "|page|1",
                "top|1h|" + Instant.parse("2026-12-01T10:00:00Z").toEpochMilli() + "|product|1",
                "kpi|1h|" + Instant.parse("2026-12-01T11:00:00Z").toEpochMilli(),
                "top|1h|" + Instant.parse("2026-12-01T11:00:00Z").toEpochMilli() + "|page|1",
                "top|1h|" + Instant.parse("2026-12-01T11:00:00Z").toEpochMilli() + "|product|1");
        assertThat(filter.written()).containsEntry(BackfillFilter.Kind.KPI, 4).containsEntry(BackfillFilter.Kind.TOP_N, 8)
                .containsEntry(BackfillFilter.Kind.ALERT, 0);
        assertThat(filter.dropped()).isEqualTo(4 * 3);
    }

    @Test
    void writesBreakdownDocumentsOfWindowsWithinTheRangeLikeKpis() {
        List<BreakdownRanking.Ranked> ranked = List.of(
                new BreakdownRanking.Ranked(Dimension.REFERRER, "google.com", 1, 3, 0, 0, 0, 0, 0, 2));
        filter.write(BreakdownDocuments.of("60s/10s", FROM, FROM.plusSeconds(60), ranked, NOW));
        filter.write(BreakdownDocuments.of("60s/10s", FROM.minusSeconds(10), FROM.plusSeconds(50), ranked, NOW));
        assertThat(target.docs().keySet()).containsExactly("breakdown|60s/10s|" + FROM.toEpochMilli() + "|referrer|1");
        assertThat(filter.written()).containsEntry(BackfillFilter.Kind.BREAKDOWN, 1);
    }

    @Test
    void rewritingAWindowCountsItOnce() {
        filter.write(sliding(FROM));
        filter.write(sliding(FROM));
        assertThat(filter.written()).containsEntry(BackfillFilter.Kind.KPI, 1).containsEntry(BackfillFilter.Kind.TOP_N, 2);
    }

    @Test
    void dropsRejectsAndAlertsOfRulesItDoesNotRecompute() {
        filter.write(List.of(new EsDocument(Indices.REJECTS, "clicks|0|7", "{\"topic\":\"clicks\"}"),
                AlertDocuments.of(alert("revenue_drop", "shop", FROM.plusSeconds(600), FROM.plusSeconds(660)))));
        filter.finish();
        assertThat(target.docs()).isEmpty();
        assertThat(filter.dropped()).isEqualTo(2);
    }

    @Test
    void writesUserAlertEpisodesThatStartAndEndInTheRangeOnlyInTheirFinalState() {
        Instant inside = FROM.plusSeconds(600);
        Alert kept = alert("click_burst", "bot-1", inside, inside.plusSeconds(5));
        Alert startedBefore = alert("click_burst", "bot-2", FROM.minusSeconds(1), FROM.plusSeconds(5));
        Alert startsAtFrom = alert("page_view_flood", "bot-3", FROM, FROM.plusSeconds(5));
        // Its last exceedance is exactly the quiet gap before --to: an exceedance at --to would still extend it.
        Alert mayGoOn = alert("click_burst", "bot-4", TO.minusSeconds(60), TO.minus(GAP));
        Alert closesJustInside = alert("click_burst", "bot-5", TO.minusSeconds(60), TO.minus(GAP).minusMillis(1));
        // bot-6's episode looks inside the range in an early micro-batch and grows past it later.
        Alert growing = alert("click_burst", "bot-6", TO.minusSeconds(90), TO.minusSeconds(80));
        Alert grown = alert("click_burst", "bot-6", TO.minusSeconds(90), TO.plusSeconds(20));

        filter.write(List.of(AlertDocuments.of(kept), AlertDocuments.of(startedBefore), AlertDocuments.of(startsAtFrom),
                AlertDocuments.of(growing)));
        assertThat(target.docs()).as("alerts wait for the end of the run").isEmpty();
        filter.write(List.of(AlertDocuments.of(mayGoOn), AlertDocuments.of(closesJustInside), AlertDocuments.of(grown)));
        filter.finish();

        assertThat(target.docs().keySet()).containsExactlyInAnyOrder(kept.id(), startsAtFrom.id(), closesJustInside.id());
        assertThat(filter.written()).containsEntry(BackfillFilter.Kind.ALERT, 3);
    }

    @Test
    void rangeBoundsAndTheMarginItNeeds() {
        assertThat(RANGE.readFrom()).isEqualTo(FROM.minusSeconds(120));
        assertThat(RANGE.readUntil()).isEqualTo(TO.plusSeconds(120));
        assertThat(RANGE.containsWindow(FROM.toEpochMilli(), TO.toEpochMilli())).isTrue();
        assertThat(RANGE.containsWindow(FROM.toEpochMilli() - 1, FROM.toEpochMilli() + 60_000)).isFalse();
        assertThat(RANGE.containsWindow(TO.toEpochMilli() - 60_000, TO.toEpochMilli() + 1)).isFalse();
        assertThat(BackfillRange.neededMargin(Duration.ofMinutes(2), Duration.ofSeconds(60), GAP)).isEqualTo(Duration.ofMinutes(2));
        assertThat(BackfillRange.neededMargin(Duration.ofSeconds(10), Duration.ofSeconds(60), GAP)).isEqualTo(Duration.ofSeconds(90));
    }

    private static List<EsDocument> sliding(Instant start) {
        return KpiDocuments.of(window("60s/10s", start, Duration.ofSeconds(60)), NOW);
    }

    private static WindowKpis window(String granularity, Instant start, Duration size) {
        return new WindowKpis(granularity, start, start.plus(size), 10, 4, 2, 1, 1, new BigDecimal("19.00"), 3,
                List.of(new TopN.Entry("/", 10, 0)), List.of(new TopN.Entry("p-1", 1, 1900)));
    }

    private static Alert alert(String rule, String entity, Instant episodeStart, Instant lastExceedance) {
        return new Alert(rule, "warning", entity, episodeStart.toEpochMilli(), episodeStart.minusSeconds(9).toEpochMilli(),
                lastExceedance.toEpochMilli(), 25, 20, episodeStart.toEpochMilli(), NOW.toEpochMilli(), List.of("e-1"));
    }
}
