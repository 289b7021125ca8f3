package io.clickstream.gateway.demo;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The demo shop's files are static resources ({@code META-INF/resources/demo/}, served by Quarkus);
 * this only sends {@code /demo} to {@code /demo/}, so that the page's relative links resolve.
 */
@Singleton
public class DemoShopRoute {

    void register(@Observes Router router) {
        router.route("/demo").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> {
            if (!"/demo".equals(ctx.request().path())) {
                ctx.next(); // Vert.x matches "/demo/" here too: that one is the static index page
                return;
            }
            String query = ctx.request().query();
            ctx.response().setStatusCode(301)
                    .putHeader(HttpHeaders.LOCATION, "/demo/" + (query == null ? "" : "?" + query))
                    .end();
        });
    }
}
