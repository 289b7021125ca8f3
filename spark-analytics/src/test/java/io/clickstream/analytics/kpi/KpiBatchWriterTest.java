package io.clickstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.session.SessionDocuments;
import io.clickstream.analytics.session.SessionTally;
import io.clickstream.analytics.sink.DocumentSink;
import io.clickstream.analytics.testing.MemoryPaneStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The documents a batch writes: every window holding a pane whose events changed gets all its
 * documents; a window holding only panes whose session sums changed (a session moved away or closed)
 * gets its KPI and funnel documents, not its rankings, which cannot have changed.
 */
class KpiBatchWriterTest {

    private static final long T0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
    private static final PaneFold.Fields FIELDS = new PaneFold.Fields(1, 3, 4, 5, 6, 7, 8);

    @Test
    void aPaneWithOnlySessionSumsRewritesItsWindowsKpiAndFunnelDocumentsOnly() {
        AnalyticsConfig config = AnalyticsConfig.defaults();
        List<String> written = new ArrayList<>();
        DocumentSink sink = documents -> documents.forEach(d -> written.add(d.id()));
        KpiBatchWriter writer = new KpiBatchWriter(config, sink, new MemoryPaneStore(), new SessionDocuments(config.funnel()));
        int lgK = KpiAggregation.lgConfigK(config.approxRsd());

        PaneFold events = new PaneFold(lgK);
        events.add(RowFactory.create("e-1", "page_view", new Timestamp(T0 + 1_000), "u1", null, null, "/home", null, null), FIELDS);
        events.merge(PaneFold.ofSessions(new SessionTally(1, 1, 0, 1, 1, new long[] {1, 0, 0}), lgK));
        writer.write(List.of(partial(events)).iterator(), 0, "run", 0);
        // 6 sliding windows and the hour: KPI, one top page, three funnel steps each
        assertThat(written).hasSize(7 * 5).anyMatch(id -> id.startsWith("top|"));

        written.clear();
        PaneFold closed = PaneFold.ofSessions(new SessionTally(0, 0, 0, 0, -1, new long[0]), lgK);
        writer.write(List.of(partial(closed)).iterator(), 1, "run", 0);
        assertThat(written).hasSize(7 * 4).noneMatch(id -> id.startsWith("top|"));
    }

    private static Row partial(PaneFold fold) {
        return RowFactory.create(new Timestamp(T0), fold.toBytes());
    }
}
