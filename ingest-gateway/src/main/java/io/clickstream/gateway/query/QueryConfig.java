package io.clickstream.gateway.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Bounds of the query API and the live page ({@code clickstream.query.*}; environment variables such
 * as {@code CLICKSTREAM_QUERY_STREAM_INTERVAL=PT5S} override). The Elasticsearch address is
 * {@code ES_URL} ({@link ElasticsearchUrlConfigSource}).
 */
@ConfigMapping(prefix = "clickstream.query")
public interface QueryConfig {

    /** How often {@code /api/stream} pushes a snapshot (at most 5 s, the live page's promise). */
    @WithDefault("2S")
    Duration streamInterval();

    /** The widest {@code from}–{@code to} range {@code /api/kpis} answers, and how far back {@code since} may go. */
    @WithDefault("24H")
    Duration maxRange();

    /** The range {@code /api/kpis} and the live page cover when none is given. */
    @WithDefault("15M")
    Duration defaultRange();

    /** At most this many windows per {@code /api/kpis} answer. */
    @WithDefault("1000")
    int maxWindows();

    /** At most this many open {@code /api/stream} connections; more get 503. */
    @WithDefault("64")
    int maxStreams();
}
