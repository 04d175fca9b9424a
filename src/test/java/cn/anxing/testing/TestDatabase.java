package cn.anxing.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL per test JVM: {@code TEST_DATABASE_URL} if set, else a Testcontainers
 * PostgreSQL when a Docker engine answers, else an embedded PostgreSQL in a fresh directory.
 */
public final class TestDatabase {

    private static String url;
    private static String user;
    private static String password;
    private static String host;
    private static int port;
    private static String database;

    private TestDatabase() {
    }

    /** The database as a {@code postgresql://} URL for {@code DATABASE_URL}. */
    public static synchronized String url() {
        if (url == null) {
            start();
        }
        return url;
    }

    private static void start() {
        String given = System.getenv("TEST_DATABASE_URL");
        try {
            if (given != null && !given.isBlank()) {
                var options = io.vertx.pgclient.PgConnectOptions.fromUri(given);
                set(options.getHost(), options.getPort(), options.getDatabase(),
                        options.getUser(), options.getPassword());
            } else if (dockerAvailable()) {
                var container = new PostgreSQLContainer("postgres:17-alpine");
                container.start();
                set(container.getHost(), container.getFirstMappedPort(),
                        container.getDatabaseName(), container.getUsername(),
                        container.getPassword());
            } else {
                var dir = Files.createTempDirectory("anxing-test-pg");
                var pg = EmbeddedPostgres.builder().setDataDirectory(dir)
                        .setCleanDataDirectory(true).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (Exception ignored) {
                        // the JVM is ending anyway
                    }
                }));
                set("localhost", pg.getPort(), "postgres", "postgres", "postgres");
            }
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL for the tests", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static void set(String h, int p, String db, String u, String pw) {
        host = h;
        port = p;
        database = db;
        user = u;
        password = pw;
        url = "postgresql://" + u + ":" + pw + "@" + h + ":" + p + "/" + db;
    }

    public static Connection connect() throws SQLException {
        url();
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/"
                + database, user, password);
    }

    /** Empties every table the migrations made, so each test class starts from nothing. */
    public static void reset() {
        try (Connection c = connect(); var st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname ="
                    + " 'public' AND tablename <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add('"' + rs.getString(1) + '"');
                }
            }
            if (!tables.isEmpty()) {
                st.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
