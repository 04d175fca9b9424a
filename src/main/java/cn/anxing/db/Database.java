package cn.anxing.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL the server uses: the one {@code DATABASE_URL} names, or an embedded server
 * whose data lives under {@code DATA_DIR/postgres} and survives restarts. All methods block; call
 * them at start and stop, never on an event loop.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final PgConnectOptions connectOptions;
    private final EmbeddedPostgres embedded;

    private Database(PgConnectOptions connectOptions, EmbeddedPostgres embedded) {
        this.connectOptions = connectOptions;
        this.embedded = embedded;
    }

    /** Connects to an existing server given as {@code postgresql://user:pass@host:port/db}. */
    public static Database external(String url) {
        String uri = url.startsWith("postgres://") ? "postgresql://" + url.substring(11) : url;
        return new Database(PgConnectOptions.fromUri(uri), null);
    }

    /**
     * Starts (creating on first use) an embedded PostgreSQL with its data in {@code dataDir}.
     *
     * <p>The library's defaults are for throw-away test databases (fsync off, asynchronous
     * commit, trust authentication); here the data is the product's, so commits are durable, the
     * server listens on 127.0.0.1 only, and every connection needs the generated password kept
     * next to the data directory (see {@link EmbeddedPassword}). A PostgreSQL left running on the
     * same directory by a killed server is stopped first (see {@link OrphanPostmaster}).
     */
    public static Database embedded(Path dataDir) {
        try {
            Path parent = dataDir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            long started = System.nanoTime();
            OrphanPostmaster.stopIfLeftOver(dataDir);
            Path passwordFile = EmbeddedPassword.fileFor(dataDir);
            if (!Files.exists(passwordFile) && Files.exists(dataDir.resolve("postgresql.conf"))
                    && !EmbeddedPassword.trusts(dataDir.resolve("pg_hba.conf"))) {
                throw new IllegalStateException(passwordFile + " is missing, and the database in "
                        + dataDir + " asks for the password it held: restore the file with the"
                        + " data (they are backed up together)");
            }
            String password = EmbeddedPassword.readOrCreate(passwordFile);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the library's readiness probe connects with these properties
                    .setConnectConfig("password", password)
                    // initdb of a new cluster: the superuser gets the password and every
                    // connection, local or TCP, must present it (these come after the
                    // library's "-A trust" and override it)
                    .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setDataDirectoryCustomizer(dir -> EmbeddedPassword.writeHba(dir.toPath()));
            DURABLE_SETTINGS.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            EmbeddedPassword.ensureRolePassword(dataDir, pg.getPort(), password);
            LOG.info("Embedded PostgreSQL ready on 127.0.0.1:{} with data in {} ({} ms)",
                    pg.getPort(), dataDir.toAbsolutePath(),
                    (System.nanoTime() - started) / 1_000_000);
            var options = new PgConnectOptions()
                    .setHost(LOOPBACK)
                    .setPort(pg.getPort())
                    .setDatabase("postgres")
                    .setUser(EmbeddedPassword.USER)
                    .setPassword(password);
            return new Database(options, pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    private static final String LOOPBACK = "127.0.0.1";

    /**
     * Server settings that override the library's test defaults ({@code -F}, i.e. fsync off, and
     * {@code synchronous_commit=off}): a commit the API acknowledged survives a crash of the
     * JVM, of PostgreSQL and of the machine. Given as {@code -c} options, which come after
     * {@code -F} on the command line and so win.
     */
    static final Map<String, String> DURABLE_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "listen_addresses", LOOPBACK,
            "password_encryption", "scram-sha-256");

    /** Applies the versioned SQL files of {@code db/migration} that are not applied yet. */
    public void migrate() {
        var result = Flyway.configure()
                .dataSource(jdbcUrl(), connectOptions.getUser(), connectOptions.getPassword())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("Database schema at version {} ({} migrations applied now)",
                result.targetSchemaVersion, result.migrationsExecuted);
    }

    /** How long a request waits for a free connection before it is answered 503. */
    static final long POOL_WAIT_MILLIS = 5_000;

    /**
     * The pool, with timeouts that make a missing database fail a request within seconds
     * (503) instead of holding it for the library's default minute: connecting may take 3 s,
     * waiting for a free connection 5 s ({@link WaitLimitedPool}, not the library's racy
     * timer), and at most 256 requests wait at once. Each
     * connection keeps its prepared statements (the library's default is not to: every
     * {@code preparedQuery} then parses, waits, executes and closes, two round trips instead of
     * one; measured 2-3 times the time a statement, BENCHMARKS.md section 9). Behind PgBouncer
     * this needs 1.21 or newer with {@code max_prepared_statements} (docs/capacity.md). Each
     * execution is still planned for its own values ({@code plan_cache_mode}): after five runs
     * PostgreSQL may keep one generic plan, chosen without the values (for "open cases since
     * $1 with plates $2" it cannot tell a few recent cases from all of them); with generic
     * plans the database's backends took a whole core at half the closed-loop report rate and
     * the open loop's p99 grew fourfold (BENCHMARKS.md section 9).
     */
    public Pool createPool(Vertx vertx, int maxSize) {
        return createPool(vertx, maxSize, POOL_WAIT_MILLIS);
    }

    Pool createPool(Vertx vertx, int maxSize, long waitMillis) {
        return new WaitLimitedPool(vertx, libraryPool(vertx, maxSize), waitMillis);
    }

    /** The library's own pool, without its wait timer (0): {@link WaitLimitedPool} limits it. */
    private Pool libraryPool(Vertx vertx, int maxSize) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(maxSize).setConnectionTimeout(0)
                        .setMaxWaitQueueSize(256))
                .with(new io.vertx.core.net.NetClientOptions().setConnectTimeout(3_000))
                .connectingTo(new PgConnectOptions(connectOptions)
                        .setCachePreparedStatements(true)
                        .addProperty("plan_cache_mode", "force_custom_plan"))
                .using(vertx)
                .build();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + connectOptions.getHost() + ":" + connectOptions.getPort()
                + "/" + connectOptions.getDatabase();
    }

    public PgConnectOptions connectOptions() {
        return connectOptions;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
                LOG.info("Embedded PostgreSQL stopped");
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
