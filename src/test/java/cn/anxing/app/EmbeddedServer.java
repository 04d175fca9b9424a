package cn.anxing.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar on its embedded PostgreSQL (no DATABASE_URL), as the crash tests run it: its
 * process, its postmaster found from {@code DATA_DIR/postgres/postmaster.pid}, and SQL straight
 * into its database with the password the server generated.
 */
final class EmbeddedServer {

    final Path dataDir;
    final int port;
    final Process process;
    final Path log;

    private EmbeddedServer(Path dataDir, int port, Process process, Path log) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static EmbeddedServer start(Path dataDir, int port, String logName, Map<String, String> env)
            throws IOException {
        Path log = dataDir.resolve(logName);
        Map<String, String> all = new HashMap<>();
        all.put("DATABASE_URL", null);
        all.put("OTP_MIN_INTERVAL_SECONDS", "0");
        all.put("OTP_PER_ADDRESS_PER_HOUR", "100000");
        all.putAll(env);
        return new EmbeddedServer(dataDir, port, JarProcess.start(log,
                JarProcess.serverEnv(dataDir, port, all), List.of()), log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for /health 200 (database and road graph up); returns the milliseconds it took. */
    long awaitHealthy(Duration limit) throws Exception {
        return JarProcess.awaitHealthy(baseUrl(), process, log, limit, Duration.ofMillis(100))
                .millis();
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    Path pgDir() {
        return dataDir.resolve("postgres");
    }

    /** The live postmaster of this data directory, from its pid file. */
    ProcessHandle postmaster() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(pgDir().resolve("postmaster.pid")).get(0)
                .strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElseThrow(() ->
                new AssertionError("no live postmaster " + pid));
    }

    int pgPort() throws IOException {
        return Integer.parseInt(Files.readAllLines(pgDir().resolve("postmaster.pid")).get(3)
                .strip());
    }

    Connection sql() throws SQLException, IOException {
        String password = Files.readString(dataDir.resolve("postgres.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort()
                + "/postgres", "postgres", password);
    }

    long scalar(String query) throws Exception {
        try (Connection c = sql(); Statement st = c.createStatement();
                var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** SIGTERM and the wait for a clean exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
