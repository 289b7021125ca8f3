package io.clickstream.analytics.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A window's session sums → the session fields of its KPI document and its funnel documents, as
 * docs/architecture.md ("Elasticsearch documents", Sessions and Funnel) defines them. Pure: the same
 * input gives the same ids and fields (except {@code updated_at}).
 */
public final class SessionDocuments {

    private final Funnel funnel;

    public SessionDocuments(Funnel funnel) {
        this.funnel = funnel;
    }

    /** Adds {@code sessions}, {@code bounced_sessions}, {@code bounce_rate}, {@code avg_session_duration_s}, {@code pages_per_session}, {@code open_sessions}. */
    public static void putSessionFields(ObjectNode kpi, SessionTally t) {
        kpi.put("sessions", t.sessions())
                .put("bounced_sessions", t.bounced())
                .put("bounce_rate", ratio(t.bounced(), t.sessions()))
                .put("avg_session_duration_s", ratio(t.durationMillis(), t.sessions()) / 1000.0)
                .put("pages_per_session", ratio(t.pageViews(), t.sessions()))
                .put("open_sessions", t.open());
    }

    /** One funnel document per step of the window: {@code funnel|<granularity>|<window_start ms>|<step>}. */
    public List<EsDocument> funnel(String granularity, Instant windowStart, Instant windowEnd, SessionTally t,
                                   Instant updatedAt) {
        List<EsDocument> docs = new ArrayList<>(funnel.steps().size());
        for (int step = 1; step <= funnel.steps().size(); step++) {
            long reached = t.reached(step);
            long previous = step == 1 ? t.sessions() : t.reached(step - 1);
            ObjectNode doc = EventJson.mapper().createObjectNode()
                    .put("granularity", granularity)
                    .put("window_start", windowStart.toString())
                    .put("window_end", windowEnd.toString())
                    .put("funnel", funnel.name())
                    .put("step", step)
                    .put("step_name", funnel.steps().get(step - 1).name())
                    .put("sessions", reached)
                    .put("drop_off", previous - reached)
                    .put("conversion_rate", ratio(reached, t.reached(1)))
                    .put("step_conversion_rate", step == 1 ? 1.0 : ratio(reached, previous))
                    .put("updated_at", updatedAt.toString());
            docs.add(new EsDocument(Indices.KPIS, "funnel|" + granularity + "|" + windowStart.toEpochMilli() + "|" + step,
                    doc.toString()));
        }
        return docs;
    }

    /** numerator / denominator, 0 when the denominator is 0. */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
