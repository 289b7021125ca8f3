package io.clickstream.gateway;

import io.clickstream.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code /bench/bare}: answers 204 and does nothing else — the baseline that {@code bench/beacons/run.sh}
 * measures the beacon endpoints against, in the same build and process. Registered only when
 * {@code clickstream.benchmark.bare-route=true}.
 */
@Singleton
public class BareRoute {

    static final String PATH = "/bench/bare";

    private final boolean enabled;

    public BareRoute(GatewayConfig config) {
        this.enabled = config.benchmark().bareRoute();
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.route(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                    .handler(ctx -> ctx.response().setStatusCode(204).end());
        }
    }
}
