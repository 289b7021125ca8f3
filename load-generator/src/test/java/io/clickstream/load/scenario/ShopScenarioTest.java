package io.clickstream.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.ClickEvent;
import io.clickstream.event.EventJson;
import io.clickstream.event.EventType;
import io.clickstream.event.EventValidator;
import io.clickstream.load.dsl.Scenario;
import io.clickstream.load.dsl.Session;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopScenarioTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final int USERS = 5000;

    private static Session play(int i) {
        Scenario sc = ShopScenario.scenario();
        return sc.play(new Session(i, Session.randomFor(11, i, 0), T0, 0, Long.MAX_VALUE / 4, i % 2 == 0, "u"));
    }

    @Test
    void funnelRatesAreRealistic() {
        int bounces = 0;
        int homeLandings = 0;
        int carts = 0;
        int buyers = 0;
        for (int i = 0; i < USERS; i++) {
            List<ClickEvent> ev = play(i).emitted();
            assertThat(ev.get(0).type()).isEqualTo(EventType.PAGE_VIEW);
            assertThat(ev.get(0).page().path()).matches("/|/products/sku-\\d+");
            if (ev.size() == 1) {
                bounces++;
            }
            if (ev.get(0).page().path().equals("/")) {
                homeLandings++;
            }
            if (ev.stream().anyMatch(e -> e.type() == EventType.ADD_TO_CART)) {
                carts++;
            }
            if (ev.stream().anyMatch(e -> e.type() == EventType.PURCHASE)) {
                buyers++;
            }
        }
        assertThat(bounces / (double) USERS).isBetween(0.32, 0.38);            // 35 %
        assertThat(homeLandings / (double) USERS).isBetween(0.62, 0.68);       // 65 %
        assertThat(carts / (double) USERS).isBetween(0.20, 0.255);             // 0.65 × 0.35 ≈ 22.8 %
        assertThat(buyers / (double) USERS).isBetween(0.07, 0.105);            // 0.65 × 0.35 × 0.45 × 0.85 ≈ 8.7 %
    }

    @Test
    void shoppersStayFarBelowTheBotThresholdsAndSendValidEvents() {
        EventValidator validator = new EventValidator();
        for (int i = 0; i < USERS; i++) {
            Session s = play(i);
            List<ClickEvent> ev = s.emitted();
            assertThat(ev.size()).isLessThanOrEqualTo(20);
            assertThat(ev.stream().filter(e -> e.type() == EventType.CLICK).count()).isLessThanOrEqualTo(8);
            assertThat(ev.stream().filter(e -> e.type() == EventType.PAGE_VIEW).count()).isLessThanOrEqualTo(9);
            for (int k = 1; k < ev.size(); k++) {
                assertThat(s.emittedAt().get(k) - s.emittedAt().get(k - 1)).as("think time").isGreaterThanOrEqualTo(1_000_000_000L);
            }
            if (i < 300) {
                for (ClickEvent e : ev) {
                    assertThat(validator.validate(EventJson.toTree(e))).as(EventJson.write(e)).isEmpty();
                }
            }
        }
    }

    @Test
    void purchaseRevenueIsTheSumOfTheCart() {
        int checked = 0;
        for (int i = 0; i < USERS && checked < 50; i++) {
            for (ClickEvent e : play(i).emitted()) {
                if (e.type() == EventType.PURCHASE) {
                    BigDecimal sum = e.order().items().stream()
                            .map(it -> it.price().multiply(BigDecimal.valueOf(it.quantity())))
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(e.order().revenue()).isEqualByComparingTo(sum);
                    assertThat(e.order().currency()).isEqualTo("EUR");
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(50);
    }
}
