package cn.anxing.accident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;

/** Builds cases up to a given step through the API, as two phones would. */
final class AccidentScene {

    private static int phoneCounter = 1_000_000;

    final TestServer server;

    AccidentScene(TestServer server) {
        this.server = server;
    }

    /** Waits for the road network: reports need it to find the road. */
    static void awaitRoads(TestServer server) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            Api.Reply health = server.api().get("/health");
            if (health.status() == 200) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the road network did not load");
    }

    Phone phone() {
        return new Phone(server.api(), server.baseUrl(), freshPhoneNumber());
    }

    static synchronized String freshPhoneNumber() {
        return "1370" + (phoneCounter++);
    }

    /** Two drivers, the case reported by A with both plates. */
    record Case(Phone a, Phone b, String id, String plateA, String plateB) {

        JsonObject view() {
            return a.get(id).json();
        }
    }

    Case reported() {
        Phone a = phone();
        Phone b = phone();
        String plateA = Phone.freshPlate();
        String plateB = Phone.freshPlate();
        Api.Reply created = a.report(plateA, plateB);
        assertEquals(201, created.status(), created.toString());
        return new Case(a, b, created.json().getString("id"), plateA, plateB);
    }

    /** Eligible, photographed, both parties joined with their details: statements next. */
    Case inLiability() {
        return inLiability("PICC", "PINGAN");
    }

    Case inLiability(String insurerA, String insurerB) {
        Case c = reported();
        expect(200, c.a().checklist(c.id(), false));
        c.a().uploadAll(c.id());
        String share = c.view().getString("shareCode");
        expect(200, c.b().join(share));
        expect(200, c.a().details(c.id(), "张三", c.plateA(), "330482199001011234", insurerA));
        expect(200, c.b().details(c.id(), "李四", c.plateB(), "330482198505052345", insurerB));
        assertEquals("LIABILITY", c.view().getString("state"));
        return c;
    }

    static Api.Reply expect(int status, Api.Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        return reply;
    }
}
