package io.clickstream.analytics.parse;

import io.clickstream.analytics.breakdown.BreakdownRanking;
import io.clickstream.analytics.breakdown.BreakdownTally;
import io.clickstream.analytics.breakdown.PaneBreakdowns;
import io.clickstream.analytics.kpi.PaneFold;
import io.clickstream.analytics.testing.Browsers;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;

/**
 * What the breakdowns add per record, measured in-process (printed; the spark-analytics README
 * quotes the figures): the parse of a record with and without the {@code dimensions} column, the
 * pane fold of an event with and without breakdowns (the de-duplication's per-event work), and on the
 * driver the ranking of a 1 h window (360 panes) and a 60 s one. A benchmark, not a test
 * ({@code bench/breakdowns/run.sh}): it reports what it measured; {@code bench/analytics/run.sh}
 * judges the job.
 */
public final class BreakdownCostBenchmark {

    private static final List<String> BASE = List.of("event_id", "type", "ts", "user_key", "order_id", "revenue",
            "page_path", "page_url", "order_items", "site");
    private static final String[] REFERRERS = {"https://www.google.com/search?q=shoes", "https://t.co/abc", "", "https://shop.example/cart",
            "https://www.bing.com/", "https://news.ycombinator.com/item?id=1"};
    private static final String[] QUERIES = {"", "?utm_source=newsletter&utm_medium=email&utm_campaign=spring",
            "?utm_source=google&utm_medium=cpc", "?q=shoes&page=2"};

    private static byte[][] records(int n) {
        Random random = new Random(7);
        byte[][] records = new byte[n][];
        for (int i = 0; i < n; i++) {
            String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
            String json = "{\"event_id\":\"00000000-0000-0000-0000-" + String.format("%012d", i) + "\",\"type\":\"page_view\","
                    + "\"ts\":\"2026-11-25T10:00:01Z\",\"user_id\":\"u-" + random.nextInt(5000) + "\",\"session_id\":\"s1\","
                    + "\"site\":\"shop-" + random.nextInt(3) + "\",\"received_at\":\"2026-11-25T10:00:01Z\",\"ip\":\"10.0.0.0\","
                    + "\"page\":{\"url\":\"https://shop.example/p/" + random.nextInt(200) + QUERIES[random.nextInt(QUERIES.length)]
                    + "\",\"path\":\"/p\",\"title\":\"Product\"" + (referrer.isEmpty() ? "" : ",\"referrer\":\"" + referrer + "\"") + "},"
                    + "\"context\":{\"locale\":\"en-GB\",\"user_agent\":\"" + Browsers.USER_AGENTS.get(random.nextInt(Browsers.USER_AGENTS.size())) + "\"}}";
            records[i] = json.getBytes(StandardCharsets.UTF_8);
        }
        return records;
    }

    private static int[] picks(List<String> columns) {
        return columns.stream().mapToInt(EventParser.PICKABLE_COLUMNS::fieldIndex).toArray();
    }

    private static double parseNanos(byte[][] records, int[] picks, List<Row> out) {
        Timestamp kafkaTs = new Timestamp(0);
        long start = System.nanoTime();
        for (int i = 0; i < records.length; i++) {
            Row row = EventParser.classify(records[i], "page_views", 0, i, kafkaTs, picks);
            if (out != null) {
                out.add(row);
            }
        }
        return (System.nanoTime() - start) / (double) records.length;
    }

    private static double foldNanos(List<Row> rows, PaneFold.Fields fields, int rounds) {
        long start = System.nanoTime();
        int sink = 0;
        for (int r = 0; r < rounds; r++) {
            // A partial per 50 events, as a bucket's share of a micro-batch, serialised like the operator's.
            PaneFold fold = new PaneFold(9, fields.breakdownPaneCap());
            for (int i = 0; i < rows.size(); i++) {
                fold.add(rows.get(i), fields);
                if (i % 50 == 49) {
                    sink += fold.toBytes().length;
                    fold = new PaneFold(9, fields.breakdownPaneCap());
                }
            }
        }
        if (sink <= 0) {
            throw new IllegalStateException("nothing parsed");
        }
        return (System.nanoTime() - start) / (double) (rows.size() * rounds);
    }

    private BreakdownCostBenchmark() {
    }

    public static void main(String[] args) {
        io.clickstream.dimensions.UserAgents.warmUp();
        byte[][] records = records(50_000);
        List<String> withDimensions = new ArrayList<>(BASE);
        withDimensions.add("dimensions");
        for (int warm = 0; warm < 3; warm++) {
            parseNanos(records, picks(BASE), null);
            parseNanos(records, picks(withDimensions), null);
        }
        double without = Double.MAX_VALUE;
        double with = Double.MAX_VALUE;
        List<Row> rows = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            without = Math.min(without, parseNanos(records, picks(BASE), null));
            rows.clear();
            with = Math.min(with, parseNanos(records, picks(withDimensions), rows));
        }

        PaneFold.Fields plain = new PaneFold.Fields(1, 3, 4, 5, 6, 7, 8);
        PaneFold.Fields breakdowns = new PaneFold.Fields(1, 3, 4, 5, 6, 7, 8, 10, 500);
        foldNanos(rows, plain, 3);
        foldNanos(rows, breakdowns, 3);
        double foldPlain = Double.MAX_VALUE;
        double foldBreakdowns = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            foldPlain = Math.min(foldPlain, foldNanos(rows, plain, 1));
            foldBreakdowns = Math.min(foldBreakdowns, foldNanos(rows, breakdowns, 1));
        }

        // Driver: a 1 h window of 360 panes, each with 30 values per dimension.
        List<PaneBreakdowns> panes = new ArrayList<>();
        Random random = new Random(3);
        for (int p = 0; p < 360; p++) {
            BreakdownTally tally = new BreakdownTally(500, 9);
            for (int e = 0; e < 300; e++) {
                String v = "v" + random.nextInt(30);
                tally.add(List.of(v, v, v, v, v, v, v, v), "page_view", "u" + random.nextInt(2000), false, 0);
            }
            panes.add(tally.toPane());
        }
        BreakdownRanking.rank(panes, 10, 9);
        long t0 = System.nanoTime();
        BreakdownRanking.rank(panes, 10, 9);
        double hourMs = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        BreakdownRanking.rank(panes.subList(0, 6), 10, 9);
        double minuteMs = (System.nanoTime() - t1) / 1e6;

        System.out.printf("breakdown cost: parse %.0f ns/record without the dimensions column, %.0f with (+%.0f); "
                        + "pane fold %.0f ns/event without breakdowns, %.0f with (+%.0f); driver ranking: 1h window (360 panes × 8 × 30 values) %.1f ms, 60s window %.2f ms%n",
                without, with, with - without, foldPlain, foldBreakdowns, foldBreakdowns - foldPlain, hourMs, minuteMs);
    }
}
