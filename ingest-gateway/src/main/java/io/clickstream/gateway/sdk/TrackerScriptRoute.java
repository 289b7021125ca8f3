package io.clickstream.gateway.sdk;

import io.clickstream.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * {@code GET /sdk/clickstream.js}: the browser tracker, minified at build time. Cacheable and
 * revalidated: {@code Cache-Control: public, max-age=…} ({@code clickstream.sdk.max-age}) with a
 * content ETag, so after max-age a browser asks again with {@code If-None-Match} and gets a bodiless
 * 304 until the script changes. Gzipped for clients that accept it (the script is compressed once,
 * at startup).
 */
@Singleton
public class TrackerScriptRoute {

    static final String PATH = "/sdk/clickstream.js";
    private static final String CONTENT_TYPE = "text/javascript; charset=utf-8";

    private final TrackerScript script;
    private final String cacheControl;
    private final Buffer plain;
    private final Buffer gzipped;

    public TrackerScriptRoute(GatewayConfig config) {
        this.script = TrackerScript.load();
        this.cacheControl = "public, max-age=" + config.sdk().maxAge().toSeconds();
        this.plain = Buffer.buffer(script.plain());
        this.gzipped = Buffer.buffer(script.gzipped());
    }

    void register(@Observes Router router) {
        router.route(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        MultiMap headers = response.headers();
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            headers.set(HttpHeaders.ALLOW, "GET, HEAD");
            response.setStatusCode(405).end();
            return;
        }
        boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        headers.set(HttpHeaders.ETAG, gzip ? script.gzipEtag() : script.etag());
        headers.set(HttpHeaders.VARY, "Accept-Encoding");
        // A public, credential-free script: any page may load it with crossorigin="anonymous" (for
        // Subresource Integrity). The beacon endpoints never answer with a wildcard (see CorsRoute).
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (script.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        headers.set(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
        headers.set("X-Content-Type-Options", "nosniff");
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        Buffer body = gzip ? gzipped : plain;
        if (request.method() == HttpMethod.HEAD) {
            headers.set(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
            response.end();
        } else {
            response.end(body);
        }
    }

    /** Whether {@code Accept-Encoding} lists gzip without refusing it ({@code gzip;q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equals("gzip") || parts[0].trim().equals("*")) {
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim().replace(" ", "");
                    refused |= param.matches("q=0(\\.0*)?");
                }
                return !refused;
            }
        }
        return false;
    }
}
