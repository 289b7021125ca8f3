package io.clickstream.dimensions;

/**
 * The breakdown dimension values of one event, each attributed by the event's own fields. Every
 * value is non-null: a missing input gives {@link #NONE} (or {@link #DIRECT}, {@link #DEFAULT_SITE}),
 * so the job and the ledger count the same keys.
 *
 * @param site        the gateway's {@code site}, else {@link #DEFAULT_SITE}
 * @param referrer    the referrer's normalised host ({@link Referrers})
 * @param utmSource   {@code utm_source} of {@code page.url} ({@link Utm})
 * @param utmMedium   {@code utm_medium} of {@code page.url}
 * @param utmCampaign {@code utm_campaign} of {@code page.url}
 * @param device      Yauaa's {@code DeviceClass}, lower-cased ({@link UserAgents})
 * @param browser     Yauaa's {@code AgentName}
 * @param os          Yauaa's {@code OperatingSystemName}
 */
public record Dimensions(
        String site,
        String referrer,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String device,
        String browser,
        String os) {

    /** The value of a dimension whose input is absent. */
    public static final String NONE = "(none)";
    /** The referrer of a visit without one, or from the page's own host. */
    public static final String DIRECT = "direct";
    /** The site of an event the gateway did not tag with one. */
    public static final String DEFAULT_SITE = "default";
    /** The key that sums the values beyond a cap (pane cap, window top-N). */
    public static final String OTHER = "other";

    /**
     * The dimension values of one event.
     *
     * @param site         the gateway's {@code site}; {@code null} or blank → {@link #DEFAULT_SITE}
     * @param pageUrl      {@code page.url}, may be {@code null}
     * @param pageReferrer {@code page.referrer}, may be {@code null}
     * @param userAgent    {@code context.user_agent}, may be {@code null}
     * @param hasPage      whether the event has a {@code page} object (without one the referrer and
     *                     UTM values are {@link #NONE})
     */
    public static Dimensions of(String site, String pageUrl, String pageReferrer, String userAgent, boolean hasPage) {
        Utm utm = hasPage ? Utm.of(pageUrl) : Utm.NONE;
        UserAgents.Agent agent = UserAgents.classify(userAgent);
        return new Dimensions(
                site == null || site.isBlank() ? DEFAULT_SITE : site,
                Referrers.referrer(pageUrl, pageReferrer, hasPage),
                utm.source(), utm.medium(), utm.campaign(),
                agent.device(), agent.browser(), agent.os());
    }

    /** The value of {@code dimension}. */
    public String value(Dimension dimension) {
        return dimension.of(this);
    }
}
