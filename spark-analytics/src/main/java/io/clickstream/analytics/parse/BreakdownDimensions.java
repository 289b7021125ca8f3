package io.clickstream.analytics.parse;

import io.clickstream.dimensions.Dimension;
import io.clickstream.dimensions.Dimensions;
import io.clickstream.dimensions.UserAgents;

/**
 * An event's breakdown dimension values as the {@code dimensions} column ({@link EventParser#DIMENSIONS}):
 * derived by the {@code dimensions} module from {@code site}, {@code page.url}, {@code page.referrer}
 * and {@code context.user_agent} (user agents parsed once per executor JVM and cached there).
 */
public final class BreakdownDimensions {

    private static final Dimension[] ORDER = Dimension.values();

    private BreakdownDimensions() {
    }

    /**
     * Builds this JVM's user-agent analyzer in a background thread (seconds of work): in local mode the
     * driver is the executor, so the first micro-batch does not wait for it. Executors of a cluster
     * build theirs at their first event.
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(UserAgents::warmUp, "user-agent-analyzer-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
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
