package io.clickstream.stack.elasticsearch;

import java.nio.file.Path;

/** The node's {@code elasticsearch.yml}: single node on loopback, no security, paths in the run dir. */
final class ElasticsearchYml {
    private ElasticsearchYml() {
    }

    static String render(Path home, int httpPort, int transportPort) {
        return """
                cluster.name: clickstream
                node.name: clickstream-es
                path.data: %s
                path.logs: %s
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                discovery.type: single-node
                xpack.security.enabled: false
                xpack.ml.enabled: false
                # a nearly full laptop disk must not turn indices read-only during a demo
                cluster.routing.allocation.disk.threshold_enabled: false
                """.formatted(home.resolve("data"), home.resolve("logs"), httpPort, transportPort);
    }
}
