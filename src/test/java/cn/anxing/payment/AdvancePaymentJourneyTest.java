package cn.anxing.payment;

import static cn.anxing.payment.PaymentPeople.BASE;
import static cn.anxing.payment.PaymentPeople.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.outbox.WebhookReceiver;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Done when (1): one injury case walked from the application to the hospital paid by the insurer,
 * and a hit-and-run case paid by the fund, over HTTP against the whole server, with the timeline
 * and the notifications visible to the applicant.
 */
@DisplayName("A medical advance payment from application to the hospital paid")
class AdvancePaymentJourneyTest {

    private static final String SECRET = "journey-test-secret-0123456789";

    private static TestServer server;
    private static WebhookReceiver payerSystems;
    private static PaymentPeople people;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        payerSystems = new WebhookReceiver(SECRET);
        people = new PaymentPeople(server.baseUrl());
        people.payersDeliverTo(payerSystems.url(), SECRET);
    }

    @AfterAll
    static void stop() {
        server.close();
        payerSystems.close();
    }

    @Test
    @DisplayName("Insurer: applied by the driver from the accident case, noticed by the police"
            + " with the case's insurer, billed, paid up to the no-liability limit, the rest once"
            + " liability is found, confirmed; the driver saw every step")
    void insurerPaysTheHospital() {
        Instant accident = Instant.now().minus(Duration.ofHours(5)).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS);
        String caseId = "JX-" + UUID.randomUUID().toString().substring(0, 8);
        PaymentPeople.accidentCase(caseId, accident, "PICC");
        Api.Reply applied = people.driver.post(BASE + "/applications", new JsonObject()
                .put("caseId", caseId).put("injuredPersonId", "injured-1")
                .put("hospitalId", "pinghu-1"));
        assertEquals(201, applied.status(), applied.toString());
        JsonObject app = applied.json();
        String id = app.getString("id");
        assertEquals("APPLIED", app.getString("state"));
        assertEquals(accident, Instant.parse(app.getString("accidentAt")), "the case's time");
        assertEquals(caseId, app.getJsonObject("accidentCase").getString("caseNo"));
        assertTrue(Instant.parse(app.getString("noticeDueAt")).isAfter(Instant.now()),
                "the police notice is due in the future");

        Api.Reply notice = people.police.post(BASE + "/applications/" + id + "/notice",
                new JsonObject());
        assertEquals(200, notice.status(), notice.toString());
        JsonObject noticed = notice.json();
        assertEquals("NOTICE_ISSUED", noticed.getString("state"));
        JsonObject insurer = noticed.getJsonArray("payers").getJsonObject(0);
        assertEquals("PICC", insurer.getString("payerId"), "the insurer the party named");
        assertEquals("UNDETERMINED", insurer.getString("liabilityState"));

        String billId = people.submitBill(app, accident.plus(Duration.ofHours(1)), 250_000,
                accident.plus(Duration.ofHours(3)), 50_000);

        // liability undetermined: the insurer advances up to the no-liability limit, 1,800 yuan
        Api.Reply first = people.pay(people.insurer, id, "pay-" + caseId + "-1",
                payment("PICC", billId, 300_000));
        assertEquals(201, first.status(), first.toString());
        assertEquals(180_000, first.json().getLong("paidFen"));
        assertEquals(120_000, first.json().getLong("excessFen"));
        assertEquals("AWAIT_LIABILITY", first.json().getString("excessHandling"));

        Api.Reply retried = people.pay(people.insurer, id, "pay-" + caseId + "-1",
                payment("PICC", billId, 300_000));
        assertEquals(200, retried.status(), retried.toString());
        assertTrue(retried.json().getBoolean("replayed"));
        assertEquals(first.json().getString("instructionId"),
                retried.json().getString("instructionId"));

        Api.Reply liable = people.police.post(BASE + "/applications/" + id + "/liability",
                new JsonObject().put("payerId", "PICC").put("liability", "LIABLE"));
        assertEquals(200, liable.status(), liable.toString());
        Api.Reply second = people.pay(people.insurer, id, "pay-" + caseId + "-2",
                payment("PICC", billId, 120_000));
        assertEquals(201, second.status(), second.toString());
        assertEquals(120_000, second.json().getLong("paidFen"));

        awaitDeliveries(List.of("disburse:pay-" + caseId + "-1", "disburse:pay-" + caseId + "-2"));
        for (Api.Reply paid : List.of(first, second)) {
            Api.Reply confirmed = people.insurer.post(BASE + "/instructions/"
                    + paid.json().getString("instructionId") + "/disbursement", new JsonObject());
            assertEquals(200, confirmed.status(), confirmed.toString());
            assertFalse(confirmed.json().getBoolean("repeated"));
        }

        JsonObject seen = people.driver.get(BASE + "/applications/" + id).json();
        assertEquals("PAID", seen.getString("state"));
        assertEquals(0L, seen.getJsonArray("bills").getJsonObject(0).getLong("unpaidFen"));
        assertEquals(List.of("APPLIED", "NOTICE_ISSUED", "BILLED", "APPROVED",
                "LIABILITY_DETERMINED", "APPROVED", "DISBURSED", "PAID"), whats(seen));
        assertEquals(whats(seen), notificationsOf(people.driver, id));
        Api.Reply stranger = people.family.get(BASE + "/applications/" + id);
        assertEquals(403, stranger.status(), "another applicant does not see it: " + stranger);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        JsonObject report = people.insurer.get(BASE + "/reconciliation?date=" + today
                + "&payerId=PICC").json();
        assertTrue(report.getBoolean("balanced"), report.encodePrettily());
        JsonObject line = report.getJsonArray("lines").getJsonObject(0);
        assertEquals(line.getLong("debitFen"), line.getLong("creditFen"));
    }

    @Test
    @DisplayName("Fund: a hit-and-run opened by the officer for the family, billed within 7"
            + " days, paid by the assistance fund without a cap; the family saw every step")
    void fundPaysForAHitAndRun() {
        Instant accident = Instant.now().minus(Duration.ofDays(2));
        String caseId = "HR-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply opened = people.police.post(BASE + "/applications", new JsonObject()
                .put("caseId", caseId).put("injuredPersonId", "injured-1")
                .put("hospitalId", "pinghu-1").put("accidentAt", accident.toString())
                .put("applicantPhone", "13800000002"));
        assertEquals(201, opened.status(), opened.toString());
        JsonObject app = opened.json();
        String id = app.getString("id");

        JsonObject noticed = people.notice(id, new JsonObject().put("fled", true));
        JsonObject fundRow = noticed.getJsonArray("payers").getJsonObject(0);
        assertEquals("fund-jx", fundRow.getString("payerId"));
        assertEquals(new JsonArray().add("HIT_AND_RUN"), fundRow.getJsonArray("fundGrounds"));

        String billId = people.submitBill(app, accident.plus(Duration.ofHours(2)), 2_600_000,
                accident.plus(Duration.ofDays(1)), 400_000);
        Api.Reply asInsurer = people.pay(people.insurer, id, "hr-" + caseId,
                payment("fund-jx", billId, 3_000_000));
        assertEquals(403, asInsurer.status(), "an insurer cannot pay as the fund: " + asInsurer);

        Api.Reply paid = people.pay(people.fund, id, "hr-" + caseId,
                payment("fund-jx", billId, 3_000_000));
        assertEquals(201, paid.status(), paid.toString());
        assertEquals(3_000_000, paid.json().getLong("paidFen"), "the fund has no per-person cap");
        awaitDeliveries(List.of("disburse:hr-" + caseId));
        assertEquals(200, people.fund.post(BASE + "/instructions/"
                + paid.json().getString("instructionId") + "/disbursement", new JsonObject())
                .status());

        JsonObject seen = people.family.get(BASE + "/applications/" + id).json();
        assertEquals("PAID", seen.getString("state"));
        assertEquals(List.of("APPLIED", "NOTICE_ISSUED", "BILLED", "APPROVED", "PAID"),
                whats(seen));
        assertEquals(whats(seen), notificationsOf(people.family, id));
        assertTrue(people.family.get(BASE + "/applications").jsonArray().stream()
                .anyMatch(a -> id.equals(((JsonObject) a).getString("id"))),
                "the family finds the application the officer opened for their phone");
    }

    @Test
    @DisplayName("A notice not issued in 3 working days and a bill not reviewed in 5 are listed"
            + " for police and fund, and flagged on the application")
    void overdueItems() {
        Instant accident = Instant.now().minus(Duration.ofDays(1));
        JsonObject waiting = people.apply(people.driver, "OD-" + UUID.randomUUID()
                .toString().substring(0, 8), "injured-1", accident);
        String id = waiting.getString("id");
        assertFalse(people.driver.get(BASE + "/applications/" + id).json()
                .getJsonObject("overdue").getBoolean("policeNotice"));
        // time passes: the notice was due yesterday
        PaymentPeople.execute("UPDATE advance_application SET notice_due_at = now() - interval"
                + " '1 day' WHERE id = '" + id + "'");
        assertTrue(people.driver.get(BASE + "/applications/" + id).json()
                .getJsonObject("overdue").getBoolean("policeNotice"));
        assertTrue(ids(people.police.get(BASE + "/overdue").json()
                .getJsonArray("policeNotices")).contains(id));
        assertEquals(403, people.hospital.get(BASE + "/overdue").status());

        people.notice(id, new JsonObject().put("uninsured", true));
        assertFalse(ids(people.police.get(BASE + "/overdue").json()
                .getJsonArray("policeNotices")).contains(id), "done once the notice is issued");
        String billId = people.submitBill(waiting, accident.plus(Duration.ofHours(1)), 10_000);
        PaymentPeople.execute("UPDATE bill SET review_due_at = now() - interval '1 hour'"
                + " WHERE id = '" + billId + "'");
        assertTrue(ids(people.fund.get(BASE + "/overdue").json()
                .getJsonArray("fundReviews")).contains(id));
        assertTrue(people.driver.get(BASE + "/applications/" + id).json()
                .getJsonObject("overdue").getBoolean("fundReview"));
        assertEquals(201, people.pay(people.fund, id, "od-" + billId, payment("fund-jx", billId,
                10_000)).status());
        assertFalse(ids(people.fund.get(BASE + "/overdue").json()
                .getJsonArray("fundReviews")).contains(id), "done once the fund has paid");
    }

    @Test
    @DisplayName("A wrong advance is corrected by a reversal before the transfer: the limit and"
            + " the bill's unpaid amount come back, the ledger keeps both postings and balances,"
            + " the payer's system is told to cancel; a second reversal, or one after the"
            + " transfer, is refused")
    void correctionIsAReversal() {
        Instant accident = Instant.now().minus(Duration.ofHours(2));
        JsonObject app = people.apply(people.driver, "RV-" + UUID.randomUUID().toString()
                .substring(0, 8), "injured-1", accident);
        String id = app.getString("id");
        people.notice(id, PaymentPeople.insuredVehicle("CPIC", "NOT_LIABLE"));
        String billId = people.submitBill(app, accident.plus(Duration.ofHours(1)), 150_000);
        Api.Reply wrong = people.pay(people.cpic, id, "rv-" + billId,
                payment("CPIC", billId, 150_000));
        assertEquals(150_000, wrong.json().getLong("paidFen"));
        String instruction = wrong.json().getString("instructionId");

        Api.Reply reversed = people.cpic.post(BASE + "/instructions/" + instruction
                + "/reversal", new JsonObject());
        assertEquals(200, reversed.status(), reversed.toString());
        JsonObject seen = people.driver.get(BASE + "/applications/" + id).json();
        assertEquals(0L, seen.getJsonArray("payers").getJsonObject(0).getLong("advancedFen"));
        assertEquals(150_000L, seen.getJsonArray("bills").getJsonObject(0).getLong("unpaidFen"));
        assertEquals("REVERSED", whats(seen).get(whats(seen).size() - 1));
        assertEquals(2, PaymentPeople.scalar("SELECT count(*) FROM ledger_posting WHERE"
                + " application_id = '" + id + "'"), "the advance and its reversal both stay");
        awaitDeliveries(List.of("cancel:" + instruction));
        assertEquals(409, people.cpic.post(BASE + "/instructions/" + instruction
                + "/reversal", new JsonObject()).status(), "reversed once");

        Api.Reply right = people.pay(people.cpic, id, "rv2-" + billId,
                payment("CPIC", billId, 100_000));
        assertEquals(100_000, right.json().getLong("paidFen"), "the limit is free again");
        String rightId = right.json().getString("instructionId");
        assertEquals(200, people.cpic.post(BASE + "/instructions/" + rightId
                + "/disbursement", new JsonObject()).status());
        Api.Reply late = people.cpic.post(BASE + "/instructions/" + rightId + "/reversal",
                new JsonObject());
        assertEquals(409, late.status(), late.toString());
        assertEquals("ALREADY_DISBURSED", late.json().getString("code"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertTrue(people.fund.get(BASE + "/reconciliation?date=" + today).json()
                .getBoolean("balanced"));
    }

    private static List<String> ids(JsonArray items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(((JsonObject) i).getString("applicationId")));
        return ids;
    }

    private static List<String> whats(JsonObject application) {
        List<String> whats = new ArrayList<>();
        application.getJsonArray("timeline").forEach(e -> whats.add(((JsonObject) e)
                .getString("what")));
        return whats;
    }

    /** What the applicant's page gets by polling, page by page with the cursor. */
    private static List<String> notificationsOf(Api applicant, String applicationId) {
        List<String> whats = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonArray page = applicant.get(BASE + "/notifications?after=" + after).jsonArray();
            if (page.isEmpty()) {
                return whats;
            }
            for (Object o : page) {
                JsonObject n = (JsonObject) o;
                assertTrue(n.getLong("id") > after, "the cursor only moves forward");
                after = n.getLong("id");
                if (applicationId.equals(n.getString("applicationId"))) {
                    assertFalse(n.getString("textZh").isBlank());
                    whats.add(n.getString("what"));
                }
            }
        }
    }

    private static void awaitDeliveries(List<String> keys) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (keys.stream().allMatch(k -> payerSystems.acceptedCount(k) == 1)) {
                assertTrue(payerSystems.requests().stream().allMatch(
                        WebhookReceiver.Received::signatureValid), "every order is signed");
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the payer systems did not get " + keys + ": "
                + payerSystems.acceptedByKey());
    }
}
