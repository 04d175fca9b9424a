package cn.anxing.accident;

import static cn.anxing.accident.AccidentScene.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.app.Application;
import cn.anxing.config.ConfigLoader;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.outbox.WebhookReceiver;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An agreement's insurer notification survives a server restart in the middle")
class AgreementNotificationRestartTest {

    private static final String SECRET = "restart-insurer-secret-0123456789";

    @Test
    @DisplayName("The insurer fails the first delivery, the server stops, and after the restart"
            + " the insurer gets the notification exactly once")
    void restartInTheMiddle() throws Exception {
        TestDatabase.reset();
        try (var receiver = new WebhookReceiver(SECRET).answering(n -> n == 1 ? 500 : 200)) {
            int port = TestServer.freePort();
            Application app = start(port);
            String caseId;
            try {
                String base = "http://127.0.0.1:" + port;
                Api api = new Api(base);
                expect(200, api.staff("admin", DemoAccounts.PASSWORD).put(
                        "/api/v1/admin/insurers/RESTARTINS", new JsonObject()
                                .put("nameZh", "重启保险").put("nameEn", "Restart Insurance")
                                .put("webhookUrl", receiver.url()).put("secret", SECRET)));
                Phone a = new Phone(api, base, AccidentScene.freshPhoneNumber());
                Phone b = new Phone(api, base, AccidentScene.freshPhoneNumber());
                String plateA = Phone.freshPlate();
                String plateB = Phone.freshPlate();
                caseId = expect(201, a.report(plateA, plateB)).json().getString("id");
                expect(200, a.checklist(caseId, false));
                a.uploadAll(caseId);
                expect(200, b.join(a.get(caseId).json().getString("shareCode")));
                expect(200, a.details(caseId, "张三", plateA, "330482199001011234", "RESTARTINS"));
                expect(200, b.details(caseId, "李四", plateB, "330482198505052345", "RESTARTINS"));
                var says = new JsonObject().put("A", "NOT_AT_FAULT").put("B", "REAR_END");
                expect(200, a.state(caseId, says));
                expect(200, b.state(caseId, says));
                expect(200, a.sign(caseId));
                expect(200, b.sign(caseId));
                awaitRequests(receiver, 1);
            } finally {
                app.stop();
            }
            assertEquals(0, receiver.acceptedByKey().size(), "nothing accepted before the stop");

            Application restarted = start(port);
            try {
                awaitRequests(receiver, 2);
                Thread.sleep(1500);
                assertEquals(1, receiver.acceptedByKey().size());
                receiver.acceptedByKey().forEach((key, n) -> {
                    assertEquals(1, n, key);
                    assertTrue(key.startsWith("agreement:") && key.endsWith(":insurer:RESTARTINS"),
                            key);
                });
                assertEquals(2, receiver.requests().size(), "the failed try and one delivery");
                JsonObject body = new JsonObject(receiver.requests().get(1).body());
                assertEquals(caseId, body.getString("caseId"));
                assertTrue(receiver.requests().stream().allMatch(
                        WebhookReceiver.Received::signatureValid));
            } finally {
                restarted.stop();
            }
        }
    }

    /** The server on an existing database (TestServer would empty it). */
    private static Application start(int port) throws Exception {
        Map<String, String> env = TestServer.environment(port);
        env.put("OUTBOX_POLL_INTERVAL_MS", "100");
        env.put("OUTBOX_BACKOFF_BASE_MS", "2000");
        Application app = Application.start(ConfigLoader.load(env));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (app.routing().status().state()
                == cn.anxing.routing.RoutingService.State.IMPORTING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the road graph did not load");
            }
            Thread.sleep(100);
        }
        return app;
    }

    private static void awaitRequests(WebhookReceiver receiver, int n) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (receiver.requests().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the insurer got " + receiver.requests().size()
                        + " requests, expected " + n);
            }
            Thread.sleep(50);
        }
    }
}
