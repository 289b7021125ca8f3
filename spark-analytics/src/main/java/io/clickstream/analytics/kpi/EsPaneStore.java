package io.clickstream.analytics.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.analytics.breakdown.PaneBreakdowns;
import io.clickstream.analytics.session.SessionTally;
import io.clickstream.analytics.sink.BulkUpserter;
import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Panes in the internal index {@value Indices#PANES}, each with the micro-batch that last changed it
 * (nothing indexed but the run, the pane start and that batch, for people looking: the job reads the
 * documents back by id only), written with the job's {@link BulkUpserter} and read with
 * {@code _mget}, which is real-time: a pane written by the previous batch is readable without waiting
 * for a refresh. Id: {@code pane|<run>|<pane ms>|<start ms>}.
 */
public final class EsPaneStore implements PaneStore {

    private final BulkUpserter es;
    private final long paneMillis;

    public EsPaneStore(BulkUpserter es, long paneMillis) {
        this.es = es;
        this.paneMillis = paneMillis;
    }

    @Override
    public Map<Long, Stored> load(String run, Collection<Long> starts) {
        List<String> ids = starts.stream().map(start -> id(run, start)).toList();
        Map<String, JsonNode> sources = es.read("_mget of " + ids.size() + " panes",
                () -> es.client().sourcesByIds(Indices.PANES, ids));
        Map<Long, Stored> found = new HashMap<>();
        for (JsonNode source : sources.values()) {
            Stored pane = fromJson(source);
            found.put(pane.pane().startMillis(), pane);
        }
        return found;
    }

    @Override
    public void save(String run, Collection<Stored> panes) {
        List<EsDocument> docs = new ArrayList<>(panes.size());
        for (Stored pane : panes) {
            docs.add(new EsDocument(Indices.PANES, id(run, pane.pane().startMillis()), toJson(run, pane).toString()));
        }
        es.write(docs);
    }

    private String id(String run, long start) {
        return "pane|" + run + "|" + paneMillis + "|" + start;
    }

    static ObjectNode toJson(String run, Stored stored) {
        Pane pane = stored.pane();
        ObjectNode doc = EventJson.mapper().createObjectNode()
                .put("run", run)
                .put("batch_id", stored.batchId())
                .put("pane_start", Instant.ofEpochMilli(pane.startMillis()).toString())
                .put("start_ms", pane.startMillis())
                .put("page_views", pane.pageViews())
                .put("clicks", pane.clicks())
                .put("add_to_cart", pane.addToCart())
                .put("purchases", pane.purchases())
                .put("orders", pane.orders())
                // A string keeps the decimal exact through JSON.
                .put("revenue", pane.revenue().toPlainString())
                .put("visitors", Base64.getEncoder().encodeToString(pane.visitors()));
        doc.set("pages", tally(pane.pages()));
        doc.set("products", tally(pane.products()));
        if (!pane.sessions().isEmpty()) {
            ArrayNode sessions = doc.putArray("sessions");
            for (long v : pane.sessions().toArray()) {
                sessions.add(v);
            }
        }
        if (!pane.breakdowns().isEmpty()) {
            doc.put("breakdowns", Base64.getEncoder().encodeToString(pane.breakdowns().toBytes()));
        }
        return doc;
    }

    static Stored fromJson(JsonNode doc) {
        return new Stored(new Pane(
                doc.path("start_ms").asLong(),
                doc.path("page_views").asLong(),
                doc.path("clicks").asLong(),
                doc.path("add_to_cart").asLong(),
                doc.path("purchases").asLong(),
                doc.path("orders").asLong(),
                new BigDecimal(doc.path("revenue").asText()),
                Base64.getDecoder().decode(doc.path("visitors").asText()),
                entries(doc.path("pages")),
                entries(doc.path("products")),
                sessions(doc.path("sessions")),
                // A pane stored without breakdowns has none.
                PaneBreakdowns.fromBytes(Base64.getDecoder().decode(doc.path("breakdowns").asText("")))),
                doc.path("batch_id").asLong(-1));
    }

    /** A tally as {@code [[key, count, revenue cents], …]}: keys are page paths, which ES must not see as field names. */
    private static ArrayNode tally(List<TopN.Entry> entries) {
        ArrayNode array = EventJson.mapper().createArrayNode();
        for (TopN.Entry e : entries) {
            array.addArray().add(e.key()).add(e.count()).add(e.revenueCents());
        }
        return array;
    }

    /** The pane's {@link SessionTally#toArray}; a pane stored without sessions has none. */
    private static SessionTally sessions(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return new SessionTally();
        }
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return SessionTally.fromArray(values);
    }

    private static List<TopN.Entry> entries(JsonNode array) {
        List<TopN.Entry> entries = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            entries.add(new TopN.Entry(e.get(0).asText(), e.get(1).asLong(), e.get(2).asLong()));
        }
        return entries;
    }
}
