package io.clickstream.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.event.EventJson;
import io.clickstream.load.ledger.Ledger.AnomalyRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertCheckTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<AnomalyRecord> INJECTED = List.of(
            new AnomalyRecord("click_burst", "bot-click-0", T, 41, 41, true),
            new AnomalyRecord("page_view_flood", "bot-flood-0", T, 100, 100, true),
            new AnomalyRecord("click_burst", "bot-click-1", T, 41, 3, false));

    private static JsonNode alert(String rule, String entity) throws Exception {
        return EventJson.readTree("{\"rule\":\"" + rule + "\",\"entity\":\"" + entity + "\"}");
    }

    @Test
    void allBotsAlertedAndNothingElseIsPerfect() throws Exception {
        AlertCheck c = AlertCheck.check(INJECTED, List.of(alert("click_burst", "bot-click-0"),
                alert("click_burst", "bot-click-0"), alert("page_view_flood", "bot-flood-0"),
                alert("click_burst", "bot-click-1"), alert("revenue_drop", "site")));
        assertThat(c.recall()).isEqualTo(1.0);
        assertThat(c.precision()).isEqualTo(1.0);
        assertThat(c.passed()).isTrue();
    }

    @Test
    void aMissedBotLowersRecallAndAShopperAlertLowersPrecision() throws Exception {
        AlertCheck c = AlertCheck.check(INJECTED, List.of(alert("click_burst", "bot-click-0"),
                alert("page_view_flood", "u-17"), alert("click_burst", "bot-flood-0")));
        assertThat(c.recall()).isEqualTo(0.5);
        assertThat(c.missed()).containsExactly("page_view_flood bot-flood-0");
        assertThat(c.unexpected()).containsExactly("click_burst bot-flood-0", "page_view_flood u-17");
        assertThat(c.precision()).isEqualTo(1 / 3.0);
        assertThat(c.passed()).isFalse();
    }
}
