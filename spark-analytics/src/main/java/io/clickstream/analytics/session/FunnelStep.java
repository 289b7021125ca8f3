package io.clickstream.analytics.session;

import io.clickstream.event.FunnelSpec;
import java.io.Serializable;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One funnel step as configured ({@link FunnelSpec.Step}, the grammar the ledger reads too) and the
 * parsed event column its filter reads.
 *
 * @param spec   the step as parsed
 * @param column the parsed event column the filter reads ({@code null}: no filter)
 */
public record FunnelStep(FunnelSpec.Step spec, String column) implements Serializable {

    /** Filter fields, as the event contract names them ({@link FunnelSpec#FILTER_FIELDS}) → the parsed event column holding them. */
    public static final Map<String, String> COLUMNS = Map.of(
            "page.path", "page_path",
            "page.url", "page_url",
            "element", "element",
            "product.id", "product_id",
            "product.category", "product_category");

    static FunnelStep of(FunnelSpec.Step spec) {
        return new FunnelStep(spec, spec.field() == null ? null : COLUMNS.get(spec.field()));
    }

    /** The step as configured (the documents' {@code step_name}). */
    public String name() {
        return spec.name();
    }

    /** The event type the step matches, as the parsed rows spell it. */
    public String type() {
        return spec.type().wireName();
    }

    /** The filter's glob as an anchored regular expression ({@code null}: no filter). */
    Pattern globPattern() {
        return spec.globPattern();
    }
}
