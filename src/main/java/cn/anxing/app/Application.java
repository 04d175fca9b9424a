package cn.anxing.app;

import cn.anxing.accident.AccidentDemoData;
import cn.anxing.accident.AccidentRepository;
import cn.anxing.accident.AccidentRoutes;
import cn.anxing.accident.AccidentService;
import cn.anxing.accident.DuplicateReportRule;
import cn.anxing.accident.InsurerInboxRoutes;
import cn.anxing.accident.InsurerRoutes;
import cn.anxing.accident.PhotoStore;
import cn.anxing.accident.PoliceReviewRoutes;
import cn.anxing.accident.agreement.AgreementPdf;
import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.eligibility.EligibilityCheck;
import cn.anxing.accident.eligibility.EligibilityPolicy;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.accident.photo.PhotoCheck;
import cn.anxing.accident.photo.PhotoInspector;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.auth.AccountRepository;
import cn.anxing.auth.AccountRoutes;
import cn.anxing.auth.AccountService;
import cn.anxing.auth.LogSmsGateway;
import cn.anxing.auth.SmsGateway;
import cn.anxing.auth.Tokens;
import cn.anxing.bus.BusDemo;
import cn.anxing.bus.BusRepository;
import cn.anxing.bus.BusRoutes;
import cn.anxing.bus.BusService;
import cn.anxing.bus.PlanningJobs;
import cn.anxing.config.AppConfig;
import cn.anxing.config.ConfigException;
import cn.anxing.db.Database;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.demo.DemoData;
import cn.anxing.http.ApiException;
import cn.anxing.http.Authz;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.http.HealthRoutes;
import cn.anxing.http.HttpServerVerticle;
import cn.anxing.insight.InsightModule;
import cn.anxing.map.MapRoutes;
import cn.anxing.outbox.Outbox;
import cn.anxing.outbox.OutboxConfig;
import cn.anxing.outbox.OutboxRelay;
import cn.anxing.payment.LimitSchedule;
import cn.anxing.payment.PaymentDemo;
import cn.anxing.payment.PaymentRepository;
import cn.anxing.payment.PaymentRoutes;
import cn.anxing.payment.PaymentService;
import cn.anxing.payment.WorkingCalendar;
import cn.anxing.platform.Platform;
import cn.anxing.platform.WorkerPools;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: database, Vert.x, features and HTTP, started in order and stopped in
 * reverse. {@link #start} blocks until the server listens; the road graph may still be importing
 * then (health says 503 until it is ready).
 */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final AppConfig config;
    private final Database database;
    private final Vertx vertx;
    private final Pool pool;
    private final RoutingService routing;
    private final PlanningJobs planningJobs;
    private final List<String> demoLines;
    private final OutboxRelay outboxRelay;
    private final InsightModule insight;
    private volatile boolean stopped;

    private Application(AppConfig config, Database database, Vertx vertx, Pool pool,
            List<String> demoLines, OutboxRelay outboxRelay, RoutingService routing,
            PlanningJobs planningJobs, InsightModule insight) {
        this.config = config;
        this.database = database;
        this.vertx = vertx;
        this.pool = pool;
        this.routing = routing;
        this.planningJobs = planningJobs;
        this.demoLines = demoLines;
        this.outboxRelay = outboxRelay;
        this.insight = insight;
    }

    public static Application start(AppConfig config) throws Exception {
        long started = System.nanoTime();
        if (!Files.isRegularFile(config.map().mapFile())) {
            throw new cn.anxing.StartupException(new cn.anxing.routing.MapFileMissingException(
                    config.map().mapFile()).getMessage());
        }
        Database database = config.database().url()
                .map(Database::external)
                .orElseGet(() -> Database.embedded(config.embeddedDatabaseDir()));
        Vertx vertx = null;
        try {
            database.migrate();
            var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            vertx = Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                            .setEnabled(true).setJvmMetricsEnabled(true)))
                    .withMetrics(new MicrometerMetricsFactory(metrics))
                    .build();
            Pool pool = database.createPool(vertx, config.database().poolSize());
            var accountRepository = new AccountRepository(pool);
            String secret = await(config.auth().jwtSecret().map(Future::succeededFuture)
                    .orElseGet(() -> accountRepository.secret("jwt", randomSecret())));
            JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
            var authz = new Authz(jwt);
            var tokens = new Tokens(jwt, config.auth().tokenTtl());
            var accounts = new AccountService(vertx, accountRepository, tokens,
                    smsGateway(config), config.auth(), Clock.systemUTC());

            // The graph imports in the background (minutes for a big extract): the server
            // listens meanwhile and /health says 503 until it is READY.
            var routing = new RoutingService();
            long graphStarted = System.nanoTime();
            Future<Void> graphReady = routing.start(vertx, new RoutingConfig(
                    config.map().mapFile(), config.graphCacheDir(), config.map().matrixThreads()))
                    .onSuccess(x -> LOG.info("Road network ready: {} in {} ms",
                            routing.status().message(),
                            (System.nanoTime() - graphStarted) / 1_000_000))
                    .onFailure(e -> LOG.error("The road network could not be loaded: {}",
                            e.getMessage()));
            var outbox = new Outbox(pool);
            var outboxRelay = new OutboxRelay(vertx, outbox, outboxConfig(config));

            List<FeatureRoutes> features = new ArrayList<>();
            features.add(new HealthRoutes(pool, () -> graphState(routing)));
            features.add(new AccountRoutes(accounts, authz));
            features.add(new MapRoutes(routing));
            var busRepository = new BusRepository(pool);
            var planningJobs = new PlanningJobs(busRepository, routing,
                    config.map().matrixThreads());
            await(planningJobs.recover());
            features.add(new BusRoutes(new BusService(busRepository, routing, planningJobs),
                    authz));

            var paymentRepository = new PaymentRepository(pool);
            var payments = new PaymentService(paymentRepository, outbox, outboxRelay::wake,
                    LimitSchedule.loadDefault(), WorkingCalendar.loadDefault(), Clock.systemUTC());
            features.add(new PaymentRoutes(payments, authz, config.demo()));

            List<DemoData> demo = new ArrayList<>();
            demo.add(new DemoAccounts(vertx, accountRepository));
            demo.add(new BusDemo(vertx, busRepository, routing, graphReady,
                    config.map().mapFile()));
            demo.add(new PaymentDemo(paymentRepository, outbox, "http://127.0.0.1:"
                    + config.http().port() + "/api/v1/payments/demo/payer-system"));

            var accidents = accidentService(config, vertx, pool, accountRepository, outbox,
                    outboxRelay, routing);
            await(accidents.start());
            FunctionCounter.builder("anxing.accident.duplicates.avoided", accidents,
                            AccidentService::duplicatesAvoided)
                    .description("Repeated accident reports that joined the open case instead")
                    .register(metrics);
            FunctionCounter.builder("anxing.outbox.delivered", outboxRelay,
                    OutboxRelay::deliveredCount).register(metrics);
            var accidentRepository = new AccidentRepository(pool);
            var insurers = new InsurerRoutes(accidentRepository, outbox, authz);
            features.add(new AccidentRoutes(accidents, authz, config.accident().photoMaxBytes()));
            features.add(new PoliceReviewRoutes(accidents, authz));
            features.add(insurers);
            if (config.demo()) {
                features.add(new InsurerInboxRoutes(pool, outbox, authz));
                demo.add(new AccidentDemoData(accidentRepository, insurers,
                        "http://127.0.0.1:" + config.http().port()));
            }

            // the one traffic map (cn.anxing.insight), the first feature built as a FeatureModule
            var platform = new Platform(config, vertx, pool, outbox, outboxRelay::wake, authz,
                    routing, metrics, name -> accountRepository.secret(name, randomSecret()),
                    WorkerPools.defaults(vertx), Clock.systemUTC());
            var insight = new InsightModule(platform);
            features.addAll(insight.routes());
            await(insight.start());

            Function<Throwable, ApiException> domainErrors = DomainErrors::toApi;
            var deployment = new DeploymentOptions()
                    .setInstances(Math.max(1, Runtime.getRuntime().availableProcessors()));
            await(vertx.deployVerticle(() -> new HttpServerVerticle(config.http(), features,
                    domainErrors, metrics), deployment));

            List<String> demoLines = new ArrayList<>();
            if (config.demo()) {
                for (DemoData data : demo) {
                    demoLines.addAll(await(data.load()));
                }
            }
            outboxRelay.start();
            LOG.info("Anxing listening on http://{}:{} ({} ms, database {})",
                    config.http().host(), config.http().port(),
                    (System.nanoTime() - started) / 1_000_000,
                    database.isEmbedded() ? "embedded" : "external");
            return new Application(config, database, vertx, pool, demoLines, outboxRelay, routing,
                    planningJobs, insight);
        } catch (Exception | Error e) {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            database.close();
            throw e;
        }
    }

    public List<String> demoLines() {
        return demoLines;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Pool pool() {
        return pool;
    }

    public AppConfig config() {
        return config;
    }

    public OutboxRelay outboxRelay() {
        return outboxRelay;
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
        planningJobs.stop();
        insight.stop();
        try {
            outboxRelay.stop().toCompletionStage().toCompletableFuture()
                    .get(config.http().shutdownGrace().toSeconds() + 1, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The outbox relay did not finish its round; its claims expire", e);
        }
        try {
            routing.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("The road network did not close cleanly", e);
        }
        try {
            // undeploying the HTTP verticles shuts their servers down gracefully
            vertx.close().toCompletionStage().toCompletableFuture()
                    .get(config.http().shutdownGrace().toSeconds() + 1, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly", e);
        }
        database.close();
        LOG.info("Anxing stopped ({} ms)", (System.nanoTime() - started) / 1_000_000);
    }

    public RoutingService routing() {
        return routing;
    }

    public InsightModule insight() {
        return insight;
    }

    private static HealthRoutes.GraphState graphState(RoutingService routing) {
        RoutingService.Status status = routing.status();
        return switch (status.state()) {
            case READY -> new HealthRoutes.GraphState("UP", status.message());
            case IMPORTING -> new HealthRoutes.GraphState("IMPORTING", status.message());
            case FAILED -> new HealthRoutes.GraphState("DOWN", status.message());
        };
    }

    /** Blocks for the generated demo keys; called once at start. */
    private static AccidentService accidentService(AppConfig config, Vertx vertx, Pool pool,
            AccountRepository accounts, Outbox outbox, OutboxRelay relay, RoutingService routing)
            throws Exception {
        var settings = config.accident();
        String fieldKey = await(settings.fieldKey().map(Future::succeededFuture)
                .orElseGet(() -> accounts.secret("accident-field-key", randomSecret())));
        String sealKey = await(settings.sealKey().map(Future::succeededFuture)
                .orElseGet(() -> accounts.secret("accident-seal-key", randomSecret())));
        // 浙里快处 is for two vehicles; the issue asks to allow more, so up to five here
        var policy = new EligibilityPolicy(2, 5, true, true);
        return new AccidentService(vertx, new AccidentRepository(pool), outbox, relay::wake,
                routing, ScenarioCatalogue.bundled(), new EligibilityCheck(policy),
                new PhotoInspector((int) settings.photoMaxBytes(), ZoneId.of("Asia/Shanghai")),
                new PhotoCheck(Duration.ofMinutes(60), settings.photoFlagMetres()),
                new PhotoStore(config.photoDir()), FieldCipher.fromBase64Key(fieldKey),
                new AgreementSeal(Base64.getDecoder().decode(sealKey)),
                new AgreementPdf(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
                        settings.verifyUrl().orElse("http://127.0.0.1:" + config.http().port()
                                + "/#/verify")),
                new DuplicateReportRule(settings.duplicateRadiusMetres(),
                        settings.duplicateWindow()), settings.duplicateWindow(),
                Clock.systemUTC());
    }

    private static OutboxConfig outboxConfig(AppConfig config) {
        var d = OutboxConfig.defaults();
        return new OutboxConfig(config.outbox().pollInterval(), d.batchSize(), d.lease(),
                d.requestTimeout(), config.outbox().backoffBase(), d.backoffMax(),
                config.outbox().maxAttempts());
    }

    private static SmsGateway smsGateway(AppConfig config) {
        return switch (config.auth().smsGateway()) {
            case "log" -> new LogSmsGateway();
            default -> throw new ConfigException("SMS_GATEWAY '" + config.auth().smsGateway()
                    + "' is not known; the one built in is 'log'");
        };
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
