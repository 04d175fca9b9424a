package cn.anxing.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.app.Application;
import cn.anxing.config.ConfigLoader;
import cn.anxing.testing.SharedFiles;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The outbox delivers each message once, signed, and survives restarts")
class OutboxDeliveryTest {

    private static final String SECRET = "test-webhook-secret";

    private WebhookReceiver receiver;
    private Application app;

    @BeforeEach
    void start() {
        TestDatabase.reset();
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        receiver.close();
    }

    @Test
    @DisplayName("A message is POSTed with its Idempotency-Key and a valid HMAC signature of the"
            + " body, and marked delivered with the attempt recorded")
    void deliversSigned() throws Exception {
        app = startApp(Map.of());
        Outbox outbox = new Outbox(app.pool());
        register(outbox, receiver.url());
        assertTrue(enqueue(outbox, "claim:1", new JsonObject().put("claim", 1)));
        app.outboxRelay().wake();

        await(() -> status(outbox, "claim:1").equals("DELIVERED"));
        assertEquals(1, receiver.requests().size());
        WebhookReceiver.Received got = receiver.requests().get(0);
        assertEquals("claim:1", got.idempotencyKey());
        assertEquals("test.topic", got.topic());
        assertTrue(got.signatureValid(), "signature must verify with the endpoint secret");
        assertEquals(1, new JsonObject(got.body()).getInteger("claim"));
        var stored = get(outbox.find("claim:1")).orElseThrow();
        assertEquals(1, get(outbox.attempts(stored.id())).size());
        assertEquals(200, get(outbox.attempts(stored.id())).get(0).httpStatus());
    }

    @Test
    @DisplayName("Enqueuing the same dedupe key again adds nothing, so the fact is sent once")
    void dedupes() throws Exception {
        app = startApp(Map.of());
        Outbox outbox = new Outbox(app.pool());
        register(outbox, receiver.url());
        assertTrue(enqueue(outbox, "agreement:x:insurer:PICC", new JsonObject()));
        assertFalse(enqueue(outbox, "agreement:x:insurer:PICC", new JsonObject()));
        app.outboxRelay().wake();
        await(() -> status(outbox, "agreement:x:insurer:PICC").equals("DELIVERED"));
        Thread.sleep(500);
        assertEquals(Map.of("agreement:x:insurer:PICC", 1), receiver.acceptedByKey());
    }

    @Test
    @DisplayName("A message rolled back with its transaction is never sent")
    void rolledBackIsNotSent() throws Exception {
        app = startApp(Map.of());
        Outbox outbox = new Outbox(app.pool());
        register(outbox, receiver.url());
        Future<Void> tx = app.pool().withTransaction(c -> outbox.enqueue(c,
                new OutboxMessage("test:receiver", "test.topic", "rolled-back", new JsonObject()))
                .compose(x -> Future.failedFuture("the business change failed")));
        assertTrue(tx.toCompletionStage().toCompletableFuture().handle((v, e) -> e != null)
                .get(10, TimeUnit.SECONDS));
        app.outboxRelay().wake();
        Thread.sleep(500);
        assertTrue(get(outbox.find("rolled-back")).isEmpty());
        assertEquals(0, receiver.requests().size());
    }

    @Test
    @DisplayName("A receiver answering 500 gets the message again after a backoff; every attempt"
            + " is recorded")
    void retriesWithBackoff() throws Exception {
        receiver.answering(n -> n <= 2 ? 500 : 200);
        app = startApp(Map.of("OUTBOX_BACKOFF_BASE_MS", "300", "OUTBOX_POLL_INTERVAL_MS", "100"));
        Outbox outbox = new Outbox(app.pool());
        register(outbox, receiver.url());
        enqueue(outbox, "retry:1", new JsonObject());
        app.outboxRelay().wake();

        await(() -> status(outbox, "retry:1").equals("DELIVERED"));
        var stored = get(outbox.find("retry:1")).orElseThrow();
        var attempts = get(outbox.attempts(stored.id()));
        assertEquals(List.of(500, 500, 200), attempts.stream().map(Outbox.Attempt::httpStatus)
                .toList());
        assertEquals(3, stored.attempts());
        // exponential: the second wait (600 ms) is longer than the first (300 ms)
        Duration first = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        Duration second = Duration.between(attempts.get(1).at(), attempts.get(2).at());
        assertTrue(first.toMillis() >= 250, "first wait " + first);
        assertTrue(second.toMillis() >= 550, "second wait " + second);
        assertEquals(1, receiver.acceptedCount("retry:1"));
    }

    @Test
    @DisplayName("A server stopped in the middle of delivering (receiver failed the first try)"
            + " delivers after its restart, exactly once")
    void deliversAfterRestart() throws Exception {
        receiver.answering(n -> n == 1 ? 500 : 200);
        Map<String, String> env = Map.of("OUTBOX_BACKOFF_BASE_MS", "1500",
                "OUTBOX_POLL_INTERVAL_MS", "100");
        app = startApp(env);
        Outbox outbox = new Outbox(app.pool());
        register(outbox, receiver.url());
        enqueue(outbox, "restart:1", new JsonObject().put("n", 1));
        app.outboxRelay().wake();
        await(() -> receiver.requests().size() == 1);
        app.stop();
        app = null;
        assertEquals(0, receiver.acceptedCount("restart:1"));

        app = startAppKeepingData(env);
        Outbox after = new Outbox(app.pool());
        await(() -> status(after, "restart:1").equals("DELIVERED"));
        Thread.sleep(2000);
        assertEquals(1, receiver.acceptedCount("restart:1"));
        assertEquals(2, receiver.requests().size());
    }

    @Test
    @DisplayName("A message enqueued while no relay runs (the server stopped before its relay"
            + " ran) is delivered once after the restart")
    void enqueuedBeforeStopIsDeliveredAfter() throws Exception {
        app = startApp(Map.of("OUTBOX_POLL_INTERVAL_MS", "100"));
        app.outboxRelay().stop(); // the relay never gets to run before the server goes down
        Outbox outbox = new Outbox(app.pool());
        register(outbox, receiver.url());
        enqueue(outbox, "waiting:1", new JsonObject());
        app.stop();
        app = null;
        assertEquals(0, receiver.requests().size());

        app = startAppKeepingData(Map.of("OUTBOX_POLL_INTERVAL_MS", "100"));
        Outbox after = new Outbox(app.pool());
        await(() -> status(after, "waiting:1").equals("DELIVERED"));
        Thread.sleep(500);
        assertEquals(Map.of("waiting:1", 1), receiver.acceptedByKey());
    }

    @Test
    @DisplayName("Two relays sharing the table (two servers) never send one message twice")
    void twoRelaysNeverSendTwice() throws Exception {
        app = startApp(Map.of("OUTBOX_POLL_INTERVAL_MS", "50"));
        Outbox outbox = new Outbox(app.pool());
        register(outbox, receiver.url());
        var second = new OutboxRelay(outbox, new OutboxConfig(Duration.ofMillis(50),
                5, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(1), 5));
        get(app.vertx().deployVerticle(second));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add("many:" + i);
            enqueue(outbox, "many:" + i, new JsonObject().put("i", i));
        }
        await(() -> receiver.acceptedByKey().size() == keys.size());
        Thread.sleep(500);
        get(app.vertx().undeploy(second.deploymentID()));
        receiver.acceptedByKey().forEach((key, n) -> assertEquals(1, n, key));
        assertEquals(keys.size(), receiver.requests().size());
        assertTrue(second.deliveredCount() > 0 && app.outboxRelay().deliveredCount() > 0,
                "both relays took part: " + second.deliveredCount() + " and "
                        + app.outboxRelay().deliveredCount());
    }

    private void register(Outbox outbox, String url) throws Exception {
        get(outbox.registerEndpoint(app.pool(), "test:receiver", url, SECRET, "test"));
    }

    private Application startApp(Map<String, String> overrides) {
        TestDatabase.reset();
        return startAppKeepingData(overrides);
    }

    private Application startAppKeepingData(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(TestServer.freePort()));
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("DATABASE_URL", TestDatabase.url());
        env.put("DATA_DIR", Path.of("target", "test-data").toAbsolutePath().toString());
        env.put("MAP_FILE", SharedFiles.map("guixi.osm").toString());
        env.put("DEMO", "true");
        env.putAll(overrides);
        try {
            return Application.start(ConfigLoader.load(env));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean enqueue(Outbox outbox, String key, JsonObject body) throws Exception {
        return get(app.pool().withTransaction(tx -> outbox.enqueue(tx,
                new OutboxMessage("test:receiver", "test.topic", key, body))));
    }

    private static String status(Outbox outbox, String key) {
        try {
            return get(outbox.find(key)).map(Outbox.StoredMessage::status).orElse("NONE");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
