package cn.anxing.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.payment.PaymentPeople;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reproductions of issue 10, each refused with 403 or 404 and nothing recorded: every
 * payment table, the audit log and the bus tables are counted before and after.
 */
@DisplayName("Each staff account acts only for its own organisation")
class OrganisationBoundariesTest {

    private static final String PAY = "/api/v1/payments";
    private static TestServer server;
    private static PaymentPeople people;
    private static Api picc;
    private static Api cpic;
    private static Api admin;
    private static JsonObject both;
    private static String bothBill;
    private static String cpicInstruction;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        people = new PaymentPeople(server.baseUrl());
        picc = people.insurer;
        cpic = people.cpic;
        admin = people.admin;
        // one application whose notice names both PICC and CPIC; CPIC has paid an advance
        Instant at = Instant.now().minus(Duration.ofHours(2));
        both = people.apply(people.driver, "OB-" + UUID.randomUUID().toString().substring(0, 8),
                "injured-1", at);
        people.notice(both.getString("id"), PaymentPeople.insuredVehicle("PICC", "LIABLE"),
                PaymentPeople.insuredVehicle("CPIC", "NOT_LIABLE"));
        bothBill = people.submitBill(both, at.plus(Duration.ofHours(1)), 50_000);
        Api.Reply paid = people.pay(cpic, both.getString("id"), "ob-cpic-1",
                PaymentPeople.payment("CPIC", bothBill, 10_000));
        assertEquals(201, paid.status(), paid.toString());
        cpicInstruction = paid.json().getString("instructionId");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs {@code request}, expects {@code status}, and that no stored row changed. */
    private static Api.Reply refusedUnchanged(int status, Supplier<Api.Reply> request) {
        Map<String, Long> before = counts();
        Api.Reply reply = request.get();
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(before, counts(), "a refused request recorded nothing");
        return reply;
    }

    private static Map<String, Long> counts() {
        var counts = new java.util.TreeMap<>(PaymentPeople.counts());
        for (String table : new String[] {"audit_log", "bus_household", "bus_policy",
                "bus_plan_job", "outbox_message"}) {
            counts.put(table, PaymentPeople.scalar("SELECT count(*) FROM " + table));
        }
        counts.put("policy-updates", PaymentPeople.scalar(
                "SELECT count(*) FROM bus_policy WHERE updated_at > now() - interval '1 hour'"
                        + " AND max_walk_metres = 123"));
        return counts;
    }

    @Test
    @DisplayName("PICC may not pay as CPIC, even on an application naming both")
    void insurerPaysOnlyAsItself() {
        Api.Reply r = refusedUnchanged(403, () -> people.pay(picc, both.getString("id"),
                "ob-picc-as-cpic", PaymentPeople.payment("CPIC", bothBill, 1_000)));
        assertEquals("FORBIDDEN", r.json().getString("code"));
        assertEquals("payerId", r.json().getString("field"));
    }

    @Test
    @DisplayName("PICC may neither confirm nor reverse CPIC's advance: 404, as for no instruction")
    void insurerTouchesOnlyItsOwnInstructions() {
        refusedUnchanged(404, () -> picc.post(PAY + "/instructions/" + cpicInstruction
                + "/disbursement", new JsonObject()));
        refusedUnchanged(404, () -> picc.post(PAY + "/instructions/" + cpicInstruction
                + "/reversal", new JsonObject()));
    }

    @Test
    @DisplayName("PICC may not read CPIC's reconciliation; without a payer it reads its own")
    void insurerReadsOnlyItsOwnReconciliation() {
        String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        refusedUnchanged(403, () -> picc.get(PAY + "/reconciliation?date=" + day
                + "&payerId=CPIC"));
        JsonObject own = picc.get(PAY + "/reconciliation?date=" + day).json();
        assertFalse(own.encode().contains("CPIC"), own.encode());
        assertTrue(cpic.get(PAY + "/reconciliation?date=" + day).json().encode()
                .contains("CPIC"), "CPIC reads its own");
    }

    @Test
    @DisplayName("A hospital may not bill as another hospital, nor on an application naming"
            + " another")
    void hospitalBillsOnlyAsItself() {
        JsonObject asOther = PaymentPeople.bill(both, Instant.now().minus(Duration.ofHours(1)),
                500).put("hospitalId", "pinghu-tcm");
        refusedUnchanged(403, () -> people.postBill(both.getString("id"), asOther));
        Api tcm = server.api().staff("hospital2", DemoAccounts.PASSWORD);
        JsonObject own = PaymentPeople.bill(both, Instant.now().minus(Duration.ofHours(1)), 500)
                .put("hospitalId", "pinghu-tcm");
        refusedUnchanged(404, () -> tcm.post(PAY + "/applications/" + both.getString("id")
                + "/bills", own));
        refusedUnchanged(404, () -> tcm.get(PAY + "/applications/" + both.getString("id")));
        assertTrue(tcm.get(PAY + "/applications").jsonArray().isEmpty(),
                "pinghu-tcm is named by no application");
    }

    @Test
    @DisplayName("The insurer inbox lists only the signed-in insurer's deliveries")
    void inboxIsTheInsurersOwn() {
        PaymentPeople.execute("INSERT INTO insurer_inbox (idempotency_key, insurer_code, topic,"
                + " body) VALUES ('ob-1', 'PICC', 't', '{}'), ('ob-2', 'CPIC', 't', '{}')");
        JsonArray seen = picc.get("/api/v1/insurer/notifications").jsonArray();
        assertFalse(seen.isEmpty());
        seen.forEach(o -> assertEquals("PICC", ((JsonObject) o).getString("insurer")));
        JsonArray all = admin.get("/api/v1/insurer/notifications").jsonArray();
        assertTrue(all.encode().contains("CPIC") && all.encode().contains("PICC"));
    }

    @Test
    @DisplayName("A second school's coordinator neither reads nor changes the first school")
    void coordinatorTouchesOnlyItsSchools() {
        Api coord1 = server.api().staff("coord1", DemoAccounts.PASSWORD);
        Api coord2 = server.api().staff("coord2", DemoAccounts.PASSWORD);
        String first = firstSchool(coord1);
        String base = "/api/v1/bus/schools/" + first;
        assertTrue(coord2.get("/api/v1/bus/schools").jsonArray().isEmpty(),
                "coord2's organisation runs no school yet");
        refusedUnchanged(404, () -> coord2.get(base));
        refusedUnchanged(404, () -> coord2.get(base + "/households"));
        refusedUnchanged(404, () -> coord2.get(base + "/plans/latest"));
        refusedUnchanged(404, () -> coord2.get(base + "/policy"));
        refusedUnchanged(404, () -> coord2.put(base + "/policy", coord1.get(base + "/policy")
                .json().put("maxWalkMetres", 123)));
        refusedUnchanged(404, () -> coord2.post(base + "/households", new JsonObject()
                .put("lat", 0.0 + coord1.get(base).json().getDouble("lat"))
                .put("lon", coord1.get(base).json().getDouble("lon")).put("students", 1)));
        refusedUnchanged(404, () -> coord2.post(base + "/plans", new JsonObject()));
        assertEquals(200, coord1.get(base + "/policy").status(), "its own coordinator reads it");
    }

    @Test
    @DisplayName("A driver who is no party of a case cannot open an application on it, and"
            + " learns what they would for a case that does not exist")
    void nonPartyLearnsNothing() {
        Instant at = Instant.now().minus(Duration.ofHours(2));
        String caseNo = "OB-NP-" + UUID.randomUUID().toString().substring(0, 6);
        PaymentPeople.accidentCase(caseNo, at, "PICC");
        Api stranger = server.api().phone("13800000009");
        JsonObject body = new JsonObject().put("injuredPersonId", "injured-1")
                .put("hospitalId", "pinghu-1");
        Api.Reply hidden = refusedUnchanged(404, () -> stranger.post(PAY + "/applications",
                body.copy().put("caseId", caseNo)));
        Api.Reply absent = refusedUnchanged(404, () -> stranger.post(PAY + "/applications",
                body.copy().put("caseId", "OB-NO-SUCH-CASE")));
        assertEquals("UNKNOWN_CASE", hidden.json().getString("code"));
        assertEquals(absent.json().getString("code"), hidden.json().getString("code"));
        assertEquals(absent.json().getString("field"), hidden.json().getString("field"));
        assertFalse(hidden.body().contains("浙F"), "no plate of the case: " + hidden.body());
        // the officer may still open one for a person who is no party (a pedestrian)
        Api.Reply police = people.police.post(PAY + "/applications", body.copy()
                .put("caseId", caseNo).put("injuredPersonId", "pedestrian-1")
                .put("applicantPhone", "13800000009"));
        assertEquals(201, police.status(), police.toString());
        assertEquals(1, PaymentPeople.scalar("SELECT count(*) FROM audit_log WHERE action ="
                + " 'payment.apply'"), "the officer's opening is audited");
    }

    private static String firstSchool(Api coordinator) {
        return coordinator.firstSchool().getString("id");
    }
}
