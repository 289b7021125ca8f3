package io.clickstream.gateway.it;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The demo shop's files served from another origin than the gateway's (a JDK HTTP server on its own
 * loopback port), as a customer's site would serve its pages; the gateway under test gets the write
 * key {@value #WRITE_KEY} whose only allowed origin is this server's.
 */
public class DemoPageServer implements QuarkusTestResourceLifecycleManager {

    static final String WRITE_KEY = "demo-key";
    static final String SITE = "demo-shop";
    private static final String FILES = "META-INF/resources";

    private static volatile String origin;
    private HttpServer server;

    /** {@code http://127.0.0.1:<port>} of the running server. */
    static String origin() {
        return origin;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/demo/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/")) {
                path += "index.html";
            }
            try (exchange; InputStream in = path.contains("..") ? null
                    : Thread.currentThread().getContextClassLoader().getResourceAsStream(FILES + path)) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", contentType(path));
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "clickstream.sites." + WRITE_KEY, SITE,
                "clickstream.cors.origins." + WRITE_KEY, origin);
    }

    private static String contentType(String path) {
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return path.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
