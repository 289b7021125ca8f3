package io.clickstream.analytics.sink;

/**
 * Index names. Readers use the aliases; the job writes to the concrete {@code -v1} indices, which
 * the templates of {@link IndexTemplates} give their mappings and aliases. A mapping change gets a
 * new version (and a re-index), never an in-place edit.
 */
public final class Indices {
    public static final String KPIS_ALIAS = "clickstream-kpis";
    public static final String KPIS = "clickstream-kpis-v1";
    public static final String REJECTS_ALIAS = "clickstream-rejects";
    public static final String REJECTS = "clickstream-rejects-v1";
    public static final String ALERTS_ALIAS = "clickstream-alerts";
    public static final String ALERTS = "clickstream-alerts-v1";
    /** Internal: the KPI panes windows are summed from (see {@code EsPaneStore}). */
    public static final String PANES = "clickstream-panes-v1";

    private Indices() {
    }
}
