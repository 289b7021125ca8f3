package io.clickstream.load.run;

import io.clickstream.load.anomaly.SiteAnomaly;
import io.clickstream.load.ledger.AnalyticsSettings;
import io.clickstream.load.ledger.Delivery;
import io.clickstream.load.schedule.EventSchedule;
import io.clickstream.load.schedule.ScheduledEvent;
import io.clickstream.load.ledger.Ledger;
import io.clickstream.load.ledger.LedgerCalculator;
import io.clickstream.load.ledger.LedgerRecorder;
import io.clickstream.load.ledger.WindowCalculator;
import io.clickstream.load.schedule.ScheduledEvent.Kind;
import io.clickstream.load.transport.DeliveryStatus;
import io.clickstream.load.transport.Transport;
import io.clickstream.load.transport.Transport.Outcome;
import java.util.function.Consumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Plays an {@link EventSchedule} in real time against a {@link Transport}: sleeps until each
 * batch is due, hands it over (blocking while the transport is at its concurrency limit), and
 * records every final answer in the metrics and the ledger recorder. Prints one progress line
 * every {@code progressInterval}, nothing else.
 */
public final class LoadRunner {

    /**
     * @param batchSize        events per request; 1 sends single JSON objects (default 100)
     * @param linger           how long the first event of a batch waits for company (default 20 ms)
     * @param progressInterval console progress period; zero for none (default 5 s)
     * @param console          receives the progress lines
     */
    public record Config(int batchSize, Duration linger, Duration progressInterval, Consumer<String> console) {
        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1");
            }
        }
    }

    /** What a run produced; {@code deliveries} is the final answer for every event sent. */
    public record Result(Ledger ledger, RunMetrics metrics, Instant start, Instant end, Duration plannedDuration,
                         boolean interrupted, String transport, List<Delivery> deliveries) {
    }

    private final Config config;
    private final RunMetrics metrics;
    private volatile boolean stopRequested;

    /** @param metrics where measurements go; share it with the transport's retry listener */
    public LoadRunner(Config config, RunMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Asks a running {@link #run} to stop scheduling; it still waits for the answers in flight. */
    public void requestStop() {
        stopRequested = true;
    }

    public Result run(EventSchedule schedule, Transport transport, WindowCalculator windows, long seed,
                      String scenario) throws InterruptedException {
        return run(schedule, transport, windows, seed, scenario, DEFAULT_TOP_N);
    }

    /** Entries per top pages / top products ranking in analytics (its {@code --top-n} default). */
    public static final int DEFAULT_TOP_N = 10;

    /**
     * Plays the schedule and computes its ledger.
     *
     * @param topN entries per ranking, as analytics is configured ({@code --top-n})
     */
    public Result run(EventSchedule schedule, Transport transport, WindowCalculator windows, long seed,
                      String scenario, int topN) throws InterruptedException {
        return run(schedule, transport, windows, seed, scenario, AnalyticsSettings.withTopN(topN));
    }

    /**
     * Plays the schedule and computes its ledger.
     *
     * @param analytics how analytics is configured (rankings, sessions, funnel, breakdowns)
     */
    public Result run(EventSchedule schedule, Transport transport, WindowCalculator windows, long seed,
                      String scenario, AnalyticsSettings analytics) throws InterruptedException {
        int topN = analytics.topN();
        Instant sendingStarted = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        LedgerRecorder recorder = new LedgerRecorder();
        AtomicLong inFlight = new AtomicLong();
        Object idle = new Object();
        long startNanos = System.nanoTime();
        long horizon = schedule.horizonNanos();
        long lingerNanos = config.batchSize() == 1 ? 0 : config.linger().toNanos();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-progress");
            t.setDaemon(true);
            return t;
        });
        long progressEvery = Math.max(1, config.progressInterval().toSeconds());
        AtomicLong ticks = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            RunMetrics.Sample sample = metrics.tick(elapsed);
            if (!config.progressInterval().isZero() && ticks.incrementAndGet() % progressEvery == 0) {
                config.console().accept(progressLine(sample, metrics, elapsed, horizon / 1e9));
            }
        }, 1, 1, TimeUnit.SECONDS);

        boolean interrupted = false;
        try {
            while (schedule.hasNext()) {
                if (stopRequested) {
                    interrupted = true;
                    break;
                }
                List<ScheduledEvent> batch = new ArrayList<>(Math.min(config.batchSize(), 1024));
                ScheduledEvent first = schedule.next();
                batch.add(first);
                long deadline = first.sendAtNanos() + lingerNanos;
                while (batch.size() < config.batchSize()) {
                    ScheduledEvent next = schedule.peek();
                    if (next == null || next.sendAtNanos() > deadline) {
                        break;
                    }
                    batch.add(schedule.next());
                }
                // A full batch goes as soon as its last event is due; a partial one after the linger.
                long dueAt = batch.size() == config.batchSize() ? batch.get(batch.size() - 1).sendAtNanos() : deadline;
                sleepUntil(startNanos + dueAt);
                inFlight.incrementAndGet();
                long sentNanos = System.nanoTime();
                metrics.sent(batch.size());
                transport.send(batch).thenAccept(outcomes -> {
                    long now = System.nanoTime();
                    for (int i = 0; i < batch.size(); i++) {
                        ScheduledEvent e = batch.get(i);
                        Outcome o = outcomes.get(i);
                        long latency = (now - (startNanos + e.sendAtNanos())) / 1000;
                        metrics.answered(latency, (now - sentNanos) / 1000, o.status().acknowledged());
                        classify(e, o, transport.validates(), metrics);
                        recorder.record(e, o.status());
                    }
                }).whenComplete((v, error) -> {
                    if (error != null) {
                        config.console().accept("internal error while recording answers: " + error);
                    }
                    if (inFlight.decrementAndGet() == 0) {
                        synchronized (idle) {
                            idle.notifyAll();
                        }
                    }
                });
            }
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt();
        }
        synchronized (idle) {
            while (inFlight.get() > 0) {
                idle.wait(200);
            }
        }
        ticker.shutdownNow();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        metrics.tick(elapsed);
        Instant end = schedule.start().plusNanos(System.nanoTime() - startNanos).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String[] described = transport.describe().split(" ", 2);
        Instant plannedEnd = schedule.start().plusNanos(horizon);
        Instant siteRulesFrom = schedule.start().plus(SiteAnomaly.JUDGED_FROM);
        Ledger.RunInfo info = new Ledger.RunInfo(seed, schedule.simulation().runId(), scenario, schedule.start(), end,
                sendingStarted, described[0], described.length > 1 ? described[1] : described[0], windows.granularity(),
                windows.size().toSeconds(), windows.slide().toSeconds(), topN,
                siteRulesFrom.isBefore(plannedEnd) ? siteRulesFrom : null, plannedEnd, interrupted,
                analytics.sessionGap().toSeconds(), analytics.funnel(), analytics.funnelName(), analytics.breakdownTop(),
                schedule.simulation().effectiveSites().spec());
        List<Delivery> deliveries = recorder.deliveries();
        List<Ledger.SiteAnomalyRecord> site = schedule.siteAnomalies().stream()
                .map(w -> new Ledger.SiteAnomalyRecord(w.kind().cliName(), schedule.start().plusNanos(w.fromNanos()),
                        schedule.start().plusNanos(w.toNanos()), w.kind().expectedRules()))
                .toList();
        Ledger ledger = LedgerCalculator.compute(info, deliveries, schedule.anomalies(), site, windows);
        return new Result(ledger, metrics, schedule.start(), end, Duration.ofNanos(horizon), interrupted,
                transport.describe(), deliveries);
    }

    /** Counts an answer that is not what a correct system says, by cause. */
    static void classify(ScheduledEvent e, Outcome o, boolean validating, RunMetrics metrics) {
        if (e.kind() == Kind.MALFORMED) {
            if (validating && o.status().acknowledged()) {
                metrics.error("malformed event accepted", 1);
            } else if (o.status() == DeliveryStatus.UNACKNOWLEDGED) {
                metrics.error(o.cause(), 1);
            }
            return;
        }
        if (o.status() == DeliveryStatus.REJECTED || o.status() == DeliveryStatus.UNACKNOWLEDGED) {
            metrics.error(o.cause() == null ? o.status().name().toLowerCase(Locale.ROOT) : o.cause(), 1);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    static String progressLine(RunMetrics.Sample s, RunMetrics m, double elapsed, double planned) {
        Map<String, Long> errors = m.errorsByCause();
        String errorText = errors.isEmpty() ? "none" : errors.entrySet().stream()
                .map(en -> en.getKey() + " ×" + en.getValue()).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "[%5.0fs] %7.0f events/s sent, %7.0f acked | p50 %.1f ms p99 %.1f ms | "
                        + "acked %,d of %,d | errors: %s | %s left",
                elapsed, s.sentPerSec(), s.ackedPerSec(), s.p50Ms(), s.p99Ms(), m.acknowledgedCount(), m.sentCount(),
                errorText, Math.max(0, Math.round(planned - elapsed)) + "s");
    }
}
