package io.clickstream.analytics.reject;

import io.clickstream.analytics.sink.Indices;
import io.clickstream.es.EsDocument;
import io.clickstream.event.EventJson;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;

/**
 * A rejected Kafka record → a {@code clickstream-rejects} document with id
 * {@code <topic>|<partition>|<offset>}, so a replayed batch overwrites the same documents.
 */
public final class RejectDocuments {

    /** Raw values are kept for diagnosis, cut to this many characters. */
    static final int MAX_RAW = 8192;

    private RejectDocuments() {
    }

    /** {@code row}: a row of {@code EventParser.rejects}. */
    public static EsDocument of(Row row, Instant rejectedAt) {
        String topic = row.getAs("topic");
        int partition = row.<Integer>getAs("partition");
        long offset = row.<Long>getAs("offset");
        String raw = row.getAs("raw");
        Timestamp kafkaTs = row.getAs("kafka_timestamp");
        var doc = EventJson.mapper().createObjectNode()
                .put("topic", topic)
                .put("partition", partition)
                .put("offset", offset)
                .put("reason", row.<String>getAs("reason"))
                .put("raw", raw == null ? null : raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw)
                .put("kafka_timestamp", kafkaTs == null ? null : kafkaTs.toInstant().toString())
                .put("rejected_at", rejectedAt.toString());
        return new EsDocument(Indices.REJECTS, topic + "|" + partition + "|" + offset, doc.toString());
    }
}
