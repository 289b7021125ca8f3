package io.clickstream.load.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Live measurements of a run. Latency is in microseconds and measured from each event's
 * <em>intended</em> send time (its slot in the open-model schedule) to its final answer, so time
 * an event spent waiting for a connection, a batch or a retry counts: this is how coordinated
 * omission is avoided (a stall delays every event scheduled during it, and all of them record
 * it). Service time (request actually sent → answer) is kept apart for comparison.
 *
 * <p>{@link #tick(double)} is called once per second by the runner: it closes an interval
 * histogram and appends a {@link Sample} to the timeline the report draws.
 */
public final class RunMetrics {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder service = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram totalLatency = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram totalService = new Histogram(HIGHEST_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<Sample> timeline = new ArrayList<>();
    private Histogram lastInterval;
    private long sentAtLastTick;
    private long ackedAtLastTick;
    private long errorsAtLastTick;
    private double lastTickSeconds;

    /**
     * One second (or so) of the run.
     *
     * @param seconds      time since start at the end of the interval
     * @param sentPerSec   events handed to the transport per second
     * @param ackedPerSec  events acknowledged per second
     * @param errorsPerSec failures and retries per second
     * @param p50Ms        median latency of the events answered in the interval
     * @param p99Ms        99th percentile
     * @param maxMs        maximum
     */
    public record Sample(double seconds, double sentPerSec, double ackedPerSec, double errorsPerSec, double p50Ms,
                         double p99Ms, double maxMs) {
    }

    public void sent(int events) {
        sent.add(events);
    }

    /** One final answer: latency from the intended send time, and service time of the last attempt. */
    public void answered(long latencyMicros, long serviceMicros, boolean acked) {
        latency.recordValue(Math.min(Math.max(latencyMicros, 0), HIGHEST_MICROS));
        service.recordValue(Math.min(Math.max(serviceMicros, 0), HIGHEST_MICROS));
        if (acked) {
            acknowledged.increment();
        }
    }

    public void error(String cause, int events) {
        errors.computeIfAbsent(cause, k -> new LongAdder()).add(events);
        failed.add(events);
    }

    /**
     * Closes the interval ending at {@code seconds}. A final interval shorter than half a second is
     * folded into the totals but not drawn: its per-second rates would be noise.
     */
    public synchronized Sample tick(double seconds) {
        lastInterval = latency.getIntervalHistogram(lastInterval);
        totalLatency.add(lastInterval);
        totalService.add(service.getIntervalHistogram());
        double dt = Math.max(seconds - lastTickSeconds, 1e-3);
        long s = sent.sum();
        long a = acknowledged.sum();
        long e = failed.sum();
        Sample sample = new Sample(seconds, (s - sentAtLastTick) / dt, (a - ackedAtLastTick) / dt,
                (e - errorsAtLastTick) / dt, ms(lastInterval.getValueAtPercentile(50)),
                ms(lastInterval.getValueAtPercentile(99)), ms(lastInterval.getMaxValue()));
        sentAtLastTick = s;
        ackedAtLastTick = a;
        errorsAtLastTick = e;
        lastTickSeconds = seconds;
        if (dt >= 0.5 || timeline.isEmpty()) {
            timeline.add(sample);
        }
        return sample;
    }

    public synchronized List<Sample> timeline() {
        return List.copyOf(timeline);
    }

    public synchronized Histogram totalLatency() {
        return totalLatency.copy();
    }

    public synchronized Histogram totalService() {
        return totalService.copy();
    }

    public long sentCount() {
        return sent.sum();
    }

    public long acknowledgedCount() {
        return acknowledged.sum();
    }

    public Map<String, Long> errorsByCause() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public static double ms(long micros) {
        return micros / 1000.0;
    }
}
