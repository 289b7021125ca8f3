package io.clickstream.gateway.query;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the Quarkus Elasticsearch REST client at {@code ES_URL}, the one address variable every part
 * of the project reads (default {@code http://127.0.0.1:9200}): it derives
 * {@code quarkus.elasticsearch.hosts} and {@code quarkus.elasticsearch.protocol} from the URL, which
 * Quarkus takes only as {@code host:port} plus a scheme. Its ordinal (200) is below
 * application.properties, the environment and system properties, so setting
 * {@code quarkus.elasticsearch.hosts} anywhere still wins (the tests do).
 */
public final class ElasticsearchUrlConfigSource implements ConfigSource {

    static final String DEFAULT_URL = "http://127.0.0.1:9200";

    private final Map<String, String> properties;

    public ElasticsearchUrlConfigSource() {
        this(System.getenv("ES_URL"));
    }

    ElasticsearchUrlConfigSource(String esUrl) {
        this.properties = derive(esUrl == null || esUrl.isBlank() ? DEFAULT_URL : esUrl.trim());
    }

    static Map<String, String> derive(String esUrl) {
        URI uri;
        try {
            uri = URI.create(esUrl);
        } catch (IllegalArgumentException e) {
            throw notAUrl(esUrl);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw notAUrl(esUrl);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 9200;
        return Map.of(
                "quarkus.elasticsearch.hosts", uri.getHost() + ":" + port,
                "quarkus.elasticsearch.protocol", scheme,
                // A query that waits longer than this fails with 503; the live page tries again next tick.
                "quarkus.elasticsearch.socket-timeout", "5S",
                "quarkus.elasticsearch.connection-timeout", "1S");
    }

    private static IllegalArgumentException notAUrl(String esUrl) {
        return new IllegalArgumentException("ES_URL must look like http://host:9200, got " + esUrl);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "ES_URL";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
