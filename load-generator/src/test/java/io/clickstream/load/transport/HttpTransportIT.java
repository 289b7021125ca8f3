package io.clickstream.load.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.event.EventType;
import io.clickstream.load.anomaly.InjectedAnomaly;
import io.clickstream.load.ledger.Delivery;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.LedgerCalculator;
import io.clickstream.load.ledger.WindowCalculator;
import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.Transport.Outcome;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a small in-test gateway that answers 200 / 400 / 503 + Retry-After. */
class HttpTransportIT {

    private static final Instant T = Instant.parse("2026-11-25T10:00:05Z");
    private FakeGateway gateway;
    private final AtomicInteger retried = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpTransport transport(String url, int maxInFlight, Duration maxRetry) {
        return new HttpTransport(new HttpTransportConfig(URI.create(url), maxInFlight, Duration.ofSeconds(5), maxRetry),
                (cause, n) -> retried.addAndGet(n));
    }

    static ScheduledEvent pageView(int i) {
        String id = new UUID(0x1234_5678_0000_4000L + i, 0x8000_0000_0000_0000L + i).toString();
        String json = "{\"event_id\":\"" + id + "\",\"type\":\"page_view\",\"ts\":\"" + T.plusSeconds(i) + "\","
                + "\"anonymous_id\":\"a-" + i + "\",\"session_id\":\"s-" + i + "\",\"page\":{\"url\":\"https://x/\"}}";
        return new ScheduledEvent(i, i, 0, Kind.NORMAL, id, EventType.PAGE_VIEW, T.plusSeconds(i), "a-" + i, null, null, json);
    }

    static ScheduledEvent malformed(int i) {
        String json = "{\"type\":\"page_view\",\"ts\":\"" + T + "\",\"anonymous_id\":\"m\",\"session_id\":\"s\",\"page\":{\"url\":\"https://x/\"}}";
        return new ScheduledEvent(i, i, 0, Kind.MALFORMED, null, null, T, "m", null, null, json);
    }

    @Test
    void batchAnswersMapByIndexAndASingleInvalidEventIsRejected() throws Exception {
        try (HttpTransport t = transport(gateway.url(), 4, Duration.ofSeconds(10))) {
            List<Outcome> out = t.send(List.of(pageView(1), malformed(2), pageView(3), pageView(1))).get(10, TimeUnit.SECONDS);
            assertThat(out).extracting(Outcome::status).containsExactly(DeliveryStatus.ACCEPTED, DeliveryStatus.REJECTED,
                    DeliveryStatus.ACCEPTED, DeliveryStatus.DUPLICATE);
            assertThat(out.get(1).cause()).contains("event_id").contains("required");
            assertThat(gateway.bodies.get(0)).startsWith("[");

            Outcome single = t.send(List.of(malformed(4))).get(10, TimeUnit.SECONDS).get(0);
            assertThat(single.status()).isEqualTo(DeliveryStatus.REJECTED);
            assertThat(gateway.bodies.get(1)).startsWith("{");
        }
    }

    @Test
    void eventsOfEachSiteGoWithTheSitesWriteKeyOneRequestPerSiteAnswersInBatchOrder() throws Exception {
        HttpTransportConfig config = new HttpTransportConfig(URI.create(gateway.url()), 4, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Map.of("shop", "wk_shop", "blog", "wk_blog", "docs", ""));
        List<ScheduledEvent> batch = List.of(onSite(pageView(1), "shop"), onSite(malformed(2), "blog"),
                onSite(pageView(3), "shop"), onSite(pageView(4), "docs"), onSite(pageView(1), "shop"));
        try (HttpTransport t = new HttpTransport(config, (cause, n) -> retried.addAndGet(n))) {
            List<Outcome> out = t.send(batch).get(10, TimeUnit.SECONDS);
            assertThat(out).extracting(Outcome::status).containsExactly(DeliveryStatus.ACCEPTED, DeliveryStatus.REJECTED,
                    DeliveryStatus.ACCEPTED, DeliveryStatus.ACCEPTED, DeliveryStatus.DUPLICATE);
        }
        assertThat(gateway.writeKeys).containsExactlyInAnyOrder("wk_shop", "wk_blog", "");
        synchronized (gateway.bodies) {
            for (int i = 0; i < gateway.bodies.size(); i++) {
                String key = gateway.writeKeys.get(i);
                String body = gateway.bodies.get(i);
                assertThat(body).as(key).contains(key.equals("wk_shop") ? "a-3" : key.equals("") ? "a-4" : "\"m\"");
            }
        }
    }

    private static ScheduledEvent onSite(ScheduledEvent e, String site) {
        return new ScheduledEvent(e.sendAtNanos(), e.ordinal(), e.seq(), e.kind(), e.eventId(), e.type(), e.ts(),
                e.partitionKey(), e.revenue(), e.orderId(), e.json(), e.pageKey(), e.items(), null, site);
    }

    @Test
    void retriesAfter503HonouringRetryAfterWithTheSameEventIds() throws Exception {
        gateway.unavailable.set(2);
        gateway.retryAfter = "1";
        try (HttpTransport t = transport(gateway.url(), 4, Duration.ofSeconds(30))) {
            long started = System.nanoTime();
            List<Outcome> out = t.send(List.of(pageView(1), pageView(2))).get(20, TimeUnit.SECONDS);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(out).extracting(Outcome::status).containsOnly(DeliveryStatus.ACCEPTED);
            assertThat(elapsedMs).as("two Retry-After: 1 waits").isBetween(1900L, 6000L);
            assertThat(gateway.bodies).hasSize(3).containsOnly(gateway.bodies.get(0));
            assertThat(retried.get()).isEqualTo(4);
        }
    }

    @Test
    void eventsStoredDespiteA503ComeBackDuplicateAndCountOnceInTheLedger() throws Exception {
        gateway.unavailable.set(1);
        gateway.storeBefore503 = true;
        gateway.retryAfter = "0";
        List<ScheduledEvent> batch = List.of(pageView(1), pageView(2), malformed(3));
        try (HttpTransport t = transport(gateway.url(), 4, Duration.ofSeconds(30))) {
            List<Outcome> out = t.send(batch).get(20, TimeUnit.SECONDS);
            assertThat(out).extracting(Outcome::status).containsExactly(DeliveryStatus.DUPLICATE, DeliveryStatus.DUPLICATE,
                    DeliveryStatus.REJECTED);
            Ledger ledger = ledgerOf(batch, out);
            assertThat(ledger.totals().acknowledged()).isEqualTo(2).isEqualTo(gateway.stored.size());
            assertThat(ledger.totals().pageViews()).isEqualTo(2);
            assertThat(ledger.totals().unacknowledged()).isZero();
        }
    }

    @Test
    void givesUpAfterTheRetryBudgetAndTheLedgerMarksTheWindowsUncertain() throws Exception {
        gateway.unavailable.set(1000);
        gateway.retryAfter = "1";
        List<ScheduledEvent> batch = List.of(pageView(1));
        try (HttpTransport t = transport(gateway.url(), 4, Duration.ofMillis(2500))) {
            long started = System.nanoTime();
            List<Outcome> out = t.send(batch).get(20, TimeUnit.SECONDS);
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(1900L, 4000L);
            assertThat(out.get(0).status()).isEqualTo(DeliveryStatus.UNACKNOWLEDGED);
            assertThat(out.get(0).cause()).isEqualTo("gave up after http 503");
            Ledger ledger = ledgerOf(batch, out);
            assertThat(ledger.totals().acknowledged()).isZero();
            assertThat(ledger.totals().unacknowledged()).isEqualTo(1);
            assertThat(ledger.windows()).isNotEmpty().allSatisfy(w -> {
                assertThat(w.pageViews()).isZero();
                assertThat(w.unacknowledged().pageViews()).isEqualTo(1);
            });
        }
    }

    @Test
    void connectionErrorsAreRetriedThenUnacknowledged() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (HttpTransport t = transport("http://127.0.0.1:" + closedPort, 2, Duration.ofSeconds(1))) {
            Outcome o = t.send(List.of(pageView(1))).get(20, TimeUnit.SECONDS).get(0);
            assertThat(o.status()).isEqualTo(DeliveryStatus.UNACKNOWLEDGED);
            assertThat(o.cause()).contains("connection refused");
            assertThat(retried.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void concurrencyIsBoundedByMaxInFlight() throws Exception {
        gateway.delayMillis = 200;
        try (HttpTransport t = transport(gateway.url(), 2, Duration.ofSeconds(10))) {
            List<CompletableFuture<List<Outcome>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(t.send(List.of(pageView(i))));
            }
            for (var f : futures) {
                assertThat(f.get(20, TimeUnit.SECONDS).get(0).status()).isEqualTo(DeliveryStatus.ACCEPTED);
            }
        }
        assertThat(gateway.maxConcurrent.get()).isEqualTo(2);
    }

    private static Ledger ledgerOf(List<ScheduledEvent> batch, List<Outcome> out) {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            deliveries.add(Delivery.of(batch.get(i), out.get(i).status()));
        }
        Ledger.RunInfo run = new Ledger.RunInfo(1, "t", T, T, "http", "test", "60s/10s", 60, 10, false);
        return LedgerCalculator.compute(run, deliveries, List.<InjectedAnomaly>of(), WindowCalculator.defaults());
    }
}
