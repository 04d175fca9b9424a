package cn.anxing.payment;

import static cn.anxing.payment.PaymentPeople.BASE;
import static cn.anxing.payment.PaymentPeople.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Done when (4): bad input gets a 4xx naming the problem and the field, and nothing is recorded:
 * every payment table has the same rows before and after.
 */
@DisplayName("Bad payment input is refused and records nothing")
class PaymentBadInputTest {

    private static final Instant ACCIDENT = Instant.now().minus(Duration.ofDays(10));

    private static TestServer server;
    private static PaymentPeople people;
    /** An insurer case and a hit-and-run case, each billed once. */
    private static JsonObject insured;
    private static JsonObject hitAndRun;
    private static String insuredBill;
    private static String hitAndRunBill;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        people = new PaymentPeople(server.baseUrl());
        var cases = people.twoBilledCases("BAD", ACCIDENT);
        insured = cases.insured();
        insuredBill = cases.insuredBill();
        hitAndRun = cases.hitAndRun();
        hitAndRunBill = cases.hitAndRunBill();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "amountFen {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "-100          | AMOUNT_NEGATIVE",
            "12.5          | AMOUNT_FRACTIONAL",
            "0.01          | AMOUNT_FRACTIONAL",
            "'\"100\"'     | AMOUNT_NOT_A_NUMBER",
            "null          | AMOUNT_MISSING",
            "0             | AMOUNT_ZERO",
            "1e30          | AMOUNT_TOO_LARGE",
    })
    @DisplayName("A payment of a negative, fractional, textual, missing or zero amount")
    void badPaymentAmounts(String amountJson, String code) {
        String body = "{\"payerId\":\"PICC\",\"billId\":\"" + insuredBill + "\",\"amountFen\":"
                + amountJson + "}";
        refused(400, code, "amountFen", () -> people.pay(people.insurer,
                insured.getString("id"), "bad-" + UUID.randomUUID(), body));
    }

    @ParameterizedTest(name = "item amountFen {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "-1       | AMOUNT_NEGATIVE",
            "99.99    | AMOUNT_FRACTIONAL",
            "0        | AMOUNT_ZERO",
    })
    @DisplayName("A bill item of a negative, fractional or zero amount")
    void badBillAmounts(String amountJson, String code) {
        JsonObject bill = PaymentPeople.bill(insured, ACCIDENT.plus(Duration.ofHours(3)), 500,
                ACCIDENT.plus(Duration.ofHours(4)), 0);
        bill.getJsonArray("items").getJsonObject(1).put("amountFen",
                new io.vertx.core.json.JsonArray("[" + amountJson + "]").getValue(0));
        refused(400, code, "items[1].amountFen",
                () -> people.postBill(insured.getString("id"), bill));
    }

    @Test
    @DisplayName("An application naming an unknown hospital")
    void unknownHospitalApplication() {
        refused(400, "UNKNOWN_HOSPITAL", "hospitalId", () -> people.police.post(BASE
                + "/applications", new JsonObject().put("caseId", "BAD-3")
                .put("injuredPersonId", "injured-1").put("hospitalId", "nowhere-9")
                .put("accidentAt", ACCIDENT.toString())));
    }

    @Test
    @DisplayName("An applicant's application for an accident case Anxing does not have")
    void unknownCase() {
        refused(404, "UNKNOWN_CASE", "caseId", () -> people.driver.post(BASE
                + "/applications", new JsonObject().put("caseId", "NO-SUCH-CASE")
                .put("injuredPersonId", "injured-1").put("hospitalId", "pinghu-1")
                .put("accidentAt", ACCIDENT.toString())));
    }

    @Test
    @DisplayName("A bill from an unknown hospital")
    void unknownHospitalBill() {
        JsonObject bill = PaymentPeople.bill(insured, ACCIDENT.plus(Duration.ofHours(1)), 500)
                .put("hospitalId", "nowhere-9");
        refused(400, "UNKNOWN_HOSPITAL", "hospitalId",
                () -> people.postBill(insured.getString("id"), bill));
    }

    @Test
    @DisplayName("A bill for another person's case, sent to this application")
    void billForAnotherCase() {
        JsonObject otherCase = PaymentPeople.bill(hitAndRun, ACCIDENT.plus(Duration.ofHours(1)),
                500);
        refused(400, "WRONG_CASE", "caseId",
                () -> people.postBill(insured.getString("id"), otherCase));
        JsonObject otherPerson = PaymentPeople.bill(insured, ACCIDENT.plus(Duration.ofHours(1)),
                500).put("injuredPersonId", "injured-2");
        refused(400, "WRONG_INJURED_PERSON", "injuredPersonId",
                () -> people.postBill(insured.getString("id"), otherPerson));
    }

    @Test
    @DisplayName("A bill past the fund's 7-day rescue window, for a hit-and-run the fund pays")
    void billPastRescueWindow() {
        JsonObject late = PaymentPeople.bill(hitAndRun, ACCIDENT.plus(Duration.ofHours(20)), 500,
                ACCIDENT.plus(Duration.ofHours(169)), 700);
        Api.Reply r = refused(400, "OUTSIDE_RESCUE_WINDOW", "items[1].renderedAt",
                () -> people.postBill(hitAndRun.getString("id"), late));
        assertTrue(r.json().getString("message").contains("168 hours"), r.toString());
    }

    @Test
    @DisplayName("A payment without an Idempotency-Key, or with one that is malformed")
    void idempotencyKeyRequired() {
        String body = payment("PICC", insuredBill, 100).encode();
        refused(400, "IDEMPOTENCY_KEY_MISSING", "Idempotency-Key",
                () -> people.pay(people.insurer, insured.getString("id"), null, body));
        refused(400, "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key",
                () -> people.pay(people.insurer, insured.getString("id"), "short", body));
    }

    @Test
    @DisplayName("A payment of more than the bill has left, by a payer the notice does not name,"
            + " or for a bill of another application")
    void paymentsThatDoNotFit() {
        String id = insured.getString("id");
        refused(400, "AMOUNT_EXCEEDS_BILL", "amountFen", () -> people.pay(people.insurer, id,
                "bad-" + UUID.randomUUID(), payment("PICC", insuredBill, 100_001)));
        refused(400, "PAYER_NOT_NAMED", "payerId", () -> people.pay(people.insurer, id,
                "bad-" + UUID.randomUUID(), payment("CPIC", insuredBill, 100)));
        refused(400, "UNKNOWN_BILL", "billId", () -> people.pay(people.insurer, id,
                "bad-" + UUID.randomUUID(), payment("PICC", hitAndRunBill, 100)));
    }

    @Test
    @DisplayName("A key reused for another amount is a 409 and pays nothing more")
    void reusedKey() {
        String id = insured.getString("id");
        String key = "reuse-" + UUID.randomUUID();
        assertEquals(201, people.pay(people.insurer, id, key, payment("PICC", insuredBill, 100))
                .status());
        refused(409, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key", () -> people.pay(
                people.insurer, id, key, payment("PICC", insuredBill, 200)));
    }

    @Test
    @DisplayName("A bill before the police notice is an illegal move (409)")
    void billBeforeNotice() {
        JsonObject fresh = people.apply(people.driver, "BAD-" + UUID.randomUUID().toString()
                .substring(0, 6), "injured-1", ACCIDENT);
        refused(409, "ILLEGAL_TRANSITION", null, () -> people.postBill(fresh.getString("id"),
                PaymentPeople.bill(fresh, ACCIDENT.plus(Duration.ofHours(1)), 500)));
    }

    @Test
    @DisplayName("A hospital registered with an active flag that is not true or false")
    void nonBooleanActive() {
        refused(400, "VALIDATION_FAILED", "active", () -> people.admin.post(BASE
                + "/admin/hospitals", new JsonObject().put("id", "bad-flag").put("name", "x")
                .put("active", "x")));
    }

    /** Sends, checks status, code and field, and that no payment table gained or lost a row. */
    private static Api.Reply refused(int status, String code, String field,
            Supplier<Api.Reply> request) {
        Map<String, Long> before = PaymentPeople.counts();
        Api.Reply r = request.get();
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.json().getString("code"), r.toString());
        assertEquals(field, r.json().getString("field"), r.toString());
        assertFalse(r.json().getString("message").isBlank());
        assertEquals(before, PaymentPeople.counts(), "nothing recorded by " + r);
        return r;
    }
}
