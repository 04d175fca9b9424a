package cn.anxing.accident;

import static cn.anxing.accident.AccidentScene.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.accident.photo.AccidentPhotos;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.outbox.WebhookReceiver;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Accident guards: bad input, privacy, concurrency, repeated reports, police, insurers")
class AccidentGuardsApiTest {

    private static final int PHOTO_LIMIT = 200_000;

    private static TestServer server;
    private static AccidentScene scene;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OTP_PER_ADDRESS_PER_HOUR", "100000",
                "ACCIDENT_PHOTO_MAX_BYTES", String.valueOf(PHOTO_LIMIT),
                "OUTBOX_POLL_INTERVAL_MS", "100", "OUTBOX_BACKOFF_BASE_MS", "300"));
        AccidentScene.awaitRoads(server);
        scene = new AccidentScene(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs {@code action}, expects the error, and checks the case did not change at all. */
    private static void refusedUnchanged(AccidentScene.Case c, Supplier<Api.Reply> action,
            int status, String code, String field) {
        JsonObject before = c.view();
        Api.Reply reply = action.get();
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(code, reply.json().getString("code"), reply.toString());
        assertEquals(field, reply.json().getString("field"), reply.toString());
        assertEquals(before, c.view(), "the case must be unchanged");
    }

    @Nested
    @DisplayName("Bad input gets a 4xx naming the problem, and the case is unchanged")
    class BadInput {

        @Test
        @DisplayName("An invalid plate in a report creates no case")
        void invalidPlateInReport() {
            Phone a = scene.phone();
            Api.Reply reply = a.api.post("/api/v1/accidents",
                    Phone.reportBody(Phone.SCENE_LAT, Phone.SCENE_LON, "浙F1234", "浙F12345")
                            .put("ignoreDuplicates", true));
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("PLATE_INVALID", reply.json().getString("code"));
            assertEquals("plates[0]", reply.json().getString("field"));
            assertEquals(new JsonArray(), a.api.get("/api/v1/accidents").jsonArray());
        }

        @Test
        @DisplayName("Coordinates outside the map are refused, both for a report and a lookup")
        void outsideTheMap() {
            Phone a = scene.phone();
            Api.Reply reply = a.api.post("/api/v1/accidents", Phone.reportBody(30.7, 121.0,
                    Phone.freshPlate(), Phone.freshPlate()).put("ignoreDuplicates", true));
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("OUTSIDE_MAP", reply.json().getString("code"));
            assertEquals("lat", reply.json().getString("field"));
            assertEquals(new JsonArray(), a.api.get("/api/v1/accidents").jsonArray());
            assertEquals(400, a.api.get("/api/v1/accidents/location?lat=91&lon=117").status());
        }

        @Test
        @DisplayName("An invalid plate in a party's details")
        void invalidPlateInDetails() {
            var c = scene.reported();
            refusedUnchanged(c, () -> c.a().details(c.id(), "张三", "浙FI2345",
                    "330482199001011234", "PICC"), 400, "PLATE_INVALID", "plate");
        }

        @Test
        @DisplayName("A plate that is not one of the case's vehicles")
        void plateNotInCase() {
            var c = scene.reported();
            refusedUnchanged(c, () -> c.a().details(c.id(), "张三", Phone.freshPlate(),
                    "330482199001011234", "PICC"), 400, "PLATE_NOT_IN_CASE", "plate");
        }

        @Test
        @DisplayName("A file that is not an image, sent as a JPEG")
        void notAnImage() {
            var c = eligible();
            refusedUnchanged(c, () -> c.a().upload(c.id(), "panorama-front",
                    "hello, I am text".getBytes(StandardCharsets.UTF_8), "image/jpeg",
                    "not-an-image-1"), 415, "PHOTO_TYPE_NOT_ALLOWED", "photo");
        }

        @Test
        @DisplayName("A content type other than JPEG, PNG or HEIC")
        void wrongContentType() {
            var c = eligible();
            refusedUnchanged(c, () -> c.a().upload(c.id(), "panorama-front",
                    AccidentPhotos.jpeg(), "application/pdf", "wrong-type-01"), 415,
                    "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
        }

        @Test
        @DisplayName("A truncated upload (a JPEG cut short)")
        void truncated() {
            var c = eligible();
            refusedUnchanged(c, () -> c.a().upload(c.id(), "panorama-front",
                    AccidentPhotos.cut(AccidentPhotos.jpeg(), 40), "image/jpeg",
                    "truncated-0001"), 400, "PHOTO_TRUNCATED", "photo");
        }

        @Test
        @DisplayName("A photo over the size limit")
        void tooLarge() {
            var c = eligible();
            JsonObject before = c.view();
            Api.Reply reply = c.a().upload(c.id(), "panorama-front",
                    new byte[PHOTO_LIMIT + 1], "image/jpeg", "too-large-0001");
            assertEquals(413, reply.status(), reply.toString());
            assertEquals(before, c.view());
        }

        @Test
        @DisplayName("An unknown photo slot, and a missing Idempotency-Key")
        void unknownSlotAndMissingKey() {
            var c = eligible();
            refusedUnchanged(c, () -> c.a().upload(c.id(), "plate-3", AccidentPhotos.jpeg(),
                    "image/jpeg", "unknown-slot-1"), 400, "PHOTO_SLOT_UNKNOWN", "slot");
            refusedUnchanged(c, () -> c.a().send("PUT", "/api/v1/accidents/" + c.id()
                    + "/photos/panorama-front", HttpRequest.BodyPublishers.ofByteArray(
                    AccidentPhotos.jpeg()), "Content-Type", "image/jpeg"), 400,
                    "IDEMPOTENCY_KEY_REQUIRED", "Idempotency-Key");
        }

        @Test
        @DisplayName("A scenario code that does not exist")
        void unknownScenario() {
            var c = scene.inLiability();
            refusedUnchanged(c, () -> c.a().state(c.id(), new JsonObject()
                    .put("A", "NOT_AT_FAULT").put("B", "FLYING_CAR")), 400, "UNKNOWN_SCENARIO",
                    "assessments.B");
        }

        @Test
        @DisplayName("A second confirmation by the same party")
        void secondConfirmation() {
            var c = scene.inLiability();
            var says = new JsonObject().put("A", "REAR_END").put("B", "NOT_AT_FAULT");
            expect(200, c.a().state(c.id(), says));
            expect(200, c.b().state(c.id(), says));
            expect(200, c.a().sign(c.id()));
            refusedUnchanged(c, () -> c.a().sign(c.id()), 409, "ALREADY_SIGNED", "signature");
        }

        @Test
        @DisplayName("A signature that is not a PNG")
        void signatureNotPng() {
            var c = scene.inLiability();
            var says = new JsonObject().put("A", "REAR_END").put("B", "NOT_AT_FAULT");
            expect(200, c.a().state(c.id(), says));
            expect(200, c.b().state(c.id(), says));
            refusedUnchanged(c, () -> c.a().api.post("/api/v1/accidents/" + c.id()
                    + "/signature", new JsonObject().put("confirm", true).put("signaturePng",
                    java.util.Base64.getEncoder().encodeToString(AccidentPhotos.jpeg()))), 400,
                    "SIGNATURE_INVALID", "signature");
        }

        @Test
        @DisplayName("A change made on a stale version (If-Match) is a 409")
        void staleVersion() {
            var c = scene.reported();
            int stale = c.view().getInteger("version") - 1;
            refusedUnchanged(c, () -> c.a().send("POST", "/api/v1/accidents/" + c.id()
                    + "/checklist", HttpRequest.BodyPublishers.ofString(new JsonObject()
                    .put("anyoneInjured", false).put("vehiclesDrivable", true)
                    .put("allInsured", true).put("drinkOrDrugs", false)
                    .put("facilityHit", false).put("hazardousGoods", false).encode()),
                    "Content-Type", "application/json", "If-Match", String.valueOf(stale)),
                    409, "VERSION_CONFLICT", "version");
        }

        @Test
        @DisplayName("A checklist answer that is missing")
        void checklistIncomplete() {
            var c = scene.reported();
            refusedUnchanged(c, () -> c.a().api.post("/api/v1/accidents/" + c.id()
                    + "/checklist", new JsonObject().put("anyoneInjured", false)), 400,
                    "VALIDATION_FAILED", "vehiclesDrivable");
        }
    }

    @Test
    @DisplayName("Ten simultaneous changes on one version: exactly one wins, the others get 409")
    void optimisticConcurrency() throws Exception {
        var c = scene.reported();
        int version = c.view().getInteger("version");
        var pool = Executors.newFixedThreadPool(10);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Callable<Api.Reply> details = () -> c.a().send("PUT", "/api/v1/accidents/" + c.id()
                    + "/parties/me", HttpRequest.BodyPublishers.ofString(new JsonObject()
                    .put("name", "张三").put("plate", c.plateA()).put("vehicleType", "小型轿车")
                    .put("licenceNo", "330482199001011234").put("insurerCode", "PICC")
                    .put("policyNo", "P1").put("collisionPart", "车头").encode()),
                    "Content-Type", "application/json", "If-Match", String.valueOf(version));
            replies.add(pool.submit(details));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(version + 1, c.view().getInteger("version"));
    }

    @Test
    @DisplayName("A driver cannot read, change or join by id another's case, and cannot use the"
            + " police queue")
    void privacy() {
        var c = scene.inLiability();
        Phone stranger = scene.phone();
        for (String path : List.of("", "/transitions", "/agreement", "/notifications")) {
            Api.Reply reply = stranger.api.get("/api/v1/accidents/" + c.id() + path);
            assertEquals(404, reply.status(), path + " " + reply);
            assertEquals("CASE_NOT_FOUND", reply.json().getString("code"));
        }
        String photoId = c.view().getJsonArray("photos").getJsonObject(0)
                .getJsonObject("photo").getString("id");
        assertEquals(404, stranger.api.get("/api/v1/accidents/" + c.id() + "/photos/"
                + photoId).status());
        refusedUnchanged(c, () -> stranger.state(c.id(), new JsonObject().put("A", "REAR_END")
                .put("B", "NOT_AT_FAULT")), 404, "CASE_NOT_FOUND", null);
        refusedUnchanged(c, () -> stranger.api.post("/api/v1/accidents/join",
                new JsonObject().put("caseId", c.id())), 404, "CASE_NOT_FOUND", null);
        assertEquals(new JsonArray(), stranger.api.get("/api/v1/accidents").jsonArray());
        assertEquals(403, stranger.api.get("/api/v1/police/accidents").status());
        assertEquals(1, c.b().api.get("/api/v1/accidents").jsonArray().size());
    }

    @Test
    @DisplayName("A second report near an open case sharing a plate is offered that case; joining"
            + " it counts one repeated report avoided, in the statistics and /metrics")
    void repeatedReports() {
        Api police = server.api().staff("police1", DemoAccounts.PASSWORD);
        long before = police.get("/api/v1/police/statistics").json()
                .getLong("duplicatesAvoided");
        var c = scene.reported();
        Phone other = c.b();
        Api.Reply second = expect(200, other.api.post("/api/v1/accidents", Phone.reportBody(
                Phone.SCENE_LAT + 0.0005, Phone.SCENE_LON, c.plateB(), Phone.freshPlate())));
        assertFalse(second.json().getBoolean("created"));
        JsonObject offered = second.json().getJsonArray("duplicates").getJsonObject(0);
        assertEquals(c.id(), offered.getString("caseId"));
        assertTrue(offered.getLong("distanceMetres") < 200);
        assertEquals(new JsonArray().add(c.plateB()), offered.getJsonArray("sharedPlates"));

        JsonObject joined = expect(200, other.api.post("/api/v1/accidents/join",
                new JsonObject().put("caseId", c.id()))).json();
        assertEquals("B", joined.getString("myLabel"));
        assertEquals(before + 1, police.get("/api/v1/police/statistics").json()
                .getLong("duplicatesAvoided"));
        String metrics = server.api().get("/metrics").body();
        assertTrue(metrics.contains("anxing_accident_duplicates_avoided_total " + (before + 1)
                + ".0"), "metrics: " + metrics.lines().filter(l -> l.contains("duplicates"))
                .toList());

        Api.Reply far = other.api.post("/api/v1/accidents", Phone.reportBody(
                Phone.SCENE_LAT + 0.004, Phone.SCENE_LON, c.plateB(), Phone.freshPlate()));
        assertEquals(201, far.status(), "400 m away is another accident: " + far);
    }

    /** Each party's grade rests on an article of the legal basis list (issue 11). */
    private static final JsonObject BASIS = new JsonObject()
            .put("A", new JsonArray().add("RTSL-43")).put("B", new JsonArray().add("IR-44-p2"));

    @Test
    @DisplayName("The police see a disputed case with its photos and statements, and decide it"
            + " with any grade")
    void policeDecide() {
        var c = scene.inLiability();
        expect(200, c.a().state(c.id(), new JsonObject().put("A", "NOT_AT_FAULT")
                .put("B", "LANE_CHANGE")));
        expect(200, c.b().state(c.id(), new JsonObject().put("A", "REAR_END")
                .put("B", "NOT_AT_FAULT")));
        Api police = server.api().staff("police1", DemoAccounts.PASSWORD);
        JsonArray queue = expect(200, police.get("/api/v1/police/accidents")).jsonArray();
        assertTrue(queue.stream().anyMatch(e -> ((JsonObject) e).getString("id").equals(c.id())
                && "STATEMENTS_DISAGREE".equals(((JsonObject) e).getString("reason"))));

        JsonObject view = expect(200, police.get("/api/v1/police/accidents/" + c.id())).json();
        assertEquals(2, view.getJsonObject("statements").size());
        assertEquals("330482198505052345", view.getJsonArray("parties").getJsonObject(1)
                .getString("licenceNo"), "the police see the licence number in full");
        String photoId = view.getJsonArray("photos").getJsonObject(0).getJsonObject("photo")
                .getString("id");
        assertEquals(200, police.get("/api/v1/police/accidents/" + c.id() + "/photos/"
                + photoId).status());

        Api.Reply badGrade = police.post("/api/v1/police/accidents/" + c.id() + "/decision",
                new JsonObject().put("grades", new JsonObject().put("A", "MOSTLY")
                        .put("B", "SECONDARY")).put("basis", BASIS));
        assertEquals(400, badGrade.status());
        assertEquals("grades.A", badGrade.json().getString("field"));

        JsonObject decided = expect(200, police.post("/api/v1/police/accidents/" + c.id()
                + "/decision", new JsonObject().put("grades", new JsonObject().put("A", "MAIN")
                .put("B", "SECONDARY")).put("basis", BASIS).put("note", "双方变道时发生刮擦")))
                .json();
        assertEquals("DECIDED", decided.getString("state"));
        assertEquals("MAIN", decided.getJsonObject("policeDecision").getJsonObject("grades")
                .getString("A"));
        assertEquals("DECIDED", c.view().getString("state"));
        assertEquals(409, police.post("/api/v1/police/accidents/" + c.id() + "/decision",
                new JsonObject().put("grades", new JsonObject().put("A", "FULL")
                        .put("B", "NONE")).put("basis", BASIS)).status(),
                "a decided case is not decided again");
        assertEquals("police:", decided.getJsonArray("transitions").getJsonObject(
                decided.getJsonArray("transitions").size() - 1).getString("actor")
                .substring(0, 7));

        JsonObject closed = expect(200, police.post("/api/v1/police/accidents/" + c.id()
                + "/close", new JsonObject())).json();
        assertEquals("CLOSED", closed.getString("state"));
        assertEquals(409, c.a().api.post("/api/v1/accidents/" + c.id() + "/police-request",
                new JsonObject()).status(), "nothing happens on a closed case");
    }

    @Test
    @DisplayName("An insurer registered by the admin gets one signed webhook per agreement, even"
            + " when its first answer is a 500")
    void registeredInsurerGetsSignedWebhook() throws Exception {
        String secret = "test-insurer-secret-0123456789";
        try (var receiver = new WebhookReceiver(secret).answering(n -> n == 1 ? 500 : 200)) {
            Api admin = server.api().staff("admin", DemoAccounts.PASSWORD);
            expect(200, admin.put("/api/v1/admin/insurers/TESTINS", new JsonObject()
                    .put("nameZh", "测试保险").put("nameEn", "Test Insurance")
                    .put("webhookUrl", receiver.url()).put("secret", secret)));
            assertEquals(403, scene.phone().api.put("/api/v1/admin/insurers/X1",
                    new JsonObject()).status());

            var c = scene.inLiability("TESTINS", "TESTINS");
            var says = new JsonObject().put("A", "REAR_END").put("B", "REAR_END");
            expect(200, c.a().state(c.id(), says));
            expect(200, c.b().state(c.id(), says));
            expect(200, c.a().sign(c.id()));
            expect(200, c.b().sign(c.id()));

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (receiver.acceptedByKey().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            assertEquals(1, receiver.acceptedByKey().size(), "one insurer, one message");
            receiver.acceptedByKey().forEach((key, n) -> assertEquals(1, n, key));
            assertEquals(2, receiver.requests().size(), "the 500, then the accepted retry");
            receiver.requests().forEach(r -> assertTrue(r.signatureValid()));
            JsonObject body = new JsonObject(receiver.requests().get(1).body());
            assertEquals(c.id(), body.getString("caseId"));
            assertEquals(new JsonArray().add("A").add("B"), body.getJsonArray("insuredParties"));
            JsonObject notification = c.a().api.get("/api/v1/accidents/" + c.id()
                    + "/notifications").jsonArray().getJsonObject(0);
            assertEquals("DELIVERED", notification.getString("status"));
            assertEquals(2, notification.getInteger("attempts"));
        }
    }

    private static AccidentScene.Case eligible() {
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        return c;
    }
}
