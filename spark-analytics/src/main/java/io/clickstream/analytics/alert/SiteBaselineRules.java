package io.clickstream.analytics.alert;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure logic of the site-level rules: {@code revenue_drop}, {@code conversion_drop},
 * {@code cart_without_purchase} (event time, against a trailing EWMA baseline) and
 * {@code traffic_stall} (processing time: nothing arrives at all, so event time cannot advance).
 *
 * <p>Events are counted in event-time buckets ({@code alert.site.bucket}). A bucket is final once
 * the site's newest event is {@code lateness} past its end; later events for it are dropped. Each
 * time a bucket becomes final, the window made of the last {@code window / bucket} final buckets
 * (empty buckets count as zeros) is compared with the baseline and then, unless it fired, folded
 * into it. Anomalous windows are kept out of the baseline so a long outage does not become "normal".
 */
public final class SiteBaselineRules implements Serializable {

    public static final String REVENUE_DROP = "revenue_drop";
    public static final String CONVERSION_DROP = "conversion_drop";
    public static final String CART_WITHOUT_PURCHASE = "cart_without_purchase";
    public static final String TRAFFIC_STALL = "traffic_stall";

    /** One event as the site rules see it; {@code revenue} is 0 unless it is a purchase. */
    public record SiteEvent(long ts, String eventId, String type, double revenue) implements Serializable {
    }

    /**
     * One site's de-duplicated events of one bucket, summed where they are (mergeable, so tasks and
     * the driver can combine partial sums): what {@link #addBuckets} takes instead of the events.
     * The samples are the {@code sampleSize} first events in (ts, event id) order, as
     * {@link #add} takes them from a sorted batch.
     */
    public static final class BucketSum implements Serializable {
        final String site;
        final long start;
        long events;
        long pageViews;
        long carts;
        long purchases;
        double revenue;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        final TreeSet<SiteEvent> samples = new TreeSet<>(SAMPLE_ORDER);
        final TreeSet<SiteEvent> cartSamples = new TreeSet<>(SAMPLE_ORDER);

        public BucketSum(String site, long start) {
            this.site = site;
            this.start = start;
        }

        public String site() {
            return site;
        }

        public long start() {
            return start;
        }

        public void add(SiteEvent e, int sampleSize) {
            events++;
            minTs = Math.min(minTs, e.ts());
            maxTs = Math.max(maxTs, e.ts());
            sample(samples, e, sampleSize);
            switch (e.type()) {
                case "page_view" -> pageViews++;
                case "add_to_cart" -> {
                    carts++;
                    sample(cartSamples, e, sampleSize);
                }
                case "purchase" -> {
                    purchases++;
                    revenue += e.revenue();
                }
                default -> { }
            }
        }

        /** {@code other} (same site and bucket) added to this one. */
        public BucketSum merge(BucketSum other, int sampleSize) {
            events += other.events;
            pageViews += other.pageViews;
            carts += other.carts;
            purchases += other.purchases;
            revenue += other.revenue;
            minTs = Math.min(minTs, other.minTs);
            maxTs = Math.max(maxTs, other.maxTs);
            other.samples.forEach(e -> sample(samples, e, sampleSize));
            other.cartSamples.forEach(e -> sample(cartSamples, e, sampleSize));
            return this;
        }

        /** Compact bytes (a sum crosses a shuffle and the driver's collect once per batch and bucket). */
        public byte[] toBytes() {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(128);
                java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
                out.writeUTF(site);
                out.writeLong(start);
                out.writeLong(events);
                out.writeLong(pageViews);
                out.writeLong(carts);
                out.writeLong(purchases);
                out.writeDouble(revenue);
                out.writeLong(minTs);
                out.writeLong(maxTs);
                for (TreeSet<SiteEvent> kept : List.of(samples, cartSamples)) {
                    out.writeInt(kept.size());
                    for (SiteEvent e : kept) {
                        out.writeLong(e.ts());
                        out.writeUTF(e.eventId());
                    }
                }
                out.flush();
                return bytes.toByteArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public static BucketSum fromBytes(byte[] bytes) {
            try {
                java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
                BucketSum sum = new BucketSum(in.readUTF(), in.readLong());
                sum.events = in.readLong();
                sum.pageViews = in.readLong();
                sum.carts = in.readLong();
                sum.purchases = in.readLong();
                sum.revenue = in.readDouble();
                sum.minTs = in.readLong();
                sum.maxTs = in.readLong();
                for (TreeSet<SiteEvent> kept : List.of(sum.samples, sum.cartSamples)) {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        kept.add(new SiteEvent(in.readLong(), in.readUTF(), "", 0.0));
                    }
                }
                return sum;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static void sample(TreeSet<SiteEvent> kept, SiteEvent e, int sampleSize) {
            if (kept.size() >= sampleSize && SAMPLE_ORDER.compare(e, kept.last()) >= 0) {
                return; // not among the first sampleSize: the common case, without an allocation
            }
            kept.add(new SiteEvent(e.ts(), e.eventId(), e.type(), 0.0));
            while (kept.size() > sampleSize) {
                kept.pollLast();
            }
        }
    }

    private static final Comparator<SiteEvent> SAMPLE_ORDER =
            Comparator.comparingLong(SiteEvent::ts).thenComparing(SiteEvent::eventId);

    /** Counters of one bucket (or of a window, when summed). */
    static final class Counts implements Serializable {
        final long start;
        long events;
        long pageViews;
        long carts;
        long purchases;
        double revenue;
        final List<String> samples = new ArrayList<>();
        final List<String> cartSamples = new ArrayList<>();

        Counts(long start) {
            this.start = start;
        }

        void add(SiteEvent e, int sampleSize) {
            events++;
            if (samples.size() < sampleSize) {
                samples.add(e.eventId());
            }
            switch (e.type()) {
                case "page_view" -> pageViews++;
                case "add_to_cart" -> {
                    carts++;
                    if (cartSamples.size() < sampleSize) {
                        cartSamples.add(e.eventId());
                    }
                }
                case "purchase" -> {
                    purchases++;
                    revenue += e.revenue();
                }
                default -> { }
            }
        }

        void addSum(BucketSum sum, int sampleSize) {
            events += sum.events;
            pageViews += sum.pageViews;
            carts += sum.carts;
            purchases += sum.purchases;
            revenue += sum.revenue;
            sum.samples.stream().limit(Math.max(0, sampleSize - samples.size())).forEach(e -> samples.add(e.eventId()));
            sum.cartSamples.stream().limit(Math.max(0, sampleSize - cartSamples.size()))
                    .forEach(e -> cartSamples.add(e.eventId()));
        }

        void addAll(Counts other, int sampleSize) {
            events += other.events;
            pageViews += other.pageViews;
            carts += other.carts;
            purchases += other.purchases;
            revenue += other.revenue;
            other.samples.stream().limit(Math.max(0, sampleSize - samples.size())).forEach(samples::add);
            other.cartSamples.stream().limit(Math.max(0, sampleSize - cartSamples.size())).forEach(cartSamples::add);
        }
    }

    /** An open site-level episode. */
    static final class Episode implements Serializable {
        long startMillis;
        long windowStartMillis;
        long windowEndMillis;
        long firstSeenMillis;
        double observed;
        double threshold;
        double baseline;
        List<String> samples;
    }

    /** Per site; Java-serialised into the state store. */
    public static final class State implements Serializable {
        final TreeMap<Long, Counts> open = new TreeMap<>();
        final ArrayDeque<Counts> recent = new ArrayDeque<>();
        long nextBucket = Long.MIN_VALUE;
        long maxTs = Long.MIN_VALUE;
        final Ewma revenue;
        final Ewma conversion;
        final Ewma carts;
        final Ewma purchases;
        final Ewma events;
        final Map<String, Episode> episodes = new HashMap<>();
        long lastEventProcessingMillis;
        long lastEventTs = Long.MIN_VALUE;
        Episode stall;

        State(double alpha) {
            revenue = new Ewma(alpha);
            conversion = new Ewma(alpha);
            carts = new Ewma(alpha);
            purchases = new Ewma(alpha);
            events = new Ewma(alpha);
        }

        /** Windows of history the event baseline holds (what "a baseline exists" means). */
        public int history() {
            return events.count();
        }
    }

    private final AlertConfig.SiteRules cfg;
    private final long bucketMillis;
    private final long latenessMillis;
    private final long quietGapMillis;
    private final double criticalFactor;
    private final int sampleSize;

    public SiteBaselineRules(AlertConfig config) {
        this.cfg = config.site();
        this.bucketMillis = cfg.bucket().toMillis();
        this.latenessMillis = cfg.lateness().toMillis();
        this.quietGapMillis = config.episodeQuietGap().toMillis();
        this.criticalFactor = config.criticalFactor();
        this.sampleSize = config.sampleSize();
    }

    public State newState() {
        return new State(cfg.ewmaAlpha());
    }

    /**
     * Adds de-duplicated events of one site, finalises the buckets they complete and returns the
     * alert documents opened, grown or closed by that (one per episode, latest values).
     */
    public List<Alert> add(State state, String site, Collection<SiteEvent> events, long nowMillis) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<String, Alert> out = new LinkedHashMap<>();
        if (state.stall != null) {
            // Traffic is back: the stall episode ends where the new events begin.
            Episode ep = state.stall;
            ep.windowEndMillis = Math.max(ep.windowEndMillis,
                    events.stream().mapToLong(SiteEvent::ts).min().orElse(ep.windowEndMillis));
            put(out, site, TRAFFIC_STALL, ep, nowMillis, Severity.ofExcess(ep.observed, ep.threshold, criticalFactor));
            state.stall = null;
        }
        state.lastEventProcessingMillis = nowMillis;
        List<SiteEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(SiteEvent::ts).thenComparing(SiteEvent::eventId));
        if (state.nextBucket == Long.MIN_VALUE) {
            state.nextBucket = Math.floorDiv(sorted.get(0).ts(), bucketMillis) * bucketMillis;
        }
        for (SiteEvent e : sorted) {
            if (e.ts() < state.nextBucket) {
                continue; // its bucket is already final
            }
            long bucket = Math.floorDiv(e.ts(), bucketMillis) * bucketMillis;
            state.open.computeIfAbsent(bucket, Counts::new).add(e, sampleSize);
            state.maxTs = Math.max(state.maxTs, e.ts());
            state.lastEventTs = Math.max(state.lastEventTs, e.ts());
        }
        finalizeBuckets(state, site, nowMillis, out);
        return List.copyOf(out.values());
    }

    /**
     * {@link #add} for events already summed per bucket ({@link BucketSum}, all of {@code site}):
     * the same buckets, windows and alerts as adding the events themselves, given buckets of this
     * rule's {@code bucket} length.
     */
    public List<Alert> addBuckets(State state, String site, Collection<BucketSum> sums, long nowMillis) {
        if (sums.isEmpty()) {
            return List.of();
        }
        Map<String, Alert> out = new LinkedHashMap<>();
        long minTs = sums.stream().mapToLong(b -> b.minTs).min().orElseThrow();
        if (state.stall != null) {
            Episode ep = state.stall;
            ep.windowEndMillis = Math.max(ep.windowEndMillis, minTs);
            put(out, site, TRAFFIC_STALL, ep, nowMillis, Severity.ofExcess(ep.observed, ep.threshold, criticalFactor));
            state.stall = null;
        }
        state.lastEventProcessingMillis = nowMillis;
        List<BucketSum> sorted = new ArrayList<>(sums);
        sorted.sort(Comparator.comparingLong(BucketSum::start));
        if (state.nextBucket == Long.MIN_VALUE) {
            state.nextBucket = Math.floorDiv(minTs, bucketMillis) * bucketMillis;
        }
        for (BucketSum b : sorted) {
            if (b.start < state.nextBucket) {
                continue; // already final
            }
            state.open.computeIfAbsent(b.start, Counts::new).addSum(b, sampleSize);
            state.maxTs = Math.max(state.maxTs, b.maxTs);
            state.lastEventTs = Math.max(state.lastEventTs, b.maxTs);
        }
        finalizeBuckets(state, site, nowMillis, out);
        return List.copyOf(out.values());
    }

    /** The bucket a {@link BucketSum} of an event at {@code ts} belongs to. */
    public long bucketOf(long ts) {
        return Math.floorDiv(ts, bucketMillis) * bucketMillis;
    }

    /** Finalises every bucket the newest event put {@code lateness} behind, evaluating each window it completes. */
    private void finalizeBuckets(State state, String site, long nowMillis, Map<String, Alert> out) {
        int perWindow = cfg.bucketsPerWindow();
        while (state.nextBucket + bucketMillis + latenessMillis <= state.maxTs) {
            if (state.recent.size() == perWindow && !state.open.containsKey(state.nextBucket)
                    && state.recent.stream().allMatch(c -> c.events == 0)) {
                // Inside a long silence every further window is the same empty one, already
                // evaluated: jump to the next bucket with events (bounded work after a gap of days).
                Long nextOpen = state.open.ceilingKey(state.nextBucket);
                long lastFinal = Math.floorDiv(state.maxTs - latenessMillis, bucketMillis) * bucketMillis - bucketMillis;
                long target = Math.min(nextOpen != null ? nextOpen : lastFinal, lastFinal);
                if (target > state.nextBucket) {
                    state.nextBucket = target;
                    continue;
                }
            }
            Counts done = state.open.remove(state.nextBucket);
            state.recent.addLast(done != null ? done : new Counts(state.nextBucket));
            if (state.recent.size() > perWindow) {
                state.recent.removeFirst();
            }
            if (state.recent.size() == perWindow) {
                evaluate(state, site, windowSum(state), state.nextBucket + bucketMillis, nowMillis, out);
            }
            state.nextBucket += bucketMillis;
        }
    }

    private Counts windowSum(State state) {
        Counts sum = new Counts(state.recent.peekFirst().start);
        for (Counts c : state.recent) {
            sum.addAll(c, sampleSize);
        }
        return sum;
    }

    private void evaluate(State s, String site, Counts w, long windowEnd, long now, Map<String, Alert> out) {
        // revenue_drop
        boolean revenueFired = false;
        if (s.revenue.count() >= cfg.minHistory() && s.revenue.mean() >= cfg.minBaselineRevenue()) {
            double threshold = s.revenue.dropThreshold(cfg.dropRatio(), cfg.deviations());
            if (w.revenue < threshold) {
                revenueFired = true;
                fire(s, site, REVENUE_DROP, w, windowEnd, round2(w.revenue), round2(threshold), s.revenue.mean(),
                        w.samples, now, out);
            }
        }
        if (!revenueFired) {
            s.revenue.update(w.revenue);
        }

        // conversion_drop: only for windows with enough page views to make a rate meaningful
        if (w.pageViews >= cfg.minPageViews()) {
            double rate = (double) w.purchases / w.pageViews;
            boolean fired = false;
            if (s.conversion.count() >= cfg.minHistory() && s.purchases.mean() >= cfg.minBaselinePurchases()) {
                double threshold = s.conversion.dropThreshold(cfg.dropRatio(), cfg.deviations());
                if (rate < threshold) {
                    fired = true;
                    fire(s, site, CONVERSION_DROP, w, windowEnd, round4(rate), round4(threshold), s.conversion.mean(),
                            w.samples, now, out);
                }
            }
            if (!fired) {
                s.conversion.update(rate);
            }
        }

        // cart_without_purchase: carts keep coming (near their usual level) while purchases stop
        boolean cartFired = false;
        if (s.purchases.count() >= cfg.minHistory() && s.purchases.mean() >= cfg.minBaselinePurchases()
                && w.carts >= Math.max(cfg.minCarts(), s.carts.mean() * (1 - cfg.dropRatio()))) {
            double threshold = s.purchases.dropThreshold(cfg.dropRatio(), cfg.deviations());
            if (w.purchases < threshold) {
                cartFired = true;
                fire(s, site, CART_WITHOUT_PURCHASE, w, windowEnd, w.purchases, round2(threshold), s.purchases.mean(),
                        w.cartSamples, now, out);
            }
        }
        if (!cartFired) {
            s.purchases.update(w.purchases);
        }
        s.carts.update(w.carts);
        s.events.update(w.events);
    }

    private void fire(State s, String site, String rule, Counts w, long windowEnd, double observed, double threshold,
                      double baseline, List<String> samples, long now, Map<String, Alert> out) {
        Episode ep = s.episodes.get(rule);
        if (ep == null || windowEnd > ep.windowEndMillis + quietGapMillis) {
            ep = new Episode();
            ep.startMillis = w.start;
            ep.windowStartMillis = w.start;
            ep.firstSeenMillis = windowEnd;
            ep.observed = observed;
            ep.samples = List.copyOf(samples);
            s.episodes.put(rule, ep);
        }
        ep.windowEndMillis = windowEnd;
        ep.observed = Math.min(ep.observed, observed);
        ep.threshold = threshold;
        ep.baseline = baseline;
        put(out, site, rule, ep, now, Severity.ofDrop(ep.observed, baseline, cfg.criticalDrop()));
    }

    /**
     * Processing-time check for {@code traffic_stall}; called by a timer {@code stall-after} after the
     * last event. Fires (and keeps updating how long it has lasted) only when a baseline exists and
     * it had real traffic. The episode is keyed by the event time of the last event seen, so a
     * restart that re-checks the same stall updates the same document.
     */
    public List<Alert> checkStall(State s, String site, long nowMillis) {
        long stallAfter = cfg.stallAfter().toMillis();
        long silent = nowMillis - s.lastEventProcessingMillis;
        if (s.lastEventTs == Long.MIN_VALUE || silent < stallAfter
                || s.history() < cfg.minHistory() || s.events.mean() < cfg.minBaselineEvents()) {
            return List.of();
        }
        Episode ep = s.stall;
        if (ep == null) {
            ep = new Episode();
            ep.startMillis = s.lastEventTs;
            ep.windowStartMillis = s.lastEventTs;
            ep.firstSeenMillis = s.lastEventTs + stallAfter;
            ep.threshold = stallAfter / 1000.0;
            ep.samples = List.of();
            s.stall = ep;
        }
        ep.observed = silent / 1000.0;
        ep.windowEndMillis = s.lastEventTs + silent;
        ep.baseline = s.events.mean();
        Map<String, Alert> out = new LinkedHashMap<>();
        put(out, site, TRAFFIC_STALL, ep, nowMillis, Severity.ofExcess(ep.observed, ep.threshold, criticalFactor));
        return List.copyOf(out.values());
    }

    private void put(Map<String, Alert> out, String site, String rule, Episode ep, long now, Severity severity) {
        Alert doc = new Alert(rule, severity.wireName(), site, ep.startMillis, ep.windowStartMillis,
                ep.windowEndMillis, ep.observed, ep.threshold, ep.firstSeenMillis, now, ep.samples);
        out.put(doc.id(), doc);
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
