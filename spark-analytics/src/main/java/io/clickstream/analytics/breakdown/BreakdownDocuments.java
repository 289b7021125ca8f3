package io.clickstream.analytics.breakdown;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A window's breakdown rankings → Elasticsearch documents as docs/architecture.md ("Breakdown")
 * defines them: {@code _id = breakdown|<granularity>|<window_start ms>|<dimension>|<rank>}, the core
 * KPIs of the value and its rates. Pure (but {@code updated_at}).
 */
public final class BreakdownDocuments {

    private BreakdownDocuments() {
    }

    public static List<EsDocument> of(String granularity, Instant windowStart, Instant windowEnd,
            List<BreakdownRanking.Ranked> ranked, Instant updatedAt) {
        List<EsDocument> docs = new ArrayList<>(ranked.size());
        for (BreakdownRanking.Ranked r : ranked) {
            BigDecimal revenue = BigDecimal.valueOf(r.revenueCents(), 2);
            ObjectNode doc = EventJson.mapper().createObjectNode()
                    .put("granularity", granularity)
                    .put("window_start", windowStart.toString())
                    .put("window_end", windowEnd.toString())
                    .put("dimension", r.dimension().field())
                    .put("key", r.key())
                    .put("rank", r.rank())
                    .put("page_views", r.pageViews())
                    .put("clicks", r.clicks())
                    .put("add_to_cart", r.addToCart())
                    .put("purchases", r.purchases())
                    .put("orders", r.orders())
                    .put("revenue", revenue)
                    .put("avg_order_value", r.orders() == 0 ? BigDecimal.ZERO.setScale(2)
                            : revenue.divide(BigDecimal.valueOf(r.orders()), 2, RoundingMode.HALF_UP))
                    .put("unique_visitors", r.uniqueVisitors())
                    .put("ctr", ratio(r.clicks(), r.pageViews()))
                    .put("cart_rate", ratio(r.addToCart(), r.pageViews()))
                    .put("conversion_rate", ratio(r.purchases(), r.pageViews()))
                    .put("updated_at", updatedAt.toString());
            docs.add(new EsDocument(Indices.KPIS, "breakdown|" + granularity + "|" + windowStart.toEpochMilli() + "|"
                    + r.dimension().field() + "|" + r.rank(), doc.toString()));
        }
        return docs;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
