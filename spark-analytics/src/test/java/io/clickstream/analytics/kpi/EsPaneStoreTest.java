package io.clickstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.session.SessionTally;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EsPaneStoreTest {

    @Test
    void aPaneSurvivesItsDocumentExactly() {
        Pane pane = new Pane(1_764_064_800_000L, 12, 5, 3, 2, 2, new BigDecimal("1834.05"), new byte[] {1, 2, 3, -1},
                List.of(new TopN.Entry("/a.b/c?x=\"1\"", 7, 0), new TopN.Entry("/é", 5, 0)),
                List.of(new TopN.Entry("p-1", 3, 183405)));

        PaneStore.Stored back = EsPaneStore.fromJson(EsPaneStore.toJson("run-1", new PaneStore.Stored(pane, 41)));

        assertThat(back.pane()).usingRecursiveComparison().isEqualTo(pane);
        assertThat(back.pane().revenue()).hasToString("1834.05");
        assertThat(back.batchId()).as("the micro-batch that last changed it").isEqualTo(41);
    }

    @Test
    void aPaneKeepsItsSessionsAndAPaneStoredWithoutThemHasNone() {
        SessionTally sessions = new SessionTally(3, 1, 125_000, 7, 2, new long[] {3, 1, -1});
        Pane pane = new Pane(1_764_064_800_000L, 1, 0, 0, 0, 0, new BigDecimal("0.00"), new byte[0], List.of(), List.of(),
                sessions, null);

        ObjectNode doc = EsPaneStore.toJson("run-1", new PaneStore.Stored(pane, 7));
        assertThat(EsPaneStore.fromJson(doc).pane().sessions()).isEqualTo(sessions);

        doc.remove("sessions");
        assertThat(EsPaneStore.fromJson(doc).pane().sessions().isEmpty()).as("a pane of an earlier version").isTrue();
    }
}
