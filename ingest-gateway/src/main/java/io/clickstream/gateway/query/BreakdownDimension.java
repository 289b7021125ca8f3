package io.clickstream.gateway.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The dimensions of the breakdown documents spark-analytics writes (docs/architecture.md,
 * "Elasticsearch documents", Breakdown): the value of {@code dimension} in those documents, in the
 * order the live page offers them.
 */
public enum BreakdownDimension {
    SITE, REFERRER, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, DEVICE, BROWSER, OS;

    /** The name the documents and the API use ({@code utm_source}, …). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<BreakdownDimension> fromWireName(String value) {
        return Arrays.stream(values()).filter(d -> d.wireName().equals(value)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(BreakdownDimension::wireName).toList();
    }
}
