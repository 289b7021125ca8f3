package io.clickstream.dimensions;

import java.util.function.Function;

/**
 * The breakdown dimensions, in the order documents and rankings list them. {@link #field()} is the
 * value of a breakdown document's {@code dimension} field.
 */
public enum Dimension {
    SITE("site", Dimensions::site),
    REFERRER("referrer", Dimensions::referrer),
    UTM_SOURCE("utm_source", Dimensions::utmSource),
    UTM_MEDIUM("utm_medium", Dimensions::utmMedium),
    UTM_CAMPAIGN("utm_campaign", Dimensions::utmCampaign),
    DEVICE("device", Dimensions::device),
    BROWSER("browser", Dimensions::browser),
    OS("os", Dimensions::os);

    private static final Dimension[] ALL = values();

    private final String field;
    private final Function<Dimensions, String> value;

    Dimension(String field, Function<Dimensions, String> value) {
        this.field = field;
        this.value = value;
    }

    /** The name in documents ({@code dimension} field) and configuration. */
    public String field() {
        return field;
    }

    /** This dimension's value of an event. */
    public String of(Dimensions dimensions) {
        return value.apply(dimensions);
    }

    /** The dimension named {@code field} (as in documents). */
    public static Dimension byField(String field) {
        for (Dimension d : ALL) {
            if (d.field.equals(field)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown breakdown dimension '" + field
                + "': use one of site, referrer, utm_source, utm_medium, utm_campaign, device, browser, os");
    }
}
