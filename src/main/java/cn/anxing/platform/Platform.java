package cn.anxing.platform;

import cn.anxing.config.AppConfig;
import cn.anxing.auth.Authz;
import cn.anxing.outbox.Outbox;
import cn.anxing.routing.RoutingService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * The shared pieces the application starts once, in order, and hands to every feature module:
 * configuration, Vert.x, the database pool, the outbox (and the relay's wake-up), the access
 * checks, the road network, metrics, stored secrets and the named worker pools.
 */
public record Platform(
        AppConfig config,
        Vertx vertx,
        Pool pool,
        Outbox outbox,
        Runnable wakeOutbox,
        Authz authz,
        RoutingService routing,
        MeterRegistry metrics,
        SecretStore secrets,
        WorkerPools workers,
        Clock clock) {
}
