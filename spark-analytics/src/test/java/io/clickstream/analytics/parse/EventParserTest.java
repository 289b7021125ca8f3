package io.clickstream.analytics.parse;

import static io.clickstream.analytics.testing.Events.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.KafkaRows;
import io.clickstream.analytics.testing.TestSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private static final String TS = "2026-11-25T10:00:01.250Z";

    @Test
    void parsingSomeColumnsGivesTheSelectOfTheFullParse() {
        Dataset<Row> kafka = new KafkaRows()
                .add("page_views", Events.pageView(id(1), TS, "u1", "/home"))
                .add("clicks", Events.click(id(2), TS, "anon-7", "#buy"))
                .add("clicks", "{not json")
                .add("add_to_cart", Events.addToCart(id(3), TS, "u1", "p-1", "12.50", 2))
                .add("purchases", Events.purchase(id(4), TS, "u1", "o-1", "37.49", "p-1", "12.50", 2, "p-2", "12.49", 1))
                .toDataset(TestSpark.session());
        List<String> columns = List.of("order_items", "type", "ts", "event_id", "offset", "revenue");

        Dataset<Row> some = EventParser.parse(kafka, columns);

        assertThat(some.columns()).containsExactlyElementsOf(columns);
        Dataset<Row> selected = EventParser.parse(kafka).selectExpr(columns.toArray(String[]::new));
        assertThat(some.schema()).isEqualTo(selected.schema());
        assertThat(some.collectAsList()).hasSize(4).containsExactlyInAnyOrderElementsOf(selected.collectAsList());
    }

    @Test
    void parsesEveryEventTypeIntoTheSharedColumns() {
        Dataset<Row> kafka = new KafkaRows()
                .add("page_views", Events.pageView(id(1), TS, "u1", "/home"))
                .add("clicks", Events.click(id(2), TS, "anon-7", "#buy"))
                .add("add_to_cart", Events.addToCart(id(3), TS, "u1", "p-1", "12.50", 2))
                .add("purchases", Events.purchase(id(4), TS, "u1", "o-1", "37.49", "p-1", "12.50", 2, "p-2", "12.49", 1))
                .toDataset(TestSpark.session());

        Dataset<Row> events = EventParser.parse(kafka);

        assertThat(events.schema().simpleString()).isEqualTo(EventParser.EVENT_COLUMNS.simpleString());
        Map<String, Row> byType = events.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("type"), r -> r));
        assertThat(byType).containsOnlyKeys("page_view", "click", "add_to_cart", "purchase");

        Row pv = byType.get("page_view");
        assertThat((String) pv.getAs("event_id")).isEqualTo(id(1));
        assertThat((Timestamp) pv.getAs("ts")).isEqualTo(Timestamp.from(Instant.parse(TS)));
        assertThat((String) pv.getAs("user_key")).isEqualTo("u1");
        assertThat((String) pv.getAs("page_path")).isEqualTo("/home");
        assertThat((String) pv.getAs("page_url")).isEqualTo("https://shop.example/home");
        assertThat((String) pv.getAs("site")).isEqualTo("shop");
        assertThat((String) pv.getAs("session_id")).isEqualTo("s-u1");
        assertThat((String) pv.getAs("user_id")).isEqualTo("u1");
        assertThat((Timestamp) pv.getAs("received_at")).isEqualTo(Timestamp.from(Instant.parse(TS)));
        assertThat((String) pv.getAs("topic")).isEqualTo("page_views");
        assertThat((Integer) pv.getAs("partition")).isZero();
        assertThat((Long) pv.getAs("offset")).isZero();

        Row click = byType.get("click");
        assertThat((String) click.getAs("user_key")).isEqualTo("anon-7");
        assertThat((String) click.getAs("user_id")).isNull();
        assertThat((String) click.getAs("anonymous_id")).isEqualTo("anon-7");
        assertThat((String) click.getAs("element")).isEqualTo("#buy");

        Row cart = byType.get("add_to_cart");
        assertThat((BigDecimal) cart.getAs("product_price")).isEqualByComparingTo("12.50");
        assertThat((Integer) cart.getAs("product_quantity")).isEqualTo(2);
        assertThat((String) cart.getAs("product_category")).isEqualTo("books");
        assertThat((String) cart.getAs("product_id")).isEqualTo("p-1");

        Row purchase = byType.get("purchase");
        assertThat((String) purchase.getAs("order_id")).isEqualTo("o-1");
        assertThat((BigDecimal) purchase.getAs("revenue")).isEqualByComparingTo("37.49");
        assertThat((String) purchase.getAs("currency")).isEqualTo("EUR");
        List<Row> items = purchase.getList(purchase.fieldIndex("order_items"));
        assertThat(items).hasSize(2);
        assertThat(items.get(1).getString(0)).isEqualTo("p-2");
        assertThat(items.get(1).getDecimal(1)).isEqualByComparingTo("12.49");
        assertThat(items.get(1).getInt(2)).isEqualTo(1);

        assertThat(EventParser.rejects(kafka).count()).isZero();
    }

    @Test
    void rejectsMalformedAndContractViolatingRecordsWithTheirReason() {
        KafkaRows rows = new KafkaRows()
                .add("page_views", "{not json")
                .add("page_views", Events.pageView(id(1), TS, "u1", "/a").replace("\"event_id\":\"" + id(1) + "\",", ""))
                .add("clicks", Events.click(id(2), TS, "u1", "#x").replace("\"click\"", "\"hover\""))
                .add("clicks", Events.pageView(id(3), TS, "u1", "/a"))
                .add("add_to_cart", Events.addToCart(id(4), TS, "u1", "p-1", "-1.00", 1))
                .add("add_to_cart", Events.addToCart(id(5), TS, "u1", "p-1", "1.00", 1).replace("\"price\":1.00", "\"price\":\"cheap\""))
                .add("page_views", Events.pageView(id(6), "yesterday", "u1", "/a"))
                .add("page_views", Events.pageView(id(7), TS, "u1", "/a").replace("\"" + TS + "\"", "123"))
                .add("purchases", Events.purchase(id(8), TS, "u1", "o-1", "0.00"))
                .add("clicks", Events.click(id(9), TS, "u1", "#x").replace("\"user_id\":\"u1\",", ""))
                .add("page_views", Events.pageView(id(10), TS, "u1", "/ok"));
        Dataset<Row> kafka = rows.toDataset(TestSpark.session());

        Map<Long, String> reasons = EventParser.rejects(kafka).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<Long>getAs("offset"), r -> r.<String>getAs("reason")));

        assertThat(reasons).containsOnlyKeys(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(reasons.get(0L)).contains("not valid JSON");
        assertThat(reasons.get(1L)).isEqualTo("event_id: required");
        assertThat(reasons.get(2L)).contains("type: must be one of");
        assertThat(reasons.get(3L)).isEqualTo("type: does not belong on this topic");
        assertThat(reasons.get(4L)).isEqualTo("product.price: must be >= 0");
        assertThat(reasons.get(5L)).contains("not valid JSON or a field of the wrong JSON type");
        assertThat(reasons.get(6L)).startsWith("ts: not an ISO-8601 instant");
        assertThat(reasons.get(7L)).startsWith("ts: not an ISO-8601 instant");
        assertThat(reasons.get(8L)).isEqualTo("order.items: at least one item required for purchase");
        assertThat(reasons.get(9L)).isEqualTo("user_id/anonymous_id: at least one required");

        List<Row> valid = EventParser.parse(kafka).collectAsList();
        assertThat(valid).extracting(r -> r.<String>getAs("event_id")).containsExactly(id(10));
        Row reject = EventParser.rejects(kafka).filter("offset = 0").first();
        assertThat(reject.<String>getAs("raw")).isEqualTo("{not json");
        assertThat(reject.<String>getAs("topic")).isEqualTo("page_views");
    }
}
