package cn.anxing.app;

import cn.anxing.accident.AccidentModule;
import cn.anxing.auth.AccountRepository;
import cn.anxing.auth.Authz;
import cn.anxing.bus.BusModule;
import cn.anxing.config.AppConfig;
import cn.anxing.db.Database;
import cn.anxing.demo.DemoData;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.HttpServerVerticle;
import cn.anxing.http.ResponseTimeBuckets;
import cn.anxing.http.RouteRules;
import cn.anxing.map.MapModule;
import cn.anxing.map.tiles.BaseMap;
import cn.anxing.insight.InsightModule;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.OutboxRelay;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import cn.anxing.platform.SecretStore;
import cn.anxing.platform.WorkerPools;
import cn.anxing.routing.MapFileMissingException;
import cn.anxing.payment.PaymentModule;
import cn.anxing.routing.RoutingConfig;
import cn.anxing.routing.RoutingService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server, started in order: configuration, database, Vert.x, the {@link Platform}
 * (secrets, worker pools, access checks, road network, outbox), the feature modules, then the
 * HTTP verticles; stopped in reverse. {@link #start} blocks until the server listens; the road
 * graph may still be importing then (health says 503 until it is ready).
 */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Platform platform;
    private final Database database;
    private final List<FeatureModule> modules;
    private final List<String> demoLines;
    private final OutboxRelay outboxRelay;
    private final List<RouteRules.Declared> routeTable;
    private volatile boolean stopped;

    private Application(Platform platform, Database database, List<FeatureModule> modules,
            List<String> demoLines, OutboxRelay outboxRelay,
            List<RouteRules.Declared> routeTable) {
        this.routeTable = routeTable;
        this.platform = platform;
        this.database = database;
        this.modules = modules;
        this.demoLines = demoLines;
        this.outboxRelay = outboxRelay;
    }

    public static Application start(AppConfig config) throws Exception {
        long started = System.nanoTime();
        if (!Files.isRegularFile(config.map().mapFile())) {
            throw new StartupException(new MapFileMissingException(config.map().mapFile())
                    .getMessage());
        }
        Database database = config.database().url()
                .map(Database::external)
                .orElseGet(() -> Database.embedded(config.embeddedDatabaseDir()));
        Vertx vertx = null;
        try {
            database.migrate();
            var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            metrics.config().meterFilter(new ResponseTimeBuckets());
            vertx = Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                            .setEnabled(true).setJvmMetricsEnabled(true)))
                    .withMetrics(new MicrometerMetricsFactory(metrics))
                    .build();
            Pool pool = database.createPool(vertx, config.database().poolSize());
            awaitFirstConnection(pool, Duration.ofSeconds(60));

            var accounts = new AccountRepository(pool);
            SecretStore secrets = name -> accounts.secret(name, randomSecret());
            // a running plan holds one routing thread for its whole run (its matrix has threads
            // of its own): the others stay free for snaps and routes
            var workers = new WorkerPools(vertx, config.map().matrixThreads() + 2, 2, 2);
            JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(
                            await(stored(config.auth().jwtSecret(), secrets, "jwt")))));
            var routing = new RoutingService(workers.routingExecutor());
            startRoadNetwork(routing, vertx, config);
            var outbox = new Outbox(pool);
            var outboxRelay = new OutboxRelay(outbox, config.outbox());
            FunctionCounter.builder("anxing.outbox.delivered", outboxRelay,
                    OutboxRelay::deliveredCount).register(metrics);
            FunctionCounter.builder("anxing.outbox.bookkeeping.failed", outboxRelay,
                            OutboxRelay::bookkeepingFailureCount)
                    .description("Deliveries whose result could not be recorded (sent again)")
                    .register(metrics);
            var platform = new Platform(config, vertx, pool, outbox, outboxRelay::wake,
                    new Authz(jwt, accounts::sessionState), routing, metrics, secrets, workers,
                    Clock.systemUTC());

            List<FeatureModule> modules = new ArrayList<>();
            modules.add(new HealthModule(platform));
            modules.add(new AuthModule(platform, jwt, accounts));
            var map = new MapModule(platform);
            modules.add(map);
            modules.add(new BusModule(platform, map.baseMap()));
            modules.add(new AccidentModule(platform, map.baseMap()));
            modules.add(new PaymentModule(platform));
            modules.add(new InsightModule(platform));
            List<FeatureRoutes> routes = new ArrayList<>();
            for (FeatureModule module : modules) {
                await(module.start());
                routes.addAll(module.routes());
            }

            var deployment = new DeploymentOptions()
                    .setInstances(Math.max(1, Runtime.getRuntime().availableProcessors()));
            // every instance builds the same router; the first one's table is kept for tests
            var routeTable = new AtomicReference<List<RouteRules.Declared>>();
            await(vertx.deployVerticle(() -> new HttpServerVerticle(config.http(), routes,
                    metrics, table -> routeTable.compareAndSet(null, List.copyOf(table))),
                    deployment));

            List<String> demoLines = new ArrayList<>();
            if (config.demo()) {
                for (FeatureModule module : modules) {
                    for (DemoData data : module.demo()) {
                        demoLines.addAll(await(data.load()));
                    }
                }
            }
            await(vertx.deployVerticle(outboxRelay));
            LOG.info("Anxing listening on http://{}:{} ({} ms, database {})",
                    config.http().host(), config.http().port(),
                    (System.nanoTime() - started) / 1_000_000,
                    database.isEmbedded() ? "embedded" : "external");
            return new Application(platform, database, modules, demoLines, outboxRelay,
                    routeTable.get());
        } catch (Exception | Error e) {
            // not swallowed: the resources are released and the failure rethrown as it was
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            database.close();
            throw e;
        }
    }

    /** Every API endpoint with the access rule it declares, as the HTTP server mounted it. */
    public List<RouteRules.Declared> routeTable() {
        return routeTable;
    }

    public List<String> demoLines() {
        return demoLines;
    }

    public Vertx vertx() {
        return platform.vertx();
    }

    public Pool pool() {
        return platform.pool();
    }

    public AppConfig config() {
        return platform.config();
    }

    public OutboxRelay outboxRelay() {
        return outboxRelay;
    }

    public RoutingService routing() {
        return platform.routing();
    }

    /**
     * Stops accepting requests, lets those in flight finish, closes the pool and stops an
     * embedded PostgreSQL. Blocks; safe to call twice.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long started = System.nanoTime();
        long grace = platform.config().http().shutdownGrace().toSeconds() + 1;
        for (int i = modules.size() - 1; i >= 0; i--) {
            try {
                modules.get(i).stop().toCompletionStage().toCompletableFuture()
                        .get(grace, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("The module {} did not stop cleanly", modules.get(i), e);
            }
        }
        try {
            platform.vertx().undeploy(outboxRelay.deploymentID()).toCompletionStage()
                    .toCompletableFuture().get(grace, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The outbox relay did not finish its round; its claims expire", e);
        }
        try {
            platform.routing().stop().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The road network did not close cleanly", e);
        }
        platform.workers().close();
        try {
            // undeploying the HTTP verticles shuts their servers down gracefully
            platform.vertx().close().toCompletionStage().toCompletableFuture()
                    .get(grace, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly", e);
        }
        database.close();
        LOG.info("Anxing stopped ({} ms)", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The graph imports in the background (minutes for a big extract): the server listens
     * meanwhile and /health says 503 until it is READY.
     */
    private static void startRoadNetwork(RoutingService routing, Vertx vertx, AppConfig config) {
        long started = System.nanoTime();
        routing.start(vertx, new RoutingConfig(config.map().mapFile(), config.graphCacheDir(),
                        config.map().matrixThreads()))
                .onSuccess(x -> LOG.info("Road network ready: {} in {} ms",
                        routing.status().message(), (System.nanoTime() - started) / 1_000_000))
                .onFailure(e -> LOG.error("The road network could not be loaded: {}",
                        e.getMessage()));
    }

    /** The configured value, or else the one generated on the first start and stored. */
    private static Future<String> stored(java.util.Optional<String> configured,
            SecretStore secrets, String name) {
        return configured.map(Future::succeededFuture).orElseGet(() -> secrets.secret(name));
    }

    /** The one traffic map and the dashboard (tests snap and refresh through it). */
    public InsightModule insight() {
        return modules.stream().filter(InsightModule.class::isInstance)
                .map(InsightModule.class::cast).findFirst().orElseThrow();
    }

    /** The base map's tiles, cut from the map file in the background like the graph. */
    public BaseMap baseMap() {
        return modules.stream().filter(MapModule.class::isInstance).map(MapModule.class::cast)
                .findFirst().orElseThrow().baseMap();
    }

    /** This server as seen from itself: its listening address, "any" read as the loopback. */
    private static String selfUrl(AppConfig.HttpConfig http) {
        String host = http.host();
        if (host.equals("0.0.0.0") || host.isBlank()) {
            host = "127.0.0.1";
        } else if (host.equals("::")) {
            host = "[::1]";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + http.port();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The first connection of a JVM that is still warming up, on a busy machine or to a database
     * that several instances start against at once, can take longer than the pool's 5 s wait:
     * the start tries again rather than failing on it. Flyway has already reached the database,
     * so what fails here for a whole minute is a real fault.
     */
    private static void awaitFirstConnection(Pool pool, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                await(pool.query("SELECT 1").execute());
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("The database did not answer yet ({}); trying again",
                        e.getCause() == null ? e : e.getCause().getMessage());
                Thread.sleep(500);
            }
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
