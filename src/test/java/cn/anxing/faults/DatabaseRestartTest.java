package cn.anxing.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again under the running server, as a database restart or a
 * failover does: meanwhile {@code /health} says the database is down and requests fail fast
 * with 503 DATABASE_UNAVAILABLE instead of hanging; afterwards the pool reconnects by itself.
 */
@DisplayName("A database restart under the running server")
class DatabaseRestartTest {

    @Test
    @DisplayName("answers 503 fast while PostgreSQL is down and recovers without a restart")
    void survivesRestart() throws Exception {
        Path dir = Files.createTempDirectory("anxing-restart-pg");
        int port = TestServer.freePort();
        EmbeddedPostgres pg = start(dir, port);
        String url = "postgresql://postgres:postgres@localhost:" + port + "/postgres";
        try (TestServer server = TestServer.start(Map.of("DATABASE_URL", url))) {
            Api police = server.api().staff("police1", "anxing-demo");
            assertEquals(200, police.get("/api/v1/police/accidents").status());
            assertEquals(200, server.api().get("/health").status());
            // load throughout: every answer must be a 200 or a fast 503, never a 500 or a hang
            var load = new Load(police);
            load.start();
            Thread.sleep(500);

            pg.close();

            long asked = System.nanoTime();
            Api.Reply health = server.api().get("/health");
            long healthMillis = (System.nanoTime() - asked) / 1_000_000;
            assertEquals(503, health.status(), health.toString());
            assertEquals("DOWN", health.json().getString("db"));

            asked = System.nanoTime();
            Api.Reply queue = police.get("/api/v1/police/accidents");
            long queueMillis = (System.nanoTime() - asked) / 1_000_000;
            assertEquals(503, queue.status(), queue.toString());
            assertEquals("DATABASE_UNAVAILABLE", queue.json().getString("code"));
            System.out.printf("FAULT database down: health in %d ms, API in %d ms%n",
                    healthMillis, queueMillis);
            assertTrue(healthMillis < 5_000, "health took " + healthMillis + " ms");
            assertTrue(queueMillis < 8_000, "a request took " + queueMillis + " ms");

            pg = start(dir, port);
            long restarted = System.nanoTime();
            Api.Reply again = null;
            while (System.nanoTime() - restarted < 30_000_000_000L) {
                again = police.get("/api/v1/police/accidents");
                if (again.status() == 200) {
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf("FAULT database back: first 200 after %d ms%n",
                    (System.nanoTime() - restarted) / 1_000_000);
            assertEquals(200, again.status(), again.toString());
            JsonObject up = server.api().get("/health").json();
            assertEquals("UP", up.getString("db"), up.encode());
            Thread.sleep(500);
            load.finish();
            System.out.printf("FAULT load during the restart: %s, slowest %d ms%n",
                    load.statuses, load.slowestMillis);
            assertTrue(load.statuses.keySet().stream().allMatch(s -> s == 200 || s == 503),
                    "answers under load: " + load.statuses);
            assertTrue(load.statuses.getOrDefault(200, 0) > 0 && load.statuses
                    .getOrDefault(503, 0) > 0, "both sides of the restart: " + load.statuses);
            assertTrue(load.slowestMillis < 8_000, "slowest " + load.slowestMillis + " ms");
        } finally {
            pg.close();
        }
    }

    /** One client reading the police queue in a loop until told to stop (bounded: 60 s). */
    private static final class Load extends Thread {
        final Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        volatile long slowestMillis;
        private final Api api;
        private volatile boolean done;

        Load(Api api) {
            this.api = api;
            setDaemon(true);
        }

        @Override
        public void run() {
            long end = System.nanoTime() + 60_000_000_000L;
            while (!done && System.nanoTime() < end) {
                long asked = System.nanoTime();
                int status = api.get("/api/v1/police/accidents").status();
                slowestMillis = Math.max(slowestMillis, (System.nanoTime() - asked) / 1_000_000);
                statuses.merge(status, 1, Integer::sum);
            }
        }

        void finish() throws InterruptedException {
            done = true;
            join(10_000);
        }
    }

    private static EmbeddedPostgres start(Path dir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setPort(port).start();
    }
}
