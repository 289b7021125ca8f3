package io.clickstream.analytics.kpi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.session.SessionDocuments;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Window KPIs → Elasticsearch documents, exactly as docs/architecture.md ("Elasticsearch documents")
 * defines them: one KPI document per window ({@code kpi|<granularity>|<start millis>}) and one
 * document per rank of the top pages and top products
 * ({@code top|<granularity>|<start millis>|<dimension>|<rank>}). Pure: the same input gives the
 * same ids and fields (except {@code updated_at}).
 */
public final class KpiDocuments {

    private KpiDocuments() {
    }

    /** The KPI document and all ranking documents of one window. */
    public static List<EsDocument> of(WindowKpis w, Instant updatedAt) {
        List<EsDocument> docs = new ArrayList<>(1 + w.topPages().size() + w.topProducts().size());
        docs.add(kpi(w, updatedAt));
        docs.addAll(ranking(w, "page", w.topPages(), updatedAt));
        docs.addAll(ranking(w, "product", w.topProducts(), updatedAt));
        return docs;
    }

    public static EsDocument kpi(WindowKpis w, Instant updatedAt) {
        ObjectNode doc = window(w)
                .put("page_views", w.pageViews())
                .put("clicks", w.clicks())
                .put("add_to_cart", w.addToCart())
                .put("purchases", w.purchases())
                .put("orders", w.orders())
                .put("revenue", w.revenue().setScale(2, RoundingMode.HALF_UP))
                .put("avg_order_value", w.orders() == 0 ? BigDecimal.ZERO.setScale(2)
                        : w.revenue().divide(BigDecimal.valueOf(w.orders()), 2, RoundingMode.HALF_UP))
                .put("unique_visitors", w.uniqueVisitors())
                .put("ctr", ratio(w.clicks(), w.pageViews()))
                .put("cart_rate", ratio(w.addToCart(), w.pageViews()))
                .put("conversion_rate", ratio(w.purchases(), w.pageViews()))
                .put("updated_at", updatedAt.toString());
        if (w.sessions() != null) {
            SessionDocuments.putSessionFields(doc, w.sessions());
        }
        return new EsDocument(Indices.KPIS, "kpi|" + w.granularity() + "|" + w.windowStart().toEpochMilli(), doc.toString());
    }

    static List<EsDocument> ranking(WindowKpis w, String dimension, List<TopN.Entry> entries, Instant updatedAt) {
        List<EsDocument> docs = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            TopN.Entry e = entries.get(i);
            int rank = i + 1;
            ObjectNode doc = window(w)
                    .put("dimension", dimension)
                    .put("key", e.key())
                    .put("count", e.count())
                    .put("revenue", BigDecimal.valueOf(e.revenueCents(), 2))
                    .put("rank", rank)
                    .put("updated_at", updatedAt.toString());
            docs.add(new EsDocument(Indices.KPIS,
                    "top|" + w.granularity() + "|" + w.windowStart().toEpochMilli() + "|" + dimension + "|" + rank,
                    doc.toString()));
        }
        return docs;
    }

    private static ObjectNode window(WindowKpis w) {
        return EventJson.mapper().createObjectNode()
                .put("granularity", w.granularity())
                .put("window_start", w.windowStart().toString())
                .put("window_end", w.windowEnd().toString());
    }

    /** numerator / denominator, 0 when the denominator is 0 (no page views yet). */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
