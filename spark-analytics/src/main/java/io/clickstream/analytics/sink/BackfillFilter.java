package io.clickstream.analytics.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickstream.analytics.config.BackfillRange;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backfill's output: passes on only the documents a read of the {@link BackfillRange} determines
 * completely, and drops the rest (counted).
 * <ul>
 *   <li>KPI ({@code kpi|…}), top-N ({@code top|…}), funnel ({@code funnel|…}) and breakdown
 *       ({@code breakdown|…}) documents of windows lying entirely within the range
 *       ({@link BackfillRange#containsWindow}), whatever their granularity: the first and last windows
 *       of the read miss events before or after it and are never written. Their session figures count
 *       the sessions' events the read holds.</li>
 *   <li>Alert documents of the recomputable rules whose episode lies in the range
 *       ({@link BackfillRange#containsEpisode}). Alerts are held until {@link #finish()}: an episode
 *       grows over micro-batches, and only its final state says whether it ends inside the range (an
 *       early state of an episode that goes on past the range must not be written).</li>
 *   <li>Everything else (rejects, alerts of other rules) is dropped.</li>
 * </ul>
 * Thread-safe: the job's queries write from their own threads.
 */
public final class BackfillFilter implements DocumentSink {

    /** The kinds of documents a backfill writes, as the summary names them. */
    public enum Kind { KPI, TOP_N, FUNNEL, BREAKDOWN, ALERT }

    private final DocumentSink target;
    private final BackfillRange range;
    private final Set<String> alertRules;
    private final Duration quietGap;
    private final Map<Kind, Set<String>> written = new LinkedHashMap<>();
    private final Map<String, EsDocument> pendingAlerts = new LinkedHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param alertRules the rules whose alerts a backfill recomputes (the user-level, event-time ones)
     * @param quietGap   the alert episodes' quiet gap
     */
    public BackfillFilter(DocumentSink target, BackfillRange range, Set<String> alertRules, Duration quietGap) {
        this.target = target;
        this.range = range;
        this.alertRules = Set.copyOf(alertRules);
        this.quietGap = quietGap;
        for (Kind kind : Kind.values()) {
            written.put(kind, new HashSet<>());
        }
    }

    @Override
    public void write(List<EsDocument> documents) {
        target.write(keep(documents));
    }

    @Override
    public void writeSearchable(List<EsDocument> documents) {
        target.writeSearchable(keep(documents));
    }

    /** Writes the alerts of episodes that lie in the range, as the run left them. Call once the queries ended. */
    public void finish() {
        List<EsDocument> alerts;
        synchronized (this) {
            alerts = new ArrayList<>();
            for (EsDocument doc : pendingAlerts.values()) {
                JsonNode source = parse(doc);
                long start = Instant.parse(source.path("first_seen").asText()).toEpochMilli();
                long last = Instant.parse(source.path("window_end").asText()).toEpochMilli();
                if (range.containsEpisode(start, last, quietGap)) {
                    alerts.add(doc);
                } else {
                    dropped.incrementAndGet();
                }
            }
            pendingAlerts.clear();
        }
        if (!alerts.isEmpty()) {
            target.writeSearchable(alerts);
        }
        synchronized (this) {
            alerts.forEach(doc -> written.get(Kind.ALERT).add(doc.id()));
        }
    }

    /** Distinct documents written so far, per kind. */
    public synchronized Map<Kind, Integer> written() {
        Map<Kind, Integer> counts = new LinkedHashMap<>();
        written.forEach((kind, ids) -> counts.put(kind, ids.size()));
        return counts;
    }

    /** Documents dropped so far (outside the range, or of a kind a backfill does not write); a rewrite counts again. */
    public long dropped() {
        return dropped.get();
    }

    private List<EsDocument> keep(List<EsDocument> documents) {
        List<EsDocument> kept = new ArrayList<>(documents.size());
        List<EsDocument> alerts = new ArrayList<>();
        for (EsDocument doc : documents) {
            Kind kind = kind(doc);
            if (kind == Kind.ALERT) {
                alerts.add(doc);
            } else if (kind != null && inRange(doc)) {
                kept.add(doc);
            } else {
                dropped.incrementAndGet();
            }
        }
        synchronized (this) {
            kept.forEach(doc -> written.get(kind(doc)).add(doc.id()));
            alerts.forEach(doc -> pendingAlerts.put(doc.id(), doc));
        }
        return kept;
    }

    /** The kind of a document the backfill may write, or {@code null}. */
    private Kind kind(EsDocument doc) {
        if (Indices.KPIS.equals(doc.index())) {
            return doc.id().startsWith("kpi|") ? Kind.KPI : doc.id().startsWith("top|") ? Kind.TOP_N
                    : doc.id().startsWith("funnel|") ? Kind.FUNNEL
                    : doc.id().startsWith("breakdown|") ? Kind.BREAKDOWN : null;
        }
        if (Indices.ALERTS.equals(doc.index()) && alertRules.contains(parse(doc).path("rule").asText())) {
            return Kind.ALERT;
        }
        return null;
    }

    private boolean inRange(EsDocument doc) {
        JsonNode source = parse(doc);
        return range.containsWindow(Instant.parse(source.path("window_start").asText()).toEpochMilli(),
                Instant.parse(source.path("window_end").asText()).toEpochMilli());
    }

    private static JsonNode parse(EsDocument doc) {
        try {
            return EventJson.mapper().readTree(doc.json());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable document " + doc.id(), e);
        }
    }

    @Override
    public void close() {
        target.close();
    }
}
