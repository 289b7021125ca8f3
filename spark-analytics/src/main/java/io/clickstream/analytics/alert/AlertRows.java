package io.clickstream.analytics.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@link Alert} as the rows the stateful processors emit, and back. */
public final class AlertRows {

    public static final StructType SCHEMA = new StructType()
            .add("rule", DataTypes.StringType, false)
            .add("severity", DataTypes.StringType, false)
            .add("entity", DataTypes.StringType, false)
            .add("episode_start", DataTypes.LongType, false)
            .add("window_start", DataTypes.LongType, false)
            .add("window_end", DataTypes.LongType, false)
            .add("observed", DataTypes.DoubleType, false)
            .add("threshold", DataTypes.DoubleType, false)
            .add("first_seen", DataTypes.LongType, false)
            .add("updated_at", DataTypes.LongType, false)
            .add("sample_event_ids", DataTypes.createArrayType(DataTypes.StringType, false), false);

    private AlertRows() {
    }

    public static Encoder<Row> encoder() {
        return Encoders.row(SCHEMA);
    }

    public static Row toRow(Alert d) {
        return RowFactory.create(d.rule(), d.severity(), d.entity(), d.episodeStartMillis(), d.windowStartMillis(),
                d.windowEndMillis(), d.observed(), d.threshold(), d.firstSeenMillis(), d.updatedAtMillis(),
                d.sampleEventIds().toArray(new String[0]));
    }

    public static Alert fromRow(Row r) {
        return new Alert(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                r.getLong(5), r.getDouble(6), r.getDouble(7), r.getLong(8), r.getLong(9), r.getList(10));
    }

    /**
     * One document per id: the newest state of each episode when a batch carries several (the latest
     * window end wins, then the larger update time).
     */
    public static List<Alert> latestPerId(Collection<Alert> docs) {
        Map<String, Alert> byId = new LinkedHashMap<>();
        for (Alert d : docs) {
            byId.merge(d.id(), d, (a, b) -> {
                if (a.windowEndMillis() != b.windowEndMillis()) {
                    return a.windowEndMillis() > b.windowEndMillis() ? a : b;
                }
                return a.updatedAtMillis() >= b.updatedAtMillis() ? a : b;
            });
        }
        return new ArrayList<>(byId.values());
    }
}
