package cn.anxing.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.Api;
import cn.anxing.testing.SharedFiles;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a newcomer runs it: embedded PostgreSQL, the demo map, the demo data. Runs
 * after {@code package} (failsafe), on {@code target/anxing.jar}.
 */
@DisplayName("The packaged server")
class ServerProcessIT {

    @Test
    @DisplayName("starts with everything embedded, keeps its data across a restart and stops"
            + " cleanly on SIGTERM within 10 seconds")
    void startRestartStop(@TempDir Path dataDir) throws Exception {
        int port = TestServer.freePort();
        Path log1 = dataDir.resolve("first.log");
        Process first = start(dataDir, port, log1);
        long firstStart = waitHealthy(port, first, log1, Duration.ofMinutes(3));
        Api api = new Api("http://127.0.0.1:" + port);
        String accountId = api.phone("13500000042").get("/api/v1/auth/me").json().getString("id");
        String page = api.get("/").body();
        assertTrue(page.contains("<html") || page.contains("<!doctype"), "the shell page");

        assertStopsWithin(first, log1, Duration.ofSeconds(10));

        assertEquals(0, command(dataDir, "create-admin", "--username", "ops1", "--password",
                "a-long-password-1"), "create-admin makes the first admin");
        assertEquals(1, command(dataDir, "create-admin", "--username", "ops1", "--password",
                "a-long-password-1"), "a second admin of the same name is refused");
        assertEquals(2, command(dataDir, "create-admin", "--username", "ops2", "--password",
                "short"), "a short password is refused");

        Path log2 = dataDir.resolve("second.log");
        Process second = start(dataDir, port, log2);
        long secondStart = waitHealthy(port, second, log2, Duration.ofSeconds(60));
        assertEquals(accountId, api.phone("13500000042").get("/api/v1/auth/me").json()
                .getString("id"), "the account made before the restart is still there");
        assertEquals(200, api.staff("ops1", "a-long-password-1").get("/api/v1/admin/accounts")
                .status(), "the admin made by create-admin signs in and administers");
        String demoLines = Files.readString(log2);
        assertTrue(demoLines.contains("police1"), "the demo's sign-in details are printed");
        assertStopsWithin(second, log2, Duration.ofSeconds(10));
        System.out.printf("first start %d ms, restart %d ms%n", firstStart, secondStart);
    }

    @Test
    @DisplayName("lists its subcommands with --help and refuses an unknown one")
    void help(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("help.txt");
        Process help = jar(dir, out, "--help");
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        String text = Files.readString(out);
        for (String command : List.of("serve", "create-admin", "sbrp")) {
            assertTrue(text.contains(command), text);
        }
        Process unknown = jar(dir, out, "launch-rockets");
        assertTrue(unknown.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, unknown.exitValue());
    }

    private static int command(Path dataDir, String... args) throws Exception {
        Path log = dataDir.resolve("command.log");
        Process process = jar(dataDir, log, args);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), Files.readString(log));
        return process.exitValue();
    }

    private static Process jar(Path dataDir, Path log, String... args) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", null);
        env.put("DATA_DIR", dataDir.toString());
        return JarProcess.start(log, env, List.of(), args);
    }

    private static Process start(Path dataDir, int port, Path log) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", null);
        env.put("DATA_DIR", dataDir.toString());
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("MAP_FILE", SharedFiles.map("guixi.osm").toString());
        env.put("OTP_MIN_INTERVAL_SECONDS", "0");
        return JarProcess.start(log, env, List.of());
    }

    private static long waitHealthy(int port, Process process, Path log, Duration limit)
            throws Exception {
        var healthy = JarProcess.awaitHealthy("http://127.0.0.1:" + port, process, log, limit,
                Duration.ofMillis(250));
        JsonObject body = healthy.health().json();
        assertEquals("UP", body.getString("db"));
        assertEquals("UP", body.getString("graph"));
        return healthy.millis();
    }

    private static void assertStopsWithin(Process process, Path log, Duration limit)
            throws Exception {
        process.destroy(); // SIGTERM
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(exited, "exited within " + limit + ": " + output);
        assertTrue(output.contains("Embedded PostgreSQL stopped"), output);
        assertTrue(output.contains("Anxing stopped"), output);
    }
}
