package cn.anxing.http;

import cn.anxing.config.AppConfig;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP server: one router assembled from the features' routes, the JSON error handler, the
 * metrics endpoint and the built frontend.
 */
public final class HttpServerVerticle extends VerticleBase {

    private final AppConfig.HttpConfig config;
    private final List<FeatureRoutes> features;
    private final Function<Throwable, DomainException> legacyErrors;
    private final PrometheusMeterRegistry metrics;
    private final Consumer<List<RouteRules.Declared>> routeTable;
    private HttpServer server;

    public HttpServerVerticle(AppConfig.HttpConfig config, List<FeatureRoutes> features,
            Function<Throwable, DomainException> legacyErrors, PrometheusMeterRegistry metrics,
            Consumer<List<RouteRules.Declared>> routeTable) {
        this.routeTable = routeTable;
        this.config = config;
        this.features = features;
        this.legacyErrors = legacyErrors;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        // Feature routes that take large bodies (photos) mount their own BodyHandler first;
        // this one then sees the body already handled and passes.
        features.stream().filter(f -> f instanceof UploadRoutes)
                .forEach(f -> ((UploadRoutes) f).mountUploads(router));
        router.route("/api/*").handler(BodyHandler.create(false)
                .setBodyLimit(config.bodyLimitBytes()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
        features.forEach(feature -> feature.mount(router));
        // a route without a declared rule stops the start here, before anything listens
        routeTable.accept(RouteRules.declared(router));
        router.route("/api/*").handler(ctx -> ctx.fail(new DomainException(
                CommonError.NOT_FOUND, "未找到 / not found: This API path")));
        // Vite names these files by content hash, so they may be cached for a year; the handler
        // serves paths relative to its mount point, hence the assets folder as its root
        router.route("/assets/*").handler(StaticHandler.create("webroot/assets")
                .setMaxAgeSeconds(365L * 24 * 3600));
        router.route("/*").handler(ctx -> {
            // index.html and other unhashed files must be revalidated so a release is seen
            ctx.response().putHeader("Cache-Control", "no-cache");
            ctx.next();
        });
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().failureHandler(new ErrorHandler(legacyErrors));

        server = vertx.createHttpServer(new HttpServerOptions()
                .setCompressionSupported(true)
                .setHost(config.host())
                .setPort(config.port()));
        return server.requestHandler(router).listen();
    }

    /** Stops accepting connections, lets requests in flight finish within the grace period. */
    @Override
    public Future<?> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        return server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
