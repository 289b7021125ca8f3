package io.clickstream.analytics.parse;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.Dimensions;

/**
 * An event's breakdown dimension values as the {@code dimensions} column ({@link EventParser#DIMENSIONS}):
 * derived by the {@code dimensions} module from {@code site}, {@code page.url}, {@code page.referrer}
 * and {@code context.user_agent} (user agents parsed once per executor JVM and cached there).
 */
final class BreakdownDimensions {

    private static final Dimension[] ORDER = Dimension.values();

    private BreakdownDimensions() {
    }

    /** The values in {@link Dimension} order, as the array column's external type. */
    static scala.collection.immutable.Seq<String> of(RawEvent e) {
        Dimensions d = Dimensions.of(e.site(), e.pageUrl(), e.pageReferrer(), e.userAgent(), e.hasPage());
        String[] values = new String[ORDER.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = ORDER[i].of(d);
        }
        return scala.collection.immutable.ArraySeq.unsafeWrapArray(values);
    }
}
