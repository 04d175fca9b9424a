package cn.anxing.accident;

import static cn.anxing.accident.AccidentScene.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Accident self-service through the API: report, evidence, parties, liability, agreement")
class AccidentFlowApiTest {

    private static TestServer server;
    private static AccidentScene scene;

    @BeforeAll
    static void start() {
        server = TestServer.start(java.util.Map.of("OTP_PER_ADDRESS_PER_HOUR", "100000"));
        AccidentScene.awaitRoads(server);
        scene = new AccidentScene(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Two drivers go from report to a signed, verifiable agreement, and both insurers"
            + " are notified once")
    void wholeFlow() throws Exception {
        Phone a = scene.phone();
        Phone b = scene.phone();
        String plateA = Phone.freshPlate();
        String plateB = "浙FD" + plateA.substring(3, 7);

        Api.Reply located = a.api.get("/api/v1/accidents/location?lat=" + Phone.SCENE_LAT
                + "&lon=" + Phone.SCENE_LON);
        assertEquals("柏里大道", expect(200, located).json().getString("roadName"));

        JsonObject created = expect(201, a.report(plateA, plateB)).json();
        String id = created.getString("id");
        assertEquals("DRAFT", created.getString("state"));
        assertEquals("柏里大道", created.getJsonObject("location").getString("roadName"));
        assertEquals("primary", created.getJsonObject("location").getString("roadClass"));
        assertEquals(List.of(plateA, plateB), created.getJsonArray("plates").getList());

        JsonObject eligible = expect(200, a.checklist(id, false)).json();
        assertEquals("EVIDENCE", eligible.getString("state"));
        assertTrue(eligible.getJsonObject("eligibility").getBoolean("selfServiceAllowed"));

        a.uploadAll(id);
        JsonObject photographed = a.get(id).json();
        assertEquals("PARTIES", photographed.getString("state"));
        photographed.getJsonArray("photos").forEach(slot ->
                assertNotNull(((JsonObject) slot).getJsonObject("photo"), slot.toString()));

        JsonObject joined = expect(200, b.join(photographed.getString("shareCode"))).json();
        assertEquals("B", joined.getString("myLabel"));
        expect(200, a.details(id, "张三", plateA, "330482199001011234", "PICC"));
        JsonObject ready = expect(200, b.details(id, "李四", plateB, "330482198505052345",
                "PINGAN")).json();
        assertEquals("LIABILITY", ready.getString("state"));

        var says = new JsonObject().put("A", "NOT_AT_FAULT").put("B", "REAR_END");
        expect(200, a.state(id, says));
        JsonObject decided = expect(200, b.state(id, says)).json();
        JsonObject decision = decided.getJsonObject("decision");
        assertEquals("SETTLED", decision.getString("outcome"));
        assertEquals(new JsonObject().put("A", "NONE").put("B", "FULL"),
                decision.getJsonObject("grades"));

        expect(200, a.sign(id));
        JsonObject agreed = expect(200, b.sign(id)).json();
        assertEquals("AGREED", agreed.getString("state"));
        String code = agreed.getJsonObject("agreement").getString("verificationCode");

        JsonObject verified = expect(200, server.api().get("/api/v1/agreements/" + code
                + "/verify")).json();
        assertTrue(verified.getBoolean("genuine"), verified.encode());
        assertEquals(created.getString("caseNo"),
                verified.getJsonObject("agreement").getString("caseNo"));

        JsonObject agreement = expect(200, b.api.get("/api/v1/accidents/" + id + "/agreement"))
                .json();
        assertEquals("330482199001011234", agreement.getJsonArray("parties").getJsonObject(0)
                .getString("licenceNo"), "the agreement carries what Order 146 requires");
        byte[] pdf = a.bytes("/api/v1/accidents/" + id + "/agreement.pdf");
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            for (String expected : List.of("张三", "李四", "柏里大道", plateA, plateB,
                    "330482199001011234", "全部责任", "无责任", code)) {
                assertTrue(text.contains(expected), "the PDF shows " + expected + ":\n" + text);
            }
        }
        // no public address configured: the printed link is the address the request came to
        String authority = URI.create(a.baseUrl).getAuthority();
        assertPdfLinks(a.bytes("/api/v1/accidents/" + id + "/agreement.pdf"),
                "http://" + authority + "/#/verify/" + code);
        assertPdfLinks(a.bytes("/api/v1/accidents/" + id + "/agreement.pdf",
                "X-Forwarded-Proto", "https"), "https://" + authority + "/#/verify/" + code);

        awaitDelivered(a, id, 2);
        // since issue 10 an insurer reads only its own deliveries; the admin reads them all
        Api insurer = server.api().staff("admin", DemoAccounts.PASSWORD);
        JsonArray inbox = expect(200, insurer.get("/api/v1/insurer/notifications")).jsonArray();
        List<JsonObject> ours = inbox.stream().map(JsonObject.class::cast)
                .filter(n -> n.getJsonObject("body").getString("caseId").equals(id)).toList();
        assertEquals(2, ours.size(), "one notification for each party's insurer");
        ours.forEach(n -> assertEquals(1, n.getInteger("deliveries")));

        JsonArray transitions = expect(200, a.api.get("/api/v1/accidents/" + id
                + "/transitions")).jsonArray();
        assertEquals(List.of("CHECKLIST_PASSED", "EVIDENCE_SUBMITTED", "ALL_PARTIES_JOINED",
                "LIABILITY_SETTLED"), transitions.stream()
                .map(t -> ((JsonObject) t).getString("event")).toList());
        transitions.forEach(t -> assertTrue(((JsonObject) t).getString("actor")
                .startsWith("party:"), t.toString()));
    }

    static Stream<String> everyScenario() {
        return ScenarioCatalogue.bundled().codes().stream();
    }

    @ParameterizedTest(name = "both say B did {0}: B FULL, A NONE")
    @MethodSource("everyScenario")
    @DisplayName("Every catalogue entry, agreed as the other party's fault, settles full against"
            + " none")
    void everyScenarioSettles(String code) {
        var c = scene.inLiability();
        var says = new JsonObject().put("A", "NOT_AT_FAULT").put("B", code);
        expect(200, c.a().state(c.id(), says));
        JsonObject decision = expect(200, c.b().state(c.id(), says)).json()
                .getJsonObject("decision");
        assertEquals("SETTLED", decision.getString("outcome"));
        assertEquals(new JsonObject().put("A", "NONE").put("B", "FULL"),
                decision.getJsonObject("grades"));
        assertEquals(code, decision.getJsonObject("scenarios").getString("B"));
    }

    @ParameterizedTest(name = "A says {0}/{1}, B says {2}/{3} -> {4} {5}")
    @CsvSource({
        "REAR_END,     LANE_CHANGE,  REAR_END,     LANE_CHANGE,  SETTLED,       EQUAL",
        "NOT_AT_FAULT, NOT_AT_FAULT, NOT_AT_FAULT, NOT_AT_FAULT, POLICE_REVIEW, NO_ONE_AT_FAULT",
        "NOT_AT_FAULT, REAR_END,     REAR_END,     NOT_AT_FAULT, POLICE_REVIEW, STATEMENTS_DISAGREE",
        "NOT_AT_FAULT, UNLISTED_FAULT, NOT_AT_FAULT, UNLISTED_FAULT, POLICE_REVIEW, UNKNOWN_SCENARIO",
    })
    @DisplayName("Both at fault is equal; no one at fault, disagreement or an unlisted fault go to"
            + " the police")
    void otherOutcomes(String aSaysA, String aSaysB, String bSaysA, String bSaysB,
            String outcome, String detail) {
        var c = scene.inLiability();
        expect(200, c.a().state(c.id(), new JsonObject().put("A", aSaysA).put("B", aSaysB)));
        JsonObject view = expect(200, c.b().state(c.id(), new JsonObject().put("A", bSaysA)
                .put("B", bSaysB))).json();
        JsonObject decision = view.getJsonObject("decision");
        assertEquals(outcome, decision.getString("outcome"));
        if (outcome.equals("SETTLED")) {
            assertEquals(new JsonObject().put("A", detail).put("B", detail),
                    decision.getJsonObject("grades"));
            assertEquals("LIABILITY", view.getString("state"));
        } else {
            assertEquals(detail, decision.getString("policeReviewReason"));
            assertEquals("POLICE_REVIEW", view.getString("state"));
        }
    }

    @Test
    @DisplayName("A party who declines sends the case to police review at once")
    void declineGoesToPolice() {
        var c = scene.inLiability();
        JsonObject view = expect(200, c.b().decline(c.id())).json();
        assertEquals("POLICE_REVIEW", view.getString("state"));
        assertEquals("PARTY_DECLINED", view.getJsonObject("decision")
                .getString("policeReviewReason"));
        assertEquals(409, c.a().state(c.id(), new JsonObject().put("A", "NOT_AT_FAULT")
                .put("B", "REAR_END")).status(), "no statements once the police hold the case");
    }

    @Test
    @DisplayName("Someone hurt ends self-service: police review, the reason given, and the"
            + " medical advance path opened")
    void injuryGoesToPolice() {
        var c = scene.reported();
        JsonObject view = expect(200, c.a().checklist(c.id(), true)).json();
        assertEquals("POLICE_REVIEW", view.getString("state"));
        assertFalse(view.getJsonObject("eligibility").getBoolean("selfServiceAllowed"));
        assertEquals("INJURY_OR_DEATH", view.getJsonObject("eligibility")
                .getJsonArray("reasons").getJsonObject(0).getString("code"));
        assertTrue(view.getBoolean("medicalAdvance"));
        assertEquals(409, c.a().upload(c.id(), "panorama-front",
                cn.anxing.accident.photo.AccidentPhotos.jpeg(), "image/jpeg",
                "no-photos-now-1").status());
    }

    @Test
    @DisplayName("The scenario catalogue is served with its version, 21 entries, names in both"
            + " languages and the legal basis")
    void catalogue() {
        JsonObject catalogue = expect(200, server.api().get("/api/v1/liability/scenarios"))
                .json();
        assertNotNull(catalogue.getString("version"));
        JsonArray scenarios = catalogue.getJsonArray("scenarios");
        assertEquals(21, scenarios.size());
        scenarios.forEach(s -> {
            JsonObject entry = (JsonObject) s;
            assertFalse(entry.getString("nameZh").isBlank());
            assertFalse(entry.getString("nameEn").isBlank());
            assertFalse(entry.getJsonArray("legalBasis").isEmpty());
        });
    }

    @Test
    @DisplayName("Uploading the same photo again with the same Idempotency-Key changes nothing")
    void uploadIsRetrySafe() {
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        byte[] photo = cn.anxing.accident.photo.AccidentPhotos.jpeg();
        Api.Reply first = expect(201, c.a().upload(c.id(), "panorama-front", photo,
                "image/jpeg", "key-front-0001"));
        JsonObject before = c.view();
        Api.Reply again = expect(200, c.a().upload(c.id(), "panorama-front", photo,
                "image/jpeg", "key-front-0001"));
        assertTrue(again.json().getBoolean("replayed"));
        assertEquals(first.json().getJsonObject("case").getJsonArray("photos"),
                again.json().getJsonObject("case").getJsonArray("photos"));
        assertEquals(before, c.view(), "the case is unchanged by the repeat");
    }

    @Test
    @DisplayName("A photo taken far from the scene flags the case, which the police then see in"
            + " their queue")
    void farPhotoFlags() {
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        byte[] far = cn.anxing.accident.photo.AccidentPhotos.jpegTakenNowAt(28.40, 117.30);
        JsonObject view = expect(201, c.a().upload(c.id(), "collision-point", far,
                "image/jpeg", "far-photo-0001")).json().getJsonObject("case");
        JsonArray flags = view.getJsonArray("flags");
        assertEquals("POSITION_FAR_FROM_REPORT", flags.getJsonObject(0).getString("kind"));
        Api police = server.api().staff("police1", DemoAccounts.PASSWORD);
        JsonArray queue = expect(200, police.get("/api/v1/police/accidents")).jsonArray();
        assertTrue(queue.stream().anyMatch(e -> ((JsonObject) e).getString("id").equals(c.id())
                && "PHOTO_FLAGGED".equals(((JsonObject) e).getString("reason"))));
    }

    @Test
    @DisplayName("The other party sees the filer's licence and phone masked; the filer sees"
            + " their own in full")
    void maskedToTheOtherParty() {
        var c = scene.inLiability();
        JsonObject seenByB = c.b().get(c.id()).json();
        JsonObject aSeenByB = seenByB.getJsonArray("parties").getJsonObject(0);
        assertEquals("3304**********1234", aSeenByB.getString("licenceNo"));
        assertNotEquals(c.a().phone, aSeenByB.getString("phone"));
        JsonObject aSeenByA = c.view().getJsonArray("parties").getJsonObject(0);
        assertEquals("330482199001011234", aSeenByA.getString("licenceNo"));
        assertEquals(c.a().phone, aSeenByA.getString("phone"));
    }

    @Test
    @DisplayName("A licence number is encrypted at rest: the database holds no plain digits")
    void licenceEncryptedAtRest() throws Exception {
        var c = scene.inLiability();
        try (var conn = cn.anxing.testing.TestDatabase.connect();
             var st = conn.prepareStatement("SELECT licence_no_enc, licence_masked FROM"
                     + " accident_party WHERE case_id = ?::uuid ORDER BY label")) {
            st.setString(1, c.id());
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next());
                byte[] stored = rs.getBytes(1);
                assertFalse(new String(stored, StandardCharsets.ISO_8859_1)
                        .contains("330482199001011234"));
                assertEquals("3304**********1234", rs.getString(2));
            }
        }
    }

    private static void awaitDelivered(Phone phone, String caseId, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonArray notifications = new JsonArray();
        while (System.nanoTime() < deadline) {
            notifications = phone.api.get("/api/v1/accidents/" + caseId + "/notifications")
                    .jsonArray();
            if (notifications.size() == expected && notifications.stream()
                    .allMatch(n -> "DELIVERED".equals(((JsonObject) n).getString("status")))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("insurers not notified: " + notifications.encode());
    }

    @SuppressWarnings("unused")
    private static void assertAbsent(JsonObject json, String field) {
        assertNull(json.getValue(field));
    }

    private static void assertPdfLinks(byte[] pdf, String link) {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertTrue(text.contains(link), "the PDF links to " + link + ":\n" + text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("Where the phone is, said in words from the map: the snapped road, the cross"
            + " street nearest along it and the landmark beside it, each with its distance")
    void locationInWords() throws InterruptedException {
        Phone a = scene.phone();
        JsonObject located = null;
        // the names are read from the extract in the background at start, beside the tiles
        for (int tries = 0; tries < 120; tries++) {
            located = expect(200, a.api.get("/api/v1/accidents/location?lat=" + Phone.SCENE_LAT
                    + "&lon=" + Phone.SCENE_LON)).json();
            if (located.getJsonObject("crossStreet") != null) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("柏里大道", located.getString("roadName"));
        JsonObject cross = located.getJsonObject("crossStreet");
        assertNotNull(cross, located.encode());
        // on the Guixi extract the corner nearest along 柏里大道 is 鹰雄大道, about 640 m off,
        // and 贵溪站 the landmark, about 540 m
        assertEquals("鹰雄大道", cross.getString("name"));
        assertEquals(640, cross.getInteger("metres"), 5);
        JsonObject landmark = located.getJsonObject("landmark");
        assertNotNull(landmark, located.encode());
        assertEquals("贵溪站", landmark.getString("name"));
        assertEquals(544, landmark.getInteger("metres"), 5);
    }

    @Test
    @DisplayName("The answer to a report is the case as the reporter's page reads it afterwards"
            + " (read in the storing transaction, without the reads a new case cannot need)")
    void reportAnswersTheStoredCase() {
        Phone a = scene.phone();
        String plateA = Phone.freshPlate();
        JsonObject reported = expect(201, a.report(plateA, "浙FE" + plateA.substring(3, 7)))
                .json();
        JsonObject read = expect(200, a.get(reported.getString("id"))).json();
        assertEquals(read, reported);
    }

    @Test
    @DisplayName("A share code shows, without signing in, the case it leads to with the plates'"
            + " middle hidden; an unknown code is a 404 naming the field")
    void joinPreview() {
        Phone a = scene.phone();
        String plateA = Phone.freshPlate();
        String id = expect(201, a.report(plateA, "浙FD" + plateA.substring(3, 7))).json()
                .getString("id");
        JsonObject c = a.get(id).json();
        Api anonymous = new Api(server.baseUrl());
        JsonObject preview = expect(200, anonymous.get("/api/v1/accidents/join/"
                + c.getString("shareCode").toLowerCase())).json();
        assertEquals(c.getString("caseNo"), preview.getString("caseNo"));
        assertEquals("柏里大道", preview.getString("roadName"));
        assertTrue(preview.getBoolean("joinable"));
        String masked = preview.getJsonArray("plates").getString(0);
        assertEquals(plateA.substring(0, 3), masked.substring(0, 3));
        assertTrue(masked.contains("*") && !masked.equals(plateA), masked);
        assertNull(preview.getValue("shareCode"));
        JsonObject unknown = expect(404, anonymous.get("/api/v1/accidents/join/ZZZZZZ")).json();
        assertEquals("shareCode", unknown.getString("field"));
    }

    @Test
    @DisplayName("A party for whom no listed situation fits declines with their own account: the"
            + " case goes to the police and the account is kept with the statement")
    void declineWithAccount() {
        Phone a = scene.phone();
        Phone b = scene.phone();
        String plateA = Phone.freshPlate();
        String plateB = "浙FD" + plateA.substring(3, 7);
        String id = expect(201, a.report(plateA, plateB)).json().getString("id");
        expect(200, a.checklist(id, false));
        a.uploadAll(id);
        expect(200, b.join(a.get(id).json().getString("shareCode")));
        expect(200, a.details(id, "张三", plateA, "330482199001011234", "PICC"));
        expect(200, b.details(id, "李四", plateB, "330482198505052345", "PINGAN"));
        String tooLong = "长".repeat(2001);
        JsonObject refused = expect(400, a.api.post("/api/v1/accidents/" + id + "/statement",
                new JsonObject().put("declined", true).put("account", tooLong))).json();
        assertEquals("account", refused.getString("field"));
        assertFalse(a.get(id).json().getJsonObject("statements").containsKey("A"),
                "nothing stored");
        String account = "我在路口等红灯，对方从右侧驶来擦到我车右后门。";
        JsonObject stated = expect(200, a.api.post("/api/v1/accidents/" + id + "/statement",
                new JsonObject().put("declined", true).put("account", account))).json();
        assertEquals("POLICE_REVIEW", stated.getString("state"));
        assertEquals(account, stated.getJsonObject("statements").getJsonObject("A")
                .getString("account"));
    }
}
