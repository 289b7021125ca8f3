package io.clickstream.analytics.alert;

/** How bad an alert is, from how far the observation is past its threshold. */
public enum Severity {
    WARNING, CRITICAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** For "more than" rules: critical once the observation reaches {@code factor} × threshold. */
    public static Severity ofExcess(double observed, double threshold, double criticalFactor) {
        return observed >= threshold * criticalFactor ? CRITICAL : WARNING;
    }

    /** For "dropped below" rules: critical once the observation fell by {@code criticalDrop} or more of the baseline. */
    public static Severity ofDrop(double observed, double baseline, double criticalDrop) {
        return observed <= baseline * (1.0 - criticalDrop) ? CRITICAL : WARNING;
    }
}
