package cn.anxing.accident;

import static cn.anxing.accident.AccidentScene.expect;
import static cn.anxing.accident.photo.AccidentPhotos.takenNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.accident.photo.PerceptualHashTest;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Police desk: claims, decisions with legal basis, send-back, the determination,"
        + " review, fraud signals holding settlement, the audit")
class PoliceDeskApiTest {

    private static final String OFFICER_PASSWORD = "officer-pass-2026";

    private static TestServer server;
    private static AccidentScene scene;
    private static Api admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("ACCIDENT_PLATE_FREQUENCY_CASES", "3",
                "ACCIDENT_PLATE_FREQUENCY_DAYS", "30", "OUTBOX_POLL_INTERVAL_MS", "100"));
        AccidentScene.awaitRoads(server);
        scene = new AccidentScene(server);
        admin = server.api().staff("admin", DemoAccounts.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api police(String username) {
        return server.api().staff(username, DemoAccounts.PASSWORD);
    }

    /** Both parties say the other was at fault: the engine sends the case to the police. */
    private static AccidentScene.Case disputed() {
        var c = scene.inLiability();
        expect(200, c.a().state(c.id(), new JsonObject().put("A", "NOT_AT_FAULT")
                .put("B", "LANE_CHANGE")));
        expect(200, c.b().state(c.id(), new JsonObject().put("A", "REAR_END")
                .put("B", "NOT_AT_FAULT")));
        assertEquals("POLICE_REVIEW", c.view().getString("state"));
        return c;
    }

    private static String path(AccidentScene.Case c) {
        return "/api/v1/police/accidents/" + c.id();
    }

    private static JsonObject decision() {
        return new JsonObject().put("grades", new JsonObject().put("A", "MAIN")
                        .put("B", "SECONDARY"))
                .put("basis", new JsonObject().put("A", new JsonArray().add("RTSL-43"))
                        .put("B", new JsonArray().add("IR-44-p2")))
                .put("facts", "甲车未与前车保持安全距离，乙车变更车道时影响甲车正常行驶，两车发生刮擦。");
    }

    @Test
    @DisplayName("20 officers claim one case at once: exactly one wins, the others get 409"
            + " naming who holds it")
    void twentyConcurrentClaims() throws Exception {
        var c = disputed();
        List<Api> officers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String username = "officer" + UUID.randomUUID().toString().substring(0, 8);
            expect(201, admin.post("/api/v1/admin/accounts", new JsonObject()
                    .put("username", username).put("displayName", "警官" + i)
                    .put("password", OFFICER_PASSWORD).put("roles", new JsonArray().add("police"))
                    .put("organisation", "平湖市公安局交通警察大队")));
            officers.add(server.api().staff(username, OFFICER_PASSWORD));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (Api officer : officers) {
            Callable<Api.Reply> claim = () -> {
                go.await();
                return officer.post(path(c) + "/claim", new JsonObject());
            };
            replies.add(pool.submit(claim));
        }
        go.countDown();
        List<Api.Reply> done = new ArrayList<>();
        for (Future<Api.Reply> f : replies) {
            done.add(f.get());
        }
        pool.shutdown();
        List<Api.Reply> won = done.stream().filter(r -> r.status() == 200).toList();
        assertEquals(1, won.size(), done.toString());
        String holder = won.get(0).json().getJsonObject("claim").getString("officerName");
        for (Api.Reply r : done) {
            if (r.status() != 200) {
                assertEquals(409, r.status(), r.toString());
                assertEquals("CLAIM_HELD", r.json().getString("code"));
                assertTrue(r.json().getString("message").contains(holder), r.toString());
            }
        }
        JsonArray audit = expect(200, officers.get(0).get(path(c) + "/audit")).jsonArray();
        assertEquals(1, audit.stream().filter(a -> ((JsonObject) a).getString("action")
                .equals("police.claim")).count(), "one claim, one audit row");
    }

    @Test
    @DisplayName("A decision by an officer who does not hold the claim is a 409 naming the holder;"
            + " nothing changes")
    void decisionWithoutClaim() {
        var c = disputed();
        Api one = police("police1");
        Api two = police("police2");
        JsonObject seen = expect(200, one.get(path(c))).json();
        assertTrue(seen.getJsonObject("claim").getBoolean("mine"), "opening the case claims it");
        JsonObject seenByTwo = expect(200, two.get(path(c))).json();
        assertFalse(seenByTwo.getJsonObject("claim").getBoolean("mine"));
        assertEquals("平湖交警 王警官", seenByTwo.getJsonObject("claim").getString("officerName"));

        Api.Reply refused = two.post(path(c) + "/decision", decision());
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("CLAIM_HELD", refused.json().getString("code"));
        assertTrue(refused.json().getString("message").contains("王警官"));
        assertEquals(409, two.post(path(c) + "/claim", new JsonObject()).status());
        assertEquals("POLICE_REVIEW", c.view().getString("state"));
        assertNull(c.view().getValue("policeDecision"));

        assertEquals(403, two.post(path(c) + "/take-over", new JsonObject()).status(),
                "an officer does not take over; a supervisor does");
        JsonObject taken = expect(200, admin.post(path(c) + "/take-over", new JsonObject()))
                .json();
        assertEquals("系统管理员", taken.getJsonObject("claim").getString("officerName"));
        assertEquals(409, one.post(path(c) + "/decision", decision()).status(),
                "after the take-over officer 1 no longer holds it");
    }

    @Test
    @DisplayName("The holder's renewal (what the open case page sends every minute) moves the"
            + " lease's end on: a claim a minute from lapsing is good for the full lease again")
    void renewedClaim() throws Exception {
        var c = disputed();
        Api one = police("police1");
        expect(200, one.post(path(c) + "/claim", new JsonObject()));
        try (Connection db = TestDatabase.connect(); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE police_claim SET expires_at = now() + interval '1 minute'"
                    + " WHERE case_id = '" + c.id() + "'");
        }
        JsonObject renewed = expect(200, one.post(path(c) + "/claim", new JsonObject())).json();
        java.time.Instant until = java.time.Instant.parse(renewed.getJsonObject("claim")
                .getString("expiresAt"));
        long minutes = java.time.Duration.between(java.time.Instant.now(), until).toMinutes();
        assertTrue(minutes >= 9, "renewed for the whole lease: " + minutes + " minutes left");
        assertEquals(409, police("police2").post(path(c) + "/claim", new JsonObject()).status());
    }

    @Test
    @DisplayName("A claim not renewed lapses at its lease's end: then another officer takes it")
    void lapsedClaim() throws Exception {
        var c = disputed();
        Api one = police("police1");
        Api two = police("police2");
        JsonObject held = expect(200, one.post(path(c) + "/claim", new JsonObject())).json();
        java.time.Instant until = java.time.Instant.parse(held.getJsonObject("claim")
                .getString("expiresAt"));
        long minutes = java.time.Duration.between(java.time.Instant.now(), until).toMinutes();
        assertTrue(minutes >= 9 && minutes <= 10, "the default lease is 10 minutes: " + minutes);
        assertEquals(409, two.post(path(c) + "/claim", new JsonObject()).status());
        try (Connection db = TestDatabase.connect(); Statement st = db.createStatement()) {
            // the lease's end, reached without waiting ten minutes
            st.executeUpdate("UPDATE police_claim SET expires_at = now() - interval '1 second'"
                    + " WHERE case_id = '" + c.id() + "'");
        }
        JsonObject taken = expect(200, two.post(path(c) + "/claim", new JsonObject())).json();
        assertEquals("平湖交警 赵警官", taken.getJsonObject("claim").getString("officerName"));
        assertEquals(409, one.post(path(c) + "/decision", decision()).status());
    }

    @Test
    @DisplayName("Send back for a new collision photo: the party may do exactly that, the case"
            + " returns to the queue; then the decision issues a determination that verifies and"
            + " reaches each insurer once; every officer action has its audit row")
    void sendBackDecideDetermineAudit() throws Exception {
        var c = disputed();
        Api one = police("police1");
        JsonObject view = expect(200, one.get(path(c))).json();
        String photoId = view.getJsonArray("photos").getJsonObject(2).getJsonObject("photo")
                .getString("id");
        assertEquals(200, one.get(path(c) + "/photos/" + photoId).status());

        Api.Reply badSlot = one.post(path(c) + "/send-back", new JsonObject().put("items",
                new JsonArray().add(new JsonObject().put("kind", "PHOTO").put("target", "roof"))));
        assertEquals(400, badSlot.status(), badSlot.toString());
        JsonObject sent = expect(200, one.post(path(c) + "/send-back", new JsonObject()
                .put("items", new JsonArray().add(new JsonObject().put("kind", "PHOTO")
                        .put("target", "collision-point")))
                .put("note", "碰撞部位照片看不清，请重新拍摄"))).json();
        assertEquals("SUPPLEMENT", sent.getString("state"));

        JsonObject party = c.a().get(c.id()).json();
        assertEquals(new JsonArray().add("UPLOAD_PHOTO"), party.getJsonArray("allowedActions"));
        assertEquals("collision-point", party.getJsonObject("sendBack").getJsonArray("items")
                .getJsonObject(0).getString("target"));
        Api.Reply wrongSlot = c.a().upload(c.id(), "panorama-front",
                cn.anxing.accident.photo.AccidentPhotos.jpeg(), "image/jpeg", "wrong-slot-01");
        assertEquals(409, wrongSlot.status(), wrongSlot.toString());
        assertEquals("NOT_REQUESTED", wrongSlot.json().getString("code"));
        expect(201, c.b().upload(c.id(), "collision-point",
                cn.anxing.accident.photo.AccidentPhotos.jpeg(), "image/jpeg", "retake-0001"));
        assertEquals("POLICE_REVIEW", c.view().getString("state"), "answered: back in the queue");
        assertTrue(expect(200, one.get("/api/v1/police/accidents?state=POLICE_REVIEW"))
                .jsonArray().stream().anyMatch(e -> ((JsonObject) e).getString("id")
                        .equals(c.id())));

        Api.Reply unknownBasis = one.post(path(c) + "/decision", decision()
                .put("basis", new JsonObject().put("A", new JsonArray().add("RTSL-999"))));
        assertEquals(400, unknownBasis.status());
        assertEquals("basis.A[0]", unknownBasis.json().getString("field"));
        JsonObject decided = expect(200, one.post(path(c) + "/decision", decision())).json();
        assertEquals("DECIDED", decided.getString("state"));
        String code = decided.getJsonObject("determination").getString("verificationCode");

        JsonObject verified = expect(200, server.api().get("/api/v1/determinations/" + code
                + "/verify")).json();
        assertTrue(verified.getBoolean("genuine"), verified.encode());
        assertFalse(expect(200, server.api().get("/api/v1/determinations/"
                + "0000-0000-0000-0000/verify")).json().getBoolean("genuine"));

        byte[] pdf = c.a().bytes("/api/v1/accidents/" + c.id() + "/determination.pdf");
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc);
            // a picture of the document's first page, to look at (beside the browser tests')
            java.nio.file.Path shots = java.nio.file.Path.of("target", "e2e-screenshots");
            java.nio.file.Files.createDirectories(shots);
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(doc)
                    .renderImageWithDPI(0, 110), "png", shots.resolve("determination.png")
                    .toFile());
        }
        for (String expected : List.of("道路交通事故认定书", decided.getString("caseNo"), "主要责任",
                "次要责任", "张三", "李四", "第四十三条", "平湖交警 王警官", "平湖市公安局交通警察大队",
                code, "柏里大道", "中国人民财产保险", c.plateA(), c.plateB())) {
            assertTrue(text.contains(expected), expected + " is not in the PDF:\n" + text);
        }
        // the date of the decision, on the line the document dates itself by
        String decidedOn = java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日").format(
                java.time.Instant.parse(decided.getJsonObject("policeDecision")
                        .getString("decidedAt")).atZone(java.time.ZoneId.of("Asia/Shanghai")));
        assertTrue(text.lines().anyMatch(l -> l.contains("日期") && l.contains(decidedOn)),
                "the decision date " + decidedOn + " is not in the PDF:\n" + text);
        JsonObject partyView = c.b().get(c.id()).json();
        assertEquals(code, partyView.getJsonObject("determination")
                .getString("verificationCode"));
        assertTrue(partyView.getJsonArray("allowedActions").contains("REQUEST_REVIEW"));

        try (Connection db = TestDatabase.connect(); Statement st = db.createStatement()) {
            var rows = st.executeQuery("SELECT endpoint, count(*) FROM outbox_message WHERE"
                    + " topic = 'accident.determination.issued' AND body LIKE '%" + c.id()
                    + "%' GROUP BY endpoint ORDER BY endpoint");
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + "=" + rows.getLong(2));
            }
            assertEquals(List.of("insurer:PICC=1", "insurer:PINGAN=1"), found);
        }
        // and the relay delivered each exactly once: the insurer's end counts every delivery
        awaitDeterminationDelivered(c.id());
        List<JsonObject> received = expect(200, admin.get("/api/v1/insurer/notifications"))
                .jsonArray().stream().map(JsonObject.class::cast)
                .filter(n -> "accident.determination.issued".equals(n.getString("topic"))
                        && c.id().equals(n.getJsonObject("body").getString("caseId"))).toList();
        assertEquals(List.of("PICC", "PINGAN"), received.stream()
                .map(n -> n.getString("insurer")).sorted().toList(), received.toString());
        received.forEach(n -> assertEquals(1, n.getInteger("deliveries"), n.encode()));

        expect(200, one.post(path(c) + "/close", new JsonObject()));
        JsonArray audit = expect(200, one.get(path(c) + "/audit")).jsonArray();
        List<String> actions = audit.stream().map(a -> ((JsonObject) a).getString("action"))
                .toList();
        for (String action : List.of("police.claim", "police.view-case", "police.view-photo",
                "police.send-back", "police.decide", "police.close")) {
            assertTrue(actions.contains(action), action + " missing from " + actions);
        }
        JsonObject decide = audit.stream().map(a -> (JsonObject) a)
                .filter(a -> a.getString("action").equals("police.decide")).findFirst().orElseThrow();
        assertEquals("POLICE_REVIEW", decide.getJsonObject("before").getString("state"));
        assertEquals("MAIN", decide.getJsonObject("after").getJsonObject("grades")
                .getString("A"));
        assertTrue(expect(200, one.get("/api/v1/police/audit?officer=me")).jsonArray().stream()
                .anyMatch(a -> c.id().equals(((JsonObject) a).getString("caseId"))));

        try (Connection db = TestDatabase.connect(); Statement st = db.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> st.executeUpdate(
                    "UPDATE audit_log SET action = 'police.changed' WHERE subject_id = '" + c.id()
                            + "'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> st.executeUpdate(
                    "DELETE FROM audit_log WHERE subject_id = '" + c.id() + "'"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        assertEquals(audit.size(), expect(200, one.get(path(c) + "/audit")).jsonArray().size());
    }

    /** Waits until the relay has delivered every determination message of the case. */
    private static void awaitDeterminationDelivered(String caseId) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String statuses = "";
        while (System.nanoTime() < deadline) {
            try (Connection db = TestDatabase.connect(); Statement st = db.createStatement();
                    var rows = st.executeQuery("SELECT string_agg(status, ',' ORDER BY endpoint)"
                            + " FROM outbox_message WHERE topic = 'accident.determination.issued'"
                            + " AND body LIKE '%" + caseId + "%'")) {
                rows.next();
                statuses = rows.getString(1);
            }
            if ("DELIVERED,DELIVERED".equals(statuses)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the determination was not delivered: " + statuses);
    }

    @Test
    @DisplayName("Send back asking party B to correct a field: only B may answer it, the"
            + " correction is stored, and the case returns to the officer's queue")
    void sendBackFieldCorrection() {
        var c = disputed();
        Api one = police("police1");
        expect(200, one.get(path(c)));
        Api.Reply unknownField = one.post(path(c) + "/send-back", new JsonObject().put("items",
                new JsonArray().add(new JsonObject().put("kind", "FIELD").put("target", "colour")
                        .put("party", "B"))));
        assertEquals(400, unknownField.status(), unknownField.toString());
        assertEquals("items[0].target", unknownField.json().getString("field"));
        Api.Reply noSuchParty = one.post(path(c) + "/send-back", new JsonObject().put("items",
                new JsonArray().add(new JsonObject().put("kind", "FIELD")
                        .put("target", "licenceNo").put("party", "C"))));
        assertEquals(400, noSuchParty.status(), noSuchParty.toString());
        assertEquals("items[0].party", noSuchParty.json().getString("field"));
        assertEquals("POLICE_REVIEW", c.view().getString("state"), "refused: nothing changed");

        JsonObject sent = expect(200, one.post(path(c) + "/send-back", new JsonObject()
                .put("items", new JsonArray().add(new JsonObject().put("kind", "FIELD")
                        .put("target", "licenceNo").put("party", "B")))
                .put("note", "乙方驾驶证号有误，请更正"))).json();
        assertEquals("SUPPLEMENT", sent.getString("state"));
        JsonObject partyB = c.b().get(c.id()).json();
        assertEquals(new JsonArray().add("EDIT_PARTY"), partyB.getJsonArray("allowedActions"));
        JsonObject item = partyB.getJsonObject("sendBack").getJsonArray("items")
                .getJsonObject(0);
        assertEquals(List.of("FIELD", "licenceNo", "B"), List.of(item.getString("kind"),
                item.getString("target"), item.getString("party")));
        assertFalse(c.view().getJsonArray("allowedActions").contains("EDIT_PARTY"),
                "party A was not asked");
        Api.Reply byA = c.a().details(c.id(), "张三", c.plateA(), "330482199001011234", "PICC");
        assertEquals(409, byA.status(), byA.toString());
        assertEquals("NOT_REQUESTED", byA.json().getString("code"));
        assertEquals("SUPPLEMENT", c.view().getString("state"));

        JsonObject corrected = expect(200, c.b().details(c.id(), "李四", c.plateB(),
                "330482198505052346", "PINGAN")).json();
        assertEquals("POLICE_REVIEW", corrected.getString("state"), "answered: back in the queue");
        assertEquals("330482198505052346", corrected.getJsonArray("parties").getJsonObject(1)
                .getString("licenceNo"));
        assertTrue(expect(200, one.get("/api/v1/police/accidents?state=POLICE_REVIEW"))
                .jsonArray().stream().anyMatch(e -> ((JsonObject) e).getString("id")
                        .equals(c.id())));
        JsonObject forPolice = expect(200, one.get(path(c))).json();
        assertTrue(forPolice.getJsonObject("sendBack").getJsonArray("items").getJsonObject(0)
                .getBoolean("done"), forPolice.getJsonObject("sendBack").encode());
    }

    @Test
    @DisplayName("Review (复核) is asked within 3 days of the decision: after 3 days it is 409"
            + " REVIEW_TOO_LATE and nothing changes; just inside the 3 days it is taken")
    void reviewTooLate() throws Exception {
        var c = disputed();
        Api one = police("police1");
        expect(200, one.get(path(c)));
        expect(200, one.post(path(c) + "/decision", decision()));
        decidedAgo(c, java.time.Duration.ofDays(3).plusMinutes(1));
        JsonObject late = c.view();
        assertFalse(late.getJsonArray("allowedActions").contains("REQUEST_REVIEW"),
                late.getJsonArray("allowedActions").encode());
        Api.Reply refused = c.a().api.post("/api/v1/accidents/" + c.id() + "/review-request",
                new JsonObject().put("version", late.getInteger("version")));
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("REVIEW_TOO_LATE", refused.json().getString("code"));
        assertEquals(late, c.view(), "nothing changed");

        decidedAgo(c, java.time.Duration.ofDays(3).minusMinutes(5));
        JsonObject inTime = c.view();
        assertTrue(inTime.getJsonArray("allowedActions").contains("REQUEST_REVIEW"));
        JsonObject asked = expect(200, c.a().api.post("/api/v1/accidents/" + c.id()
                + "/review-request", new JsonObject().put("version", inTime.getInteger(
                "version")))).json();
        assertEquals("POLICE_REVIEW", asked.getString("state"));
    }

    /** Moves the officer's decision {@code ago} into the past, as if decided then. */
    private static void decidedAgo(AccidentScene.Case c, java.time.Duration ago)
            throws SQLException {
        sql("UPDATE accident_case SET police_decision = jsonb_set(police_decision,"
                + " '{decidedAt}', to_jsonb('" + java.time.Instant.now().minus(ago) + "'::text))"
                + " WHERE id = '" + c.id() + "'");
    }

    @Test
    @DisplayName("Release gives the claim up (audited); review within 3 days puts the case back"
            + " in the queue, marked; a second decision supersedes the first document")
    void releaseAndReview() {
        var c = disputed();
        Api one = police("police1");
        Api two = police("police2");
        expect(200, one.get(path(c)));
        JsonObject released = expect(200, one.delete(path(c) + "/claim")).json();
        assertTrue(released.getBoolean("released"));
        expect(200, two.get(path(c)));
        JsonObject first = expect(200, two.post(path(c) + "/decision", decision())).json();
        String firstCode = first.getJsonObject("determination").getString("verificationCode");

        int version = c.view().getInteger("version");
        JsonObject asked = expect(200, c.a().api.post("/api/v1/accidents/" + c.id()
                + "/review-request", new JsonObject().put("version", version))).json();
        assertEquals("POLICE_REVIEW", asked.getString("state"));
        JsonObject row = expect(200, two.get("/api/v1/police/accidents")).jsonArray().stream()
                .map(e -> (JsonObject) e).filter(e -> e.getString("id").equals(c.id()))
                .findFirst().orElseThrow();
        assertTrue(row.getBoolean("reviewRequested"));
        assertTrue(row.getJsonArray("reasons").contains("REVIEW_REQUESTED"));

        JsonObject second = expect(200, two.post(path(c) + "/decision", decision()
                .put("grades", new JsonObject().put("A", "EQUAL").put("B", "EQUAL")))).json();
        assertNotNull(second.getJsonObject("determination"));
        JsonObject old = expect(200, server.api().get("/api/v1/determinations/" + firstCode
                + "/verify")).json();
        assertTrue(old.getBoolean("superseded"), old.encode());

        List<String> actions = expect(200, two.get(path(c) + "/audit")).jsonArray().stream()
                .map(a -> ((JsonObject) a).getString("action")).toList();
        assertTrue(actions.contains("police.release"), actions.toString());
        assertTrue(actions.contains("police.decide"), actions.toString());
    }

    @Test
    @DisplayName("Photo reuse: an exact copy and a resized, recompressed copy from another case"
            + " flag the case; a different photo of the same kind of scene does not")
    void photoReuse() {
        byte[] original = takenNow(PerceptualHashTest.jpeg(PerceptualHashTest.StreetScene.draw(
                101, 1024, 768), 0.85f));
        byte[] resized = takenNow(PerceptualHashTest.jpeg(PerceptualHashTest.resize(
                PerceptualHashTest.read(original), 0.5), 0.5f));
        byte[] other = takenNow(PerceptualHashTest.jpeg(PerceptualHashTest.StreetScene.draw(102,
                1024, 768), 0.85f));
        Reuse first = reuse(original);
        assertEquals(List.of(), first.pointsTo(), "the first use is no reuse");
        Reuse copy = reuse(original.clone());
        assertEquals(List.of(first.caseNo()), copy.pointsTo(), "an exact copy");
        assertEquals(0, copy.flags().get(0).getLong("amount"), "the same file: no bit differs");
        Reuse smaller = reuse(resized);
        assertEquals(1, smaller.flags().size(), "a resized, recompressed copy");
        assertTrue(List.of(first.caseNo(), copy.caseNo()).contains(smaller.pointsTo().get(0)),
                smaller.flags().toString());
        // what must not happen is that another scene is taken for this one (the other tests'
        // photos are not this test's to judge)
        List<String> sameScene = List.of(first.caseNo(), copy.caseNo(), smaller.caseNo());
        Reuse different = reuse(other);
        assertTrue(different.pointsTo().stream().noneMatch(sameScene::contains),
                "another scene of the same kind: " + different.flags());
    }

    /** A photo uploaded in a case of its own: that case's number, and its reuse flags. */
    private record Reuse(String caseNo, List<JsonObject> flags) {

        /** The case numbers the flags name. */
        List<String> pointsTo() {
            return flags.stream().map(f -> f.getString("zh")
                    .replaceAll(".*照片与事故 (\\S+) 中的照片.*", "$1")).toList();
        }
    }

    private static Reuse reuse(byte[] photo) {
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        JsonObject view = expect(201, c.a().upload(c.id(), "collision-point", photo,
                "image/jpeg", UUID.randomUUID().toString())).json().getJsonObject("case");
        return new Reuse(view.getString("caseNo"), view.getJsonArray("flags").stream()
                .map(f -> (JsonObject) f).filter(f -> f.getString("kind").equals("PHOTO_REUSED"))
                .toList());
    }

    @Test
    @DisplayName("A photo retaken in its slot takes its own gaps with it (no time → taken now:"
            + " the flag goes, the case may settle again), but a reuse found before stays")
    void retakeReplacesThePhotosOwnFlags() {
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        byte[] noTime = PerceptualHashTest.jpeg(PerceptualHashTest.StreetScene.draw(131, 640,
                480), 0.85f);
        assertEquals(List.of("NO_PHOTO_TIME"), kinds(expect(201, c.a().upload(c.id(),
                "collision-point", noTime, "image/jpeg", UUID.randomUUID().toString()))));
        byte[] fresh = takenNow(PerceptualHashTest.jpeg(PerceptualHashTest.StreetScene.draw(132,
                640, 480), 0.85f));
        assertEquals(List.of(), kinds(expect(201, c.a().upload(c.id(), "collision-point", fresh,
                "image/jpeg", UUID.randomUUID().toString()))));

        // a copy of another case's photo, then a photo of its own: the reuse is kept
        var d = scene.reported();
        expect(200, d.a().checklist(d.id(), false));
        assertEquals(List.of("PHOTO_REUSED"), kinds(expect(201, d.a().upload(d.id(),
                "collision-point", fresh.clone(), "image/jpeg", UUID.randomUUID().toString()))));
        byte[] own = takenNow(PerceptualHashTest.jpeg(PerceptualHashTest.StreetScene.draw(133,
                640, 480), 0.85f));
        assertEquals(List.of("PHOTO_REUSED"), kinds(expect(201, d.a().upload(d.id(),
                "collision-point", own, "image/jpeg", UUID.randomUUID().toString()))));
    }

    private static List<String> kinds(Api.Reply reply) {
        return reply.json().getJsonObject("case").getJsonArray("flags").stream()
                .map(f -> ((JsonObject) f).getString("kind")).toList();
    }

    @Test
    @DisplayName("Plate frequency: a plate in its third case within 30 days flags that case;"
            + " the first two are not flagged")
    void plateFrequency() {
        String plate = Phone.freshPlate();
        List<JsonArray> flags = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Phone a = scene.phone();
            Api.Reply created = a.report(plate, Phone.freshPlate());
            if (created.status() == 200) {
                // offered an open case with the same plate nearby: report anyway
                created = a.api.post("/api/v1/accidents", Phone.reportBody(Phone.SCENE_LAT,
                        Phone.SCENE_LON, plate, Phone.freshPlate()).put("ignoreDuplicates",
                        true));
            }
            assertEquals(201, created.status(), created.toString());
            flags.add(created.json().getJsonArray("flags"));
        }
        assertTrue(flags.get(0).isEmpty());
        assertTrue(flags.get(1).isEmpty());
        assertEquals("PLATE_FREQUENT", flags.get(2).getJsonObject(0).getString("kind"));
        assertTrue(flags.get(2).getJsonObject(0).getString("zh").contains(plate));
    }

    @Test
    @DisplayName("Plate frequency counts only open cases within the window: a case of 40 days"
            + " ago and a closed one do not count, so the plate flags its third open recent case")
    void plateFrequencyWindow() throws Exception {
        String plate = Phone.freshPlate();
        String old = reportWithPlate(plate).getString("id");
        sql("UPDATE accident_case SET reported_at = now() - interval '40 days' WHERE id = '"
                + old + "'");
        String closed = reportWithPlate(plate).getString("id");
        sql("UPDATE accident_case SET state = 'CLOSED' WHERE id = '" + closed + "'");
        assertTrue(reportWithPlate(plate).getJsonArray("flags").isEmpty(), "1 open recent case");
        assertTrue(reportWithPlate(plate).getJsonArray("flags").isEmpty(), "2 open recent cases");
        JsonArray third = reportWithPlate(plate).getJsonArray("flags");
        assertEquals("PLATE_FREQUENT", third.getJsonObject(0).getString("kind"), third.encode());
    }

    private static JsonObject reportWithPlate(String plate) {
        Phone a = scene.phone();
        Api.Reply created = a.api.post("/api/v1/accidents", Phone.reportBody(Phone.SCENE_LAT,
                Phone.SCENE_LON, plate, Phone.freshPlate()).put("ignoreDuplicates", true));
        assertEquals(201, created.status(), created.toString());
        return created.json();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection db = TestDatabase.connect(); Statement st = db.createStatement()) {
            assertEquals(1, st.executeUpdate(statement), statement);
        }
    }

    @Test
    @DisplayName("A flagged case cannot seal its agreement by itself: settled liability goes to"
            + " the police first, the parties see why, signing is refused")
    void flaggedCaseCannotSeal() {
        byte[] photo = takenNow(PerceptualHashTest.jpeg(PerceptualHashTest.StreetScene.draw(201,
                800, 600), 0.8f));
        reuse(photo);
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        c.a().uploadAll(c.id());
        JsonObject flagged = expect(201, c.a().upload(c.id(), "collision-point", photo.clone(),
                "image/jpeg", UUID.randomUUID().toString())).json().getJsonObject("case");
        assertEquals("PHOTO_REUSED", flagged.getJsonArray("flags").getJsonObject(0)
                .getString("kind"));
        expect(200, c.b().join(c.view().getString("shareCode")));
        expect(200, c.a().details(c.id(), "张三", c.plateA(), "330482199001011234", "PICC"));
        expect(200, c.b().details(c.id(), "李四", c.plateB(), "330482198505052345", "PINGAN"));
        expect(200, c.a().state(c.id(), new JsonObject().put("A", "NOT_AT_FAULT")
                .put("B", "REAR_END")));
        JsonObject after = expect(200, c.b().state(c.id(), new JsonObject()
                .put("A", "NOT_AT_FAULT").put("B", "REAR_END"))).json();
        assertEquals("POLICE_REVIEW", after.getString("state"));
        assertTrue(after.getBoolean("settlementHeld"));
        assertFalse(after.getJsonArray("allowedActions").contains("SIGN"));
        assertEquals(409, c.a().sign(c.id()).status());
        assertEquals(409, c.a().api.get("/api/v1/accidents/" + c.id() + "/agreement").status(),
                "no agreement was sealed");
        assertTrue(expect(200, police("police1").get("/api/v1/police/accidents")).jsonArray()
                .stream().anyMatch(e -> ((JsonObject) e).getString("id").equals(c.id())));
    }

    /**
     * Street scenes of their own for {@link #flaggedSettled}, one seed each, the same in every
     * run: a random seed now and then drew a scene within the limit of one of photoReuse's (21
     * of 3,000 seeds are), and that test failed one run in many.
     */
    private static final AtomicInteger FLAGGED_SCENES = new AtomicInteger(300);

    /** A case whose statements settle liability but a reused photo holds it for the police. */
    private static AccidentScene.Case flaggedSettled() {
        byte[] photo = takenNow(PerceptualHashTest.jpeg(PerceptualHashTest.StreetScene.draw(
                FLAGGED_SCENES.getAndIncrement(), 800, 600), 0.8f));
        reuse(photo);
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        c.a().uploadAll(c.id());
        expect(201, c.a().upload(c.id(), "collision-point", photo.clone(), "image/jpeg",
                UUID.randomUUID().toString()));
        expect(200, c.b().join(c.view().getString("shareCode")));
        expect(200, c.a().details(c.id(), "张三", c.plateA(), "330482199001011234", "PICC"));
        expect(200, c.b().details(c.id(), "李四", c.plateB(), "330482198505052345", "PINGAN"));
        expect(200, c.a().state(c.id(), new JsonObject().put("A", "NOT_AT_FAULT")
                .put("B", "REAR_END")));
        JsonObject held = expect(200, c.b().state(c.id(), new JsonObject()
                .put("A", "NOT_AT_FAULT").put("B", "REAR_END"))).json();
        assertEquals("POLICE_REVIEW", held.getString("state"));
        assertTrue(held.getBoolean("settlementHeld"));
        return c;
    }

    @Test
    @DisplayName("A decision without a legal basis for every party's grade is 400"
            + " LEGAL_BASIS_REQUIRED naming that party's basis; nothing changes")
    void decisionNeedsLegalBasis() {
        var c = disputed();
        Api one = police("police1");
        expect(200, one.get(path(c)));
        JsonObject noBasisForB = decision().put("basis", new JsonObject()
                .put("A", new JsonArray().add("RTSL-43")));
        Api.Reply refused = one.post(path(c) + "/decision", noBasisForB);
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("LEGAL_BASIS_REQUIRED", refused.json().getString("code"));
        assertEquals("basis.B", refused.json().getString("field"));
        JsonObject emptyForA = decision().put("basis", new JsonObject()
                .put("A", new JsonArray()).put("B", new JsonArray().add("IR-44-p2")));
        assertEquals("basis.A", one.post(path(c) + "/decision", emptyForA).json()
                .getString("field"));
        JsonObject noBasis = decision();
        noBasis.remove("basis");
        assertEquals("basis.A", one.post(path(c) + "/decision", noBasis).json()
                .getString("field"));
        assertEquals("POLICE_REVIEW", c.view().getString("state"));
        assertNull(c.view().getValue("policeDecision"));
    }

    @Test
    @DisplayName("A police supervisor takes over a case held by an officer of their own unit"
            + " (audited, with the unit), not one held by an officer of another unit (403)")
    void supervisorTakesOverWithinTheUnit() {
        var c = disputed();
        Api one = police("police1");
        Api supervisor = police("supervisor1");
        expect(200, one.get(path(c)));
        JsonObject taken = expect(200, supervisor.post(path(c) + "/take-over",
                new JsonObject())).json();
        assertEquals("平湖交警 陈督导", taken.getJsonObject("claim").getString("officerName"));
        assertEquals(409, one.post(path(c) + "/decision", decision()).status(),
                "officer 1 no longer holds it");
        JsonObject takeOver = expect(200, supervisor.get(path(c) + "/audit")).jsonArray()
                .stream().map(a -> (JsonObject) a)
                .filter(a -> a.getString("action").equals("police.take-over")).findFirst()
                .orElseThrow();
        assertEquals("平湖交警 王警官", takeOver.getJsonObject("before").getString("officerName"));
        expect(200, supervisor.post(path(c) + "/decision", decision()));

        String other = "squad" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, admin.post("/api/v1/admin/accounts", new JsonObject()
                .put("username", other).put("displayName", "城区中队 孙警官")
                .put("password", OFFICER_PASSWORD).put("roles", new JsonArray().add("police"))
                .put("organisation", "pinghu-police-1")));
        var d = disputed();
        expect(200, server.api().staff(other, OFFICER_PASSWORD).get(path(d)));
        Api.Reply refused = supervisor.post(path(d) + "/take-over", new JsonObject());
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.json().getString("message").contains("孙警官"));
        assertEquals("城区中队 孙警官", expect(200, admin.get(path(d))).json()
                .getJsonObject("claim").getString("officerName"), "still held by its officer");
        JsonObject byAdmin = expect(200, admin.post(path(d) + "/take-over", new JsonObject()))
                .json();
        assertEquals("系统管理员", byAdmin.getJsonObject("claim").getString("officerName"),
                "an admin takes over from any unit");
        assertEquals(unitOf("supervisor1"), auditUnits(c.id()).get("police.take-over"));
    }

    @Test
    @DisplayName("Every officer action's audit row carries the police unit the officer acts for")
    void auditRowsCarryTheUnit() throws Exception {
        var c = disputed();
        Api one = police("police1");
        Api two = police("police2");
        JsonObject view = expect(200, one.get(path(c))).json();
        String photoId = view.getJsonArray("photos").getJsonObject(0).getJsonObject("photo")
                .getString("id");
        expect(200, one.get(path(c) + "/photos/" + photoId));
        expect(200, one.delete(path(c) + "/claim"));
        expect(200, two.post(path(c) + "/claim", new JsonObject()));
        expect(200, two.post(path(c) + "/send-back", new JsonObject().put("items",
                new JsonArray().add(new JsonObject().put("kind", "PHOTO")
                        .put("target", "collision-point")))));
        expect(201, c.a().upload(c.id(), "collision-point",
                cn.anxing.accident.photo.AccidentPhotos.jpeg(), "image/jpeg",
                UUID.randomUUID().toString()));
        expect(200, two.post(path(c) + "/decision", decision()));
        expect(200, two.post(path(c) + "/close", new JsonObject()));
        Map<String, String> units = auditUnits(c.id());
        assertEquals(java.util.Set.of("police.claim", "police.view-case", "police.view-photo",
                "police.release", "police.send-back", "police.decide", "police.close"),
                units.keySet());
        String unit = unitOf("police1");
        assertNotNull(unit);
        units.forEach((action, org) -> assertEquals(unit, org, action + " has no unit"));
    }

    /** The organisation of each police action on the case, as the audit log holds it. */
    private static Map<String, String> auditUnits(String caseId) {
        Map<String, String> units = new java.util.TreeMap<>();
        try (Connection db = TestDatabase.connect(); Statement st = db.createStatement();
                var rows = st.executeQuery("SELECT action, coalesce(organisation_id::text, 'none')"
                        + " FROM audit_log WHERE subject_id = '" + caseId + "'"
                        + " AND action LIKE 'police.%' ORDER BY id")) {
            while (rows.next()) {
                String before = units.put(rows.getString(1), rows.getString(2));
                assertTrue(before == null || before.equals(rows.getString(2)),
                        rows.getString(1) + " with two units");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return units;
    }

    private static String unitOf(String username) {
        try (Connection db = TestDatabase.connect(); Statement st = db.createStatement();
                var rows = st.executeQuery("SELECT organisation_id::text FROM account"
                        + " WHERE username = '" + username + "'")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("A statement redone on a case the engine had settled (held by a flag): the"
            + " engine weighs the new statements, so liability is no longer shown as settled"
            + " when they now disagree; only the party asked may restate")
    void statementRedoOnSettledCase() {
        var c = flaggedSettled();
        Api one = police("police1");
        expect(200, one.get(path(c)));
        JsonObject sent = expect(200, one.post(path(c) + "/send-back", new JsonObject()
                .put("items", new JsonArray().add(new JsonObject().put("kind", "STATEMENT")
                        .put("target", "B"))).put("note", "请乙方重新陈述"))).json();
        assertEquals("SUPPLEMENT", sent.getString("state"));
        JsonObject partyB = c.b().get(c.id()).json();
        assertTrue(partyB.getJsonArray("allowedActions").contains("STATEMENT"));
        Api.Reply notAsked = c.a().state(c.id(), new JsonObject().put("A", "REAR_END")
                .put("B", "NOT_AT_FAULT"));
        assertEquals(409, notAsked.status(), notAsked.toString());
        assertEquals("NOT_REQUESTED", notAsked.json().getString("code"));

        JsonObject redone = expect(200, c.b().state(c.id(), new JsonObject()
                .put("A", "LANE_CHANGE").put("B", "NOT_AT_FAULT"))).json();
        assertEquals("POLICE_REVIEW", redone.getString("state"), "answered: back in the queue");
        assertFalse(redone.getBoolean("settlementHeld"), redone.encodePrettily());
        JsonObject forPolice = expect(200, one.get(path(c))).json();
        assertTrue(forPolice.getJsonArray("reasons").contains("STATEMENTS_DISAGREE"),
                forPolice.getJsonArray("reasons").encode());
        expect(200, one.post(path(c) + "/decision", decision()));
        assertEquals("DECIDED", c.view().getString("state"));
    }
}
