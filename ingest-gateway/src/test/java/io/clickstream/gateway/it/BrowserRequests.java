package io.clickstream.gateway.it;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test hook inside the gateway under test: remembers how browsers (requests with an {@code Origin})
 * posted to {@code /v1/events}, so a test can tell a {@code sendBeacon} (fetch mode {@code no-cors})
 * from a {@code fetch} (mode {@code cors}).
 */
@Singleton
public class BrowserRequests {

    /** One browser request as the gateway saw it. */
    public record Seen(String method, String origin, String contentType, String fetchMode) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    void register(@Observes Router router) {
        router.route("/v1/events").order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
            if (origin != null) {
                SEEN.add(new Seen(ctx.request().method().name(), origin,
                        ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), ctx.request().getHeader("Sec-Fetch-Mode")));
            }
            ctx.next();
        });
    }
}
