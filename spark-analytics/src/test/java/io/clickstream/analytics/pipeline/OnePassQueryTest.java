package io.clickstream.analytics.pipeline;

import static io.clickstream.analytics.testing.Events.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickstream.event.EventJson;
import io.clickstream.analytics.config.AnalyticsConfig;
import io.clickstream.analytics.kpi.KpiQueries;
import io.clickstream.analytics.parse.EventParser;
import io.clickstream.analytics.testing.Events;
import io.clickstream.analytics.testing.KafkaRows;
import io.clickstream.analytics.testing.MapSink;
import io.clickstream.analytics.testing.MemoryPaneStore;
import io.clickstream.analytics.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The one-pass query on a memory stream: the KPI and top-N documents are those of the separate KPI
 * query on the same records (whose figures {@code KpiQueriesTest} checks by hand); a bot's click
 * burst is one {@code click_burst} document, not grown by resends in a later batch; rejects are
 * indexed by {@code topic|partition|offset}; (KillRestartIT covers the restart of the one-pass job).
 */
class OnePassQueryTest {

    private long offset;

    @Test
    void writesTheKpisAlertsAndRejectsOfTheSeparateQueriesFromOneQuery() throws Exception {
        List<List<Row>> batches = batches();

        MapSink separate = new MapSink();
        MemoryStream<Row> kafka = MemoryStream.apply(Encoders.row(KafkaRows.SCHEMA), TestSpark.session());
        StreamingQuery kpis = KpiQueries.start(EventParser.parse(kafka.toDF()), config("separate"), separate, new MemoryPaneStore());
        try {
            feed(kafka, kpis, batches);
        } finally {
            kpis.stop();
        }

        MapSink onePass = runOnePass(config("one-pass"), batches);

        Map<String, JsonNode> kpiDocs = withoutSessionFields(only(onePass.docs(), "kpi|", "top|"));
        assertThat(kpiDocs).isNotEmpty().isEqualTo(only(separate.docs(), "kpi|", "top|"));
        assertThat(onePass.docs().get("kpi|60s/10s|" + Instant.parse("2026-11-25T10:00:00Z").toEpochMilli()).has("sessions"))
                .as("the one-pass KPI documents carry the session fields").isTrue();

        Map<String, JsonNode> alerts = only(onePass.docs(), "alert|");
        long burstStart = Instant.parse("2026-11-25T10:01:00Z").toEpochMilli() + 21 * 30;
        assertThat(alerts.keySet()).containsExactly("alert|click_burst|bot-1|" + burstStart);
        JsonNode burst = alerts.values().iterator().next();
        assertThat(burst.get("observed").asDouble()).isEqualTo(25.0);
        assertThat(burst.get("rule").asText()).isEqualTo("click_burst");

        Map<String, JsonNode> rejects = only(onePass.docs(), "page_views|", "clicks|");
        assertThat(rejects.keySet()).containsExactlyInAnyOrder("page_views|0|" + rejectOffsets.get(0),
                "clicks|0|" + rejectOffsets.get(1));
        assertThat(rejects.get("page_views|0|" + rejectOffsets.get(0)).get("reason").asText()).contains("not valid JSON");
        assertThat(rejects.get("clicks|0|" + rejectOffsets.get(1)).get("reason").asText()).contains("element");
    }

    /**
     * A broker failover delays the records of the partitions it led while the others flow on: here a
     * bot's burst reaches the job 30 s behind the newest event already read. The user rules accept the
     * KPIs' lateness, so the burst is still one alert (with a lateness of only seconds it was dropped
     * as late, while the KPIs counted it: the alert was missed in a chaos run).
     */
    @Test
    void withoutSessionsAndBreakdownsTheKpisAreTheSameAndNeitherIsWritten() throws Exception {
        MapSink all = runOnePass(config("all"), batches());
        MapSink without = runOnePass(config("without").toBuilder().sessions(false).breakdowns(false).build(), batches());

        assertThat(only(all.docs(), "breakdown|")).isNotEmpty();
        assertThat(only(all.docs(), "funnel|")).isNotEmpty();
        assertThat(only(without.docs(), "breakdown|", "funnel|")).isEmpty();
        Map<String, JsonNode> kpiDocs = only(without.docs(), "kpi|", "top|");
        assertThat(kpiDocs).isNotEmpty().isEqualTo(withoutSessionFields(only(all.docs(), "kpi|", "top|")));
        assertThat(kpiDocs.values()).noneMatch(doc -> doc.has("sessions"));
        assertThat(only(without.docs(), "alert|").keySet()).isEqualTo(only(all.docs(), "alert|").keySet());
    }

    @Test
    void aBurstDelayedBehindOtherPartitionsStillAlerts() throws Exception {
        String burstAt = "2026-11-25T10:01:00Z";
        List<String> bot = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            bot.add("clicks");
            bot.add(Events.click(id(300 + i), Instant.parse(burstAt).plusMillis(i * 30L).toString(), "bot-late", "#buy"));
        }
        List<List<Row>> batches = List.of(
                rows("page_views", Events.pageView(id(200), "2026-11-25T10:01:30Z", "u-other", "/home")),
                rows(bot.toArray(String[]::new)));

        MapSink sink = runOnePass(config("delayed-burst"), batches);

        long burstStart = Instant.parse(burstAt).toEpochMilli() + 21 * 30;
        assertThat(only(sink.docs(), "alert|").keySet()).containsExactly("alert|click_burst|bot-late|" + burstStart);
    }

    /**
     * Sessions and the default funnel with a 1 min gap, against figures worked out by hand: u1 goes
     * through the funnel, u2 bounces, u3 views two pages; u4's two page views 109 s apart are two
     * bounced sessions until a late view between them makes them one; u5's cart before its first view
     * does not count for the funnel until a later cart arrives; the watermark then closes them all
     * (u9's session stays open).
     */
    @Test
    void sessionsAndTheFunnelFollowLateEventsAndCloseBehindTheWatermark() throws Exception {
        List<List<Row>> batches = List.of(
                rows("page_views", Events.pageView(id(401), "2026-11-25T10:00:05Z", "u1", "/home"),
                        "add_to_cart", Events.addToCart(id(402), "2026-11-25T10:00:20Z", "u1", "p-1", "5.00", 1),
                        "purchases", Events.purchase(id(403), "2026-11-25T10:00:40Z", "u1", "o-41", "5.00", "p-1", "5.00", 1),
                        "page_views", Events.pageView(id(404), "2026-11-25T10:00:12Z", "u2", "/home"),
                        "page_views", Events.pageView(id(405), "2026-11-25T10:00:30Z", "u3", "/home"),
                        "page_views", Events.pageView(id(406), "2026-11-25T10:00:35Z", "u3", "/about"),
                        "page_views", Events.pageView(id(407), "2026-11-25T10:00:01Z", "u4", "/home"),
                        "page_views", Events.pageView(id(408), "2026-11-25T10:01:50Z", "u4", "/home"),
                        "add_to_cart", Events.addToCart(id(409), "2026-11-25T10:00:50Z", "u5", "p-1", "5.00", 1),
                        "page_views", Events.pageView(id(410), "2026-11-25T10:00:55Z", "u5", "/home"),
                        "purchases", Events.purchase(id(411), "2026-11-25T10:01:00Z", "u5", "o-51", "5.00", "p-1", "5.00", 1)),
                rows("page_views", Events.pageView(id(412), "2026-11-25T10:00:55Z", "u4", "/about"),
                        "add_to_cart", Events.addToCart(id(413), "2026-11-25T10:00:57Z", "u5", "p-2", "5.00", 1)),
                rows("page_views", Events.pageView(id(414), "2026-11-25T10:20:00Z", "u9", "/home")),
                rows("page_views", Events.pageView(id(415), "2026-11-25T10:20:01Z", "u9", "/about")));

        MapSink sink = runOnePass(config("sessions").toBuilder().sessionGap(Duration.ofMinutes(1)).build(), batches);

        long first = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
        long second = Instant.parse("2026-11-25T10:01:00Z").toEpochMilli();
        // u1 (35 s, 1 page, the whole funnel), u2 (bounced), u3 (5 s, 2 pages)
        assertSessions(sink.docs().get("kpi|60s/10s|" + first), 3, 1, 40.0 / 3, 4.0 / 3, 0);
        assertFunnel(sink.docs(), "60s/10s", first, new long[] {3, 1, 1}, new long[] {0, 2, 0});
        // u5 (10 s, 1 page, the whole funnel once its late cart came), u4 (109 s, 3 pages, merged)
        assertSessions(sink.docs().get("kpi|60s/10s|" + second), 2, 0, 59.5, 2.0, 0);
        assertFunnel(sink.docs(), "60s/10s", second, new long[] {2, 1, 1}, new long[] {0, 1, 0});
        // the hour: u1 … u5 closed, u9 (1 s, 2 pages) open
        assertSessions(sink.docs().get("kpi|1h|" + first), 6, 1, (35 + 5 + 10 + 109 + 1) / 6.0, 10.0 / 6, 1);
        assertFunnel(sink.docs(), "1h", first, new long[] {6, 2, 2}, new long[] {0, 4, 0});
        // u4's early bounced session was moved away from the window of its old end
        assertSessions(sink.docs().get("kpi|60s/10s|" + Instant.parse("2026-11-25T09:59:10Z").toEpochMilli()), 0, 0, 0, 0, 0);
    }

    private static void assertSessions(JsonNode kpi, long sessions, long bounced, double avgDuration, double pages, long open) {
        assertThat(kpi).as("KPI document").isNotNull();
        assertThat(kpi.get("sessions").asLong()).as("sessions of " + kpi).isEqualTo(sessions);
        assertThat(kpi.get("bounced_sessions").asLong()).as("bounced of " + kpi).isEqualTo(bounced);
        assertThat(kpi.get("bounce_rate").asDouble()).isCloseTo(sessions == 0 ? 0 : (double) bounced / sessions, within(1e-9));
        assertThat(kpi.get("avg_session_duration_s").asDouble()).as("duration of " + kpi).isCloseTo(avgDuration, within(1e-9));
        assertThat(kpi.get("pages_per_session").asDouble()).as("pages of " + kpi).isCloseTo(pages, within(1e-9));
        assertThat(kpi.get("open_sessions").asLong()).as("open of " + kpi).isEqualTo(open);
    }

    private static void assertFunnel(Map<String, JsonNode> docs, String granularity, long start, long[] reached, long[] dropOff) {
        for (int step = 1; step <= reached.length; step++) {
            JsonNode doc = docs.get("funnel|" + granularity + "|" + start + "|" + step);
            assertThat(doc).as("funnel step " + step).isNotNull();
            assertThat(doc.get("funnel").asText()).isEqualTo("default");
            assertThat(doc.get("step_name").asText()).isEqualTo(List.of("page_view", "add_to_cart", "purchase").get(step - 1));
            assertThat(doc.get("sessions").asLong()).as("reached step " + step + ": " + doc).isEqualTo(reached[step - 1]);
            assertThat(doc.get("drop_off").asLong()).as("drop-off at step " + step + ": " + doc).isEqualTo(dropOff[step - 1]);
            assertThat(doc.get("conversion_rate").asDouble()).isCloseTo((double) reached[step - 1] / reached[0], within(1e-9));
            assertThat(doc.get("step_conversion_rate").asDouble())
                    .isCloseTo(step == 1 ? 1.0 : (double) reached[step - 1] / reached[step - 2], within(1e-9));
        }
        assertThat(docs).doesNotContainKey("funnel|" + granularity + "|" + start + "|" + (reached.length + 1));
    }

    private static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
    private static final String FIREFOX_UBUNTU = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    /**
     * Breakdowns by hand, with {@code --breakdown-top 2}: seven events (one resent) in the window
     * starting 10:00:00, each attributed by its own site, referrer, UTM and user agent; the top two
     * values per dimension and the rest as {@code other}, in the 60s/10s window and the hour alike.
     */
    @Test
    void writesBreakdownsOfEachEventsOwnDimensions() throws Exception {
        String pv1 = with(Events.pageView(id(401), "2026-11-25T10:00:01Z", "u1", "/p"), e -> page(e,
                "https://a.example/p?utm_source=Google&utm_medium=cpc", "https://www.google.com/search?q=x", CHROME_WINDOWS, "shop-a"));
        List<List<Row>> batches = List.of(rows(
                "page_views", pv1,
                "page_views", with(Events.pageView(id(402), "2026-11-25T10:00:02Z", "u2", "/"), e -> page(e,
                        "https://a.example/", "https://a.example/x", SAFARI_IPHONE, "shop-a")),
                "clicks", with(Events.click(id(403), "2026-11-25T10:00:03Z", "u1", "#buy"), e -> page(e,
                        null, null, CHROME_WINDOWS, "shop-a")),
                "page_views", with(Events.pageView(id(404), "2026-11-25T10:00:14Z", "u3", "/"), e -> page(e,
                        "https://b.example/?utm_source=newsletter", "https://news.ycombinator.com/item", FIREFOX_UBUNTU, "shop-b")),
                "purchases", with(Events.purchase(id(405), "2026-11-25T10:00:25Z", "u1", "o-1", "20.00", "p-1", "20.00", 1),
                        e -> page(e, null, null, CHROME_WINDOWS, "shop-a")),
                "page_views", with(Events.pageView(id(406), "2026-11-25T10:00:26Z", "u4", "/"), e -> page(e,
                        "https://b.example/", null, null, "shop-b")),
                "page_views", with(Events.pageView(id(407), "2026-11-25T10:00:30Z", "u5", "/"), e -> page(e,
                        "https://c.example/", null, GOOGLEBOT, null))),
                rows("page_views", pv1));

        AnalyticsConfig config = config("breakdowns").toBuilder().breakdownTop(2).build();
        MapSink sink = runOnePass(config, batches);

        long start = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
        for (String granularity : List.of("60s/10s", "1h")) {
            Map<String, JsonNode> docs = only(sink.docs(), "breakdown|" + granularity + "|" + start + "|");
            String id = "breakdown|" + granularity + "|" + start + "|";
            // site: shop-a 2 views (+ click, purchase), shop-b 2 views, default (no site) 1 view → other
            assertBreakdown(docs.get(id + "site|1"), "site", "shop-a", 1, 2, 1, 0, 1, 1, "20.00", 2);
            assertBreakdown(docs.get(id + "site|2"), "site", "shop-b", 2, 2, 0, 0, 0, 0, "0.00", 2);
            assertBreakdown(docs.get(id + "site|3"), "site", "other", 3, 1, 0, 0, 0, 0, "0.00", 1);
            // referrer: direct (self-referral, none, none) 3 views; google.com and news.ycombinator.com tie
            // (1 view, 1 event): key asc; other = news.ycombinator.com and (none) (the click and purchase)
            assertBreakdown(docs.get(id + "referrer|1"), "referrer", "direct", 1, 3, 0, 0, 0, 0, "0.00", 3);
            assertBreakdown(docs.get(id + "referrer|2"), "referrer", "google.com", 2, 1, 0, 0, 0, 0, "0.00", 1);
            assertBreakdown(docs.get(id + "referrer|3"), "referrer", "other", 3, 1, 1, 0, 1, 1, "20.00", 2);
            assertThat(docs.get(id + "referrer|3").get("ctr").asDouble()).isEqualTo(1.0);
            assertThat(docs.get(id + "referrer|3").get("avg_order_value").decimalValue()).isEqualByComparingTo("20.00");
            assertThat(keys(docs, id, "utm_source")).containsExactly("(none)", "google", "other");
            assertThat(keys(docs, id, "utm_medium")).containsExactly("(none)", "cpc");
            assertThat(keys(docs, id, "utm_campaign")).containsExactly("(none)");
            assertBreakdown(docs.get(id + "device|1"), "device", "desktop", 1, 2, 1, 0, 1, 1, "20.00", 2);
            assertThat(keys(docs, id, "device")).containsExactly("desktop", "(none)", "other");
            assertThat(docs.get(id + "device|3").get("page_views").asLong()).as("phone and robot").isEqualTo(2);
            assertThat(keys(docs, id, "browser")).containsExactly("Chrome", "(none)", "other");
            assertThat(keys(docs, id, "os")).containsExactly("Windows NT", "(none)", "other");
            assertThat(docs).hasSize(3 + 3 + 3 + 2 + 1 + 3 + 3 + 3);
            for (String dimension : List.of("site", "referrer", "utm_source", "device", "browser", "os")) {
                assertThat(docs.entrySet().stream().filter(e -> e.getKey().startsWith(id + dimension + "|"))
                        .mapToLong(e -> e.getValue().get("page_views").asLong()).sum())
                        .as("every page view once per dimension (the resent one once)").isEqualTo(5);
            }
        }
    }

    private static void assertBreakdown(JsonNode doc, String dimension, String key, int rank, long pageViews, long clicks,
            long addToCart, long purchases, long orders, String revenue, long uniques) {
        assertThat(doc).as(dimension + " rank " + rank).isNotNull();
        assertThat(doc.get("dimension").asText()).isEqualTo(dimension);
        assertThat(doc.get("key").asText()).as(dimension + " rank " + rank).isEqualTo(key);
        assertThat(doc.get("rank").asInt()).isEqualTo(rank);
        assertThat(doc.get("page_views").asLong()).as(dimension + " " + key + " page_views").isEqualTo(pageViews);
        assertThat(doc.get("clicks").asLong()).as(dimension + " " + key + " clicks").isEqualTo(clicks);
        assertThat(doc.get("add_to_cart").asLong()).isEqualTo(addToCart);
        assertThat(doc.get("purchases").asLong()).as(dimension + " " + key + " purchases").isEqualTo(purchases);
        assertThat(doc.get("orders").asLong()).isEqualTo(orders);
        assertThat(doc.get("revenue").decimalValue()).isEqualByComparingTo(revenue);
        assertThat(doc.get("unique_visitors").asLong()).as(dimension + " " + key + " unique_visitors").isEqualTo(uniques);
    }

    private static List<String> keys(Map<String, JsonNode> docs, String id, String dimension) {
        List<String> keys = new ArrayList<>();
        for (int rank = 1; docs.containsKey(id + dimension + "|" + rank); rank++) {
            keys.add(docs.get(id + dimension + "|" + rank).get("key").asText());
        }
        return keys;
    }

    /** The event with this page URL and referrer (or no page, when both are null), user agent and site. */
    private static void page(ObjectNode e, String url, String referrer, String userAgent, String site) {
        if (url == null && referrer == null) {
            e.remove("page");
        } else {
            ObjectNode page = ((ObjectNode) e.get("page")).put("url", url);
            if (referrer != null) {
                page.put("referrer", referrer);
            }
        }
        if (userAgent != null) {
            e.putObject("context").put("user_agent", userAgent).put("locale", "en-GB");
        }
        if (site == null) {
            e.remove("site");
        } else {
            e.put("site", site);
        }
    }

    private static String with(String json, Consumer<ObjectNode> change) throws Exception {
        ObjectNode e = (ObjectNode) EventJson.mapper().readTree(json);
        change.accept(e);
        return e.toString();
    }

    /** Runs the one-pass query over {@code batches}, one micro-batch each, and returns what it wrote. */
    private static MapSink runOnePass(AnalyticsConfig config, List<List<Row>> batches) throws Exception {
        MapSink sink = new MapSink();
        MemoryStream<Row> kafka = MemoryStream.apply(Encoders.row(KafkaRows.SCHEMA), TestSpark.session());
        OnePassQuery query = OnePassQuery.of(kafka.toDF(), config, sink, new MemoryPaneStore());
        StreamingQuery job = query.start();
        try {
            feed(kafka, job, batches);
        } finally {
            job.stop();
            query.close();
        }
        return sink;
    }

    /** Adds each batch to the stream and waits until {@code query} has processed it: one micro-batch each. */
    private static void feed(MemoryStream<Row> kafka, StreamingQuery query, List<List<Row>> batches) {
        for (List<Row> batch : batches) {
            kafka.addData(CollectionConverters.asScala(batch).toSeq());
            query.processAllAvailable();
        }
    }

    private final List<Long> rejectOffsets = new ArrayList<>();

    /** The records of KpiQueriesTest, plus a bot's 25 clicks within 750 ms, their resends and two rejects. */
    private List<List<Row>> batches() {
        List<List<Row>> batches = new ArrayList<>();
        String pv1 = Events.pageView(id(1), "2026-11-25T10:00:05Z", "u1", "/home");
        String click3 = Events.click(id(3), "2026-11-25T10:00:07Z", "u1", "#buy");
        List<Row> first = rows(
                "page_views", pv1,
                "page_views", Events.pageView(id(2), "2026-11-25T10:00:02Z", "u2", "/home"),
                "clicks", click3,
                "page_views", Events.pageView(id(4), "2026-11-25T10:00:01Z", "anon-9", "/cart"),
                "add_to_cart", Events.addToCart(id(5), "2026-11-25T10:00:08Z", "u1", "p-1", "12.50", 2),
                "purchases", Events.purchase(id(6), "2026-11-25T10:00:09Z", "u1", "o-1", "37.49",
                        "p-1", "12.50", 2, "p-2", "12.49", 1),
                "page_views", pv1,
                "page_views", Events.pageView(id(7), "2026-11-25T10:00:15Z", "u2", "/product/p-1"));
        rejectOffsets.add(offset);
        first.addAll(rows("page_views", "{not json"));
        rejectOffsets.add(offset);
        first.addAll(rows("clicks", "{\"event_id\":\"" + id(90) + "\",\"type\":\"click\",\"ts\":\"2026-11-25T10:00:06Z\","
                + "\"user_id\":\"u9\",\"session_id\":\"s9\"}"));
        List<String> bot = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            String ts = Instant.parse("2026-11-25T10:01:00Z").plusMillis(i * 30L).toString();
            bot.add("clicks");
            bot.add(Events.click(id(100 + i), ts, "bot-1", "#buy"));
        }
        first.addAll(rows(bot.toArray(String[]::new)));
        batches.add(first);
        List<Row> second = rows(
                "clicks", click3,
                "page_views", Events.pageView(id(8), "2026-11-25T10:05:00Z", "u3", "/home"));
        second.addAll(rows(bot.subList(0, 10).toArray(String[]::new)));
        batches.add(second);
        batches.add(rows(
                "page_views", Events.pageView(id(9), "2026-11-25T10:03:30Z", "u3", "/home"),
                "page_views", Events.pageView(id(10), "2026-11-25T10:00:03Z", "u4", "/late"),
                "purchases", Events.purchase(id(11), "2026-11-25T10:03:35Z", "u2", "o-2", "10.00", "p-2", "5.00", 2)));
        return batches;
    }

    private List<Row> rows(String... topicAndJson) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < topicAndJson.length; i += 2) {
            rows.add(KafkaRows.row(topicAndJson[i], 0, offset++, topicAndJson[i + 1]));
        }
        return rows;
    }

    private static AnalyticsConfig config(String name) throws Exception {
        Path checkpoints = Files.createTempDirectory(Path.of("target"), "one-pass-" + name + "-");
        return AnalyticsConfig.builder().checkpointDir(checkpoints.toString())
                .trigger(Duration.ofMillis(100)).maxOffsetsPerTrigger(0).shufflePartitions(2)
                .topN(2).bulkMaxBytes(1 << 20).esRetryFor(Duration.ofSeconds(5))
                .build();
    }

    /** The KPI documents without the fields only the one-pass query writes (sessions). */
    private static Map<String, JsonNode> withoutSessionFields(Map<String, JsonNode> docs) {
        Map<String, JsonNode> stripped = new TreeMap<>();
        docs.forEach((id, doc) -> stripped.put(id, ((ObjectNode) doc.deepCopy()).remove(SESSION_FIELDS)));
        return stripped;
    }

    private static final List<String> SESSION_FIELDS = List.of("sessions", "bounced_sessions", "bounce_rate",
            "avg_session_duration_s", "pages_per_session", "open_sessions");

    private static Map<String, JsonNode> only(Map<String, JsonNode> docs, String... prefixes) {
        Map<String, JsonNode> kept = new TreeMap<>();
        docs.forEach((id, doc) -> {
            for (String p : prefixes) {
                if (id.startsWith(p)) {
                    kept.put(id, doc);
                }
            }
        });
        return kept;
    }
}
