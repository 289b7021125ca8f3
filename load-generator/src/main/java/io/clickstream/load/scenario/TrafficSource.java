package io.clickstream.load.scenario;

import java.util.List;

/**
 * Where a visit comes from: the referrer of its landing page (null: direct, typed or bookmarked;
 * {@link #SELF}: the site itself, e.g. a second tab) and the UTM parameters of its landing URL. The
 * weights are a typical shop's mix of direct, organic search, social, referral and campaign traffic.
 *
 * @param referrer the landing page's {@code page.referrer}, null for none
 * @param utm      query string added to the landing URL ({@code utm_source=…&…}), empty for none
 * @param weight   relative share of visits
 */
record TrafficSource(String referrer, String utm, double weight) {

    /** Stands for the visited site's own home page as referrer (a self-referral, counted as direct). */
    static final String SELF = "self";

    static final List<TrafficSource> MIX = List.of(
            new TrafficSource(null, "", 28),
            new TrafficSource("https://www.google.com/", "", 25),
            new TrafficSource("https://www.bing.com/", "", 5),
            new TrafficSource("https://duckduckgo.com/", "", 3),
            new TrafficSource("https://m.facebook.com/", "", 5),
            new TrafficSource("https://t.co/", "", 3),
            new TrafficSource("https://www.reddit.com/r/deals/", "", 3),
            new TrafficSource("https://l.instagram.com/", "", 2),
            new TrafficSource("https://news.example.org/deals", "", 4),
            new TrafficSource(SELF, "", 5),
            new TrafficSource(null, "utm_source=newsletter&utm_medium=email&utm_campaign=Winter%20Sale", 8),
            new TrafficSource("https://www.google.com/", "utm_source=google&utm_medium=cpc&utm_campaign=brand", 6),
            new TrafficSource("https://m.facebook.com/", "utm_source=facebook&utm_medium=paid_social&utm_campaign=spring-launch", 3));

    static double totalWeight() {
        return MIX.stream().mapToDouble(TrafficSource::weight).sum();
    }
}
