package io.clickstream.analytics.breakdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.dimensions.Dimension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The breakdown fold of one pane: counters per dimension value, visitors, the pane cap, its byte form. */
class BreakdownTallyTest {

    static final int LG_K = 12;

    /** Dimension values in {@link Dimension} order: site, referrer, utm source/medium/campaign, device, browser, os. */
    static List<String> values(String site, String referrer, String source, String device) {
        return List.of(site, referrer, source, "(none)", "(none)", device, "Chrome", "Windows NT");
    }

    static Map<String, PaneBreakdowns.Entry> byKey(PaneBreakdowns pane, Dimension d) {
        return pane.entries(d).stream().collect(Collectors.toMap(PaneBreakdowns.Entry::key, Function.identity()));
    }

    static long visitors(PaneBreakdowns.Entry e) {
        return e.sketch() == null ? 0 : Math.round(e.sketch().getEstimate());
    }

    @Test
    void countsEachEventUnderEachOfItsValues() {
        BreakdownTally tally = new BreakdownTally(500, LG_K);
        tally.add(values("shop", "google.com", "newsletter", "desktop"), "page_view", "u1", false, 0);
        tally.add(values("shop", "google.com", "newsletter", "desktop"), "click", "u1", false, 0);
        tally.add(values("shop", "direct", "(none)", "phone"), "page_view", "u2", false, 0);
        tally.add(values("shop", "direct", "(none)", "phone"), "add_to_cart", "u2", false, 0);
        tally.add(values("shop", "direct", "(none)", "phone"), "purchase", "u2", true, 12_345);
        tally.add(values("blog", "direct", "(none)", "phone"), "purchase", "", false, 500);
        PaneBreakdowns pane = tally.toPane();

        Map<String, PaneBreakdowns.Entry> sites = byKey(pane, Dimension.SITE);
        assertThat(sites.keySet()).containsExactlyInAnyOrder("shop", "blog");
        assertThat(sites.get("shop").counts()).containsExactly(2, 1, 1, 1, 1, 12_345);
        assertThat(visitors(sites.get("shop"))).isEqualTo(2);
        assertThat(sites.get("blog").counts()).as("a purchase without order id: no order; its revenue counts")
                .containsExactly(0, 0, 0, 1, 0, 500);
        assertThat(visitors(sites.get("blog"))).as("an empty user key is no visitor").isZero();

        Map<String, PaneBreakdowns.Entry> referrers = byKey(pane, Dimension.REFERRER);
        assertThat(referrers.get("google.com").counts()).containsExactly(1, 1, 0, 0, 0, 0);
        assertThat(referrers.get("direct").counts()).containsExactly(1, 0, 1, 2, 1, 12_845);
        assertThat(visitors(referrers.get("direct"))).isEqualTo(1);
        assertThat(pane.entries(Dimension.BROWSER)).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("Chrome");
            assertThat(e.counts()).containsExactly(2, 1, 1, 2, 1, 12_845);
            assertThat(visitors(e)).isEqualTo(2);
        });
        assertThat(pane.entries(Dimension.SITE)).extracting(PaneBreakdowns.Entry::key).as("sorted by key")
                .containsExactly("blog", "shop");
    }

    @Test
    void mergedPartialsThroughBytesEqualOneTally() throws IOException {
        BreakdownTally whole = new BreakdownTally(500, LG_K);
        BreakdownTally a = new BreakdownTally(500, LG_K);
        BreakdownTally b = new BreakdownTally(500, LG_K);
        for (int i = 0; i < 40; i++) {
            List<String> v = values("s" + i % 3, "r" + i % 7, "src" + i % 2, i % 2 == 0 ? "desktop" : "phone");
            String type = i % 4 == 0 ? "purchase" : "page_view";
            whole.add(v, type, "u" + i % 11, true, 100L * i);
            (i < 20 ? a : b).add(v, type, "u" + i % 11, true, 100L * i);
        }
        BreakdownTally fromStore = BreakdownTally.of(roundTrip(a).toPane(), LG_K);
        PaneBreakdowns merged = fromStore.merge(roundTrip(b)).toPane();
        PaneBreakdowns expected = whole.toPane();
        for (Dimension d : Dimension.values()) {
            Map<String, PaneBreakdowns.Entry> got = byKey(merged, d);
            byKey(expected, d).forEach((key, e) -> {
                assertThat(got.get(key).counts()).as(d + " " + key).containsExactly(e.counts());
                assertThat(visitors(got.get(key))).as(d + " " + key + " visitors").isEqualTo(visitors(e));
            });
            assertThat(got.keySet()).isEqualTo(byKey(expected, d).keySet());
        }
        assertThat(PaneBreakdowns.fromBytes(merged.toBytes()).toBytes()).isEqualTo(merged.toBytes());
        assertThat(PaneBreakdowns.fromBytes(new byte[0]).isEmpty()).isTrue();
    }

    @Test
    void aBotFloodingDistinctReferrersStaysWithinThePaneCap() throws IOException {
        int cap = 500;
        BreakdownTally tally = new BreakdownTally(cap, LG_K);
        for (int i = 0; i < 20; i++) {
            tally.add(values("shop", "google.com", "(none)", "desktop"), "page_view", "human-" + i, false, 0);
        }
        for (int i = 0; i < 10_000; i++) {
            tally.add(values("shop", "spam-" + i + ".example", "(none)", "robot"), "page_view", "bot", false, 0);
        }
        assertThat(tally.size(Dimension.REFERRER)).as("cap values plus other").isEqualTo(cap + 1);

        PaneBreakdowns pane = roundTrip(tally).toPane();
        Map<String, PaneBreakdowns.Entry> referrers = byKey(pane, Dimension.REFERRER);
        assertThat(referrers).hasSize(cap + 1).containsKey("other").containsKey("google.com");
        assertThat(referrers.values().stream().mapToLong(PaneBreakdowns.Entry::pageViews).sum())
                .as("nothing lost: every page view is in a value or in other").isEqualTo(10_020);
        assertThat(referrers.get("other").pageViews()).isEqualTo(10_000 - (cap - 1));
        assertThat(visitors(referrers.get("other"))).isEqualTo(1);
        assertThat(pane.toBytes().length).as("bounded state (bytes)").isLessThan(200_000);
    }

    @Test
    void mergingPastTheCapKeepsTheHighestRankedValues() throws IOException {
        BreakdownTally a = new BreakdownTally(2, LG_K);
        BreakdownTally b = new BreakdownTally(2, LG_K);
        // a: x (3 views), y (1 view); b: z (2 views), y (1 view), w (1 click): each partial within the cap
        BreakdownTally c = new BreakdownTally(2, LG_K);
        for (int i = 0; i < 3; i++) {
            a.add(values("s", "x", "(none)", "desktop"), "page_view", "u" + i, false, 0);
        }
        a.add(values("s", "y", "(none)", "desktop"), "page_view", "u9", false, 0);
        b.add(values("s", "z", "(none)", "desktop"), "page_view", "u1", false, 0);
        b.add(values("s", "z", "(none)", "desktop"), "page_view", "u2", false, 0);
        b.add(values("s", "y", "(none)", "desktop"), "page_view", "u4", false, 0);
        c.add(values("s", "w", "(none)", "desktop"), "click", "u3", false, 0);

        PaneBreakdowns pane = roundTrip(a).merge(roundTrip(b)).merge(roundTrip(c)).toPane();
        Map<String, PaneBreakdowns.Entry> referrers = byKey(pane, Dimension.REFERRER);
        assertThat(referrers.keySet()).as("x (3 views) first; y and z tie on views and events: key asc keeps y")
                .containsExactlyInAnyOrder("x", "y", "other");
        assertThat(referrers.get("other").counts()).as("z and w").containsExactly(2, 1, 0, 0, 0, 0);
        assertThat(visitors(referrers.get("other"))).isEqualTo(3);
    }

    static BreakdownTally roundTrip(BreakdownTally tally) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            tally.writeTo(out);
        }
        return BreakdownTally.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), LG_K);
    }
}
