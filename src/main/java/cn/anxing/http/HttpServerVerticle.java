package cn.anxing.http;

import cn.anxing.config.AppConfig;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP server: one router assembled from the features' routes, the JSON error handler, the
 * metrics endpoint and the built frontend. In front of every route: the request id, the client
 * address, the security headers, and for the API the body limit and strict JSON.
 */
public final class HttpServerVerticle extends VerticleBase {

    /** Netty's defaults, stated: a longer request line is a 414, larger headers a 431. */
    static final int MAX_INITIAL_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    /** Photo uploads and household lists are raw files; every other API body is JSON. */
    static final List<StrictJson.RawBody> RAW_BODIES = List.of(new StrictJson.RawBody(
            HttpMethod.PUT, Pattern.compile("/api/v1/accidents/[^/]+/photos/[^/]+")),
            // a school's household list, as CSV or Excel (bus RegisterRoutes)
            new StrictJson.RawBody(HttpMethod.POST,
                    Pattern.compile("/api/v1/bus/schools/[^/]+/households/import(/preview)?")));

    private final AppConfig.HttpConfig config;
    private final List<FeatureRoutes> features;
    private final PrometheusMeterRegistry metrics;
    private final Consumer<List<RouteRules.Declared>> routeTable;
    private HttpServer server;

    public HttpServerVerticle(AppConfig.HttpConfig config, List<FeatureRoutes> features,
            PrometheusMeterRegistry metrics, Consumer<List<RouteRules.Declared>> routeTable) {
        this.routeTable = routeTable;
        this.config = config;
        this.features = features;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        var clients = new ClientAddress(config.trustedProxies());
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        router.route().handler(clients::assign);
        router.route().handler(new SecurityHeaders(clients)::handle);
        // Feature routes that take large bodies (photos) mount their own BodyHandler first;
        // this one then sees the body already handled and passes.
        features.stream().filter(f -> f instanceof UploadRoutes)
                .forEach(f -> ((UploadRoutes) f).mountUploads(router));
        router.route("/api/*").handler(BodyHandler.create(false)
                .setBodyLimit(config.bodyLimitBytes()));
        router.route("/api/*").handler(new StrictJson(RAW_BODIES)::handle);
        mountMetrics(router);
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
        router.route().failureHandler(new ErrorHandler());

        server = vertx.createHttpServer(new HttpServerOptions()
                .setCompressionSupported(true)
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setHost(config.host())
                .setPort(config.port()));
        server.invalidRequestHandler(this::invalidRequest);
        return server.requestHandler(router).listen();
    }

    /**
     * Requests Netty could not decode never reach the router (a request line over 4 KB, headers
     * over 8 KB, garbage): Vert.x's own answer there is an empty 414/431/400 and an immediate
     * close, which resets the connection while a client is still sending a large header. Here
     * they get the JSON error body like every other error, and the connection is closed only
     * after the client had a moment to read it (the decoder discards what still comes).
     */
    private void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String code;
        String message;
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            status = 414;
            code = "URI_TOO_LONG";
            message = "请求地址过长 / the request line is longer than " + MAX_INITIAL_LINE_BYTES
                    + " bytes";
        } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            status = 431;
            code = "HEADERS_TOO_LARGE";
            message = "请求头过大 / the request headers are larger than " + MAX_HEADER_BYTES
                    + " bytes";
        } else {
            status = 400;
            code = "BAD_REQUEST";
            message = "请求无法解析 / the request is not valid HTTP";
        }
        String requestId = UUID.randomUUID().toString().substring(0, 12);
        String body = new JsonObject().put("code", code).put("message", message)
                .put("requestId", requestId).encode();
        var response = request.response();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader("X-Request-Id", requestId)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY)
                .end(body)
                .onComplete(x -> vertx.setTimer(1000, t -> request.connection().close()));
    }

    /**
     * {@code /metrics}: with METRICS_TOKEN, for bearers of that token; without one, in the demo
     * for loopback clients only (not through a proxy), otherwise not served at all.
     */
    private void mountMetrics(Router router) {
        Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(metrics);
        if (config.metricsToken().isPresent()) {
            byte[] expected = ("Bearer " + config.metricsToken().get())
                    .getBytes(StandardCharsets.UTF_8);
            router.get("/metrics").handler(ctx -> {
                String given = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
                if (given == null || !MessageDigest.isEqual(expected,
                        given.getBytes(StandardCharsets.UTF_8))) {
                    ctx.fail(new DomainException(CommonError.UNAUTHENTICATED, "指标接口需要令牌 / /metrics needs the"
                            + " bearer token METRICS_TOKEN"));
                    return;
                }
                scrape.handle(ctx);
            });
        } else if (config.metricsOnLoopback()) {
            router.get("/metrics").handler(ctx -> {
                var remote = ctx.request().remoteAddress();
                boolean loopback = remote != null && isLoopback(remote.hostAddress())
                        && ctx.request().getHeader("X-Forwarded-For") == null;
                if (!loopback) {
                    ctx.fail(new DomainException(CommonError.FORBIDDEN, "演示模式下指标仅限本机访问 / without"
                            + " METRICS_TOKEN, /metrics answers this machine only"));
                    return;
                }
                scrape.handle(ctx);
            });
        } else {
            router.get("/metrics").handler(ctx -> ctx.fail(new DomainException(CommonError.NOT_FOUND, "/metrics (set"
                    + " METRICS_TOKEN to serve it)")));
        }
    }

    private static boolean isLoopback(String address) {
        return address.equals("127.0.0.1") || address.startsWith("127.")
                || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1");
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
