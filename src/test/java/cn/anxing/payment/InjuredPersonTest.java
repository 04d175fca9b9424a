package cn.anxing.payment;

import static cn.anxing.payment.PaymentPeople.BASE;
import static cn.anxing.payment.PaymentPeople.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who is hurt, as the applicant says it (issue 15): a name, how they are related to the
 * applicant and, if given, a checked resident ID number that only those who act on the
 * application see in full; and a timeline that names who acted in plain words.
 */
@DisplayName("The injured person of an application: relation, ID number and who sees it")
class InjuredPersonTest {

    private static final String ID_NUMBER = "330482199001011232";
    private static final String MASKED = "3304**********1232";

    private static TestServer server;
    private static PaymentPeople people;
    private static String applicationId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        people = new PaymentPeople(server.baseUrl());
        String caseNo = "ID-" + UUID.randomUUID().toString().substring(0, 8);
        PaymentPeople.accidentCase(caseNo, Instant.now().minus(Duration.ofHours(2)), "PICC");
        Api.Reply applied = people.driver.post(BASE + "/applications", new JsonObject()
                .put("caseId", caseNo).put("injuredPersonId", "李梅")
                .put("injuredRelation", "SPOUSE").put("injuredIdNumber", ID_NUMBER)
                .put("hospitalId", "pinghu-1"));
        assertEquals(201, applied.status(), applied.toString());
        applicationId = applied.json().getString("id");
        assertEquals("SPOUSE", applied.json().getString("injuredRelation"));
        assertEquals(MASKED, applied.json().getString("injuredIdNumber"),
                "the applicant's own answer shows the number masked");
        people.notice(applicationId, PaymentPeople.insuredVehicle("PICC", "LIABLE"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api who(String role) {
        return switch (role) {
            case "driver" -> people.driver;
            case "police" -> people.police;
            case "hospital" -> people.hospital;
            case "insurer" -> people.insurer;
            case "admin" -> people.admin;
            default -> throw new IllegalArgumentException(role);
        };
    }

    @ParameterizedTest(name = "{0} sees {1}")
    @CsvSource({
        "police, 330482199001011232",
        "hospital, 330482199001011232",
        "insurer, 330482199001011232",
        "driver, 3304**********1232",
        "admin, 3304**********1232",
    })
    @DisplayName("The police, the hospital of the application and its payer see the ID number in"
            + " full; the applicant and the admin see it masked, on the application and the list")
    void maskedPerRole(String role, String shown) {
        Api.Reply one = who(role).get(BASE + "/applications/" + applicationId);
        assertEquals(200, one.status(), one.toString());
        assertEquals(shown, one.json().getString("injuredIdNumber"));
        assertEquals("李梅", one.json().getString("injuredPersonId"));
        JsonObject listed = who(role).get(BASE + "/applications").jsonArray().stream()
                .map(JsonObject.class::cast)
                .filter(a -> applicationId.equals(a.getString("id"))).findFirst().orElseThrow();
        assertEquals(shown, listed.getString("injuredIdNumber"));
        if (!shown.equals(ID_NUMBER)) {
            assertFalse(one.body().contains(ID_NUMBER), "nowhere in the answer: " + one);
        }
    }

    @Test
    @DisplayName("Another insurer, not named by the notice, learns nothing of it (404)")
    void otherPayerSeesNothing() {
        assertEquals(404, people.cpic.get(BASE + "/applications/" + applicationId).status());
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource({
        "injuredIdNumber, 330482199001011233, ID_NUMBER_INVALID",
        "injuredIdNumber, 33048219900101123, ID_NUMBER_INVALID",
        "injuredIdNumber, 33048219901301123X, ID_NUMBER_INVALID",
        "injuredRelation, NEIGHBOUR, RELATION_INVALID",
    })
    @DisplayName("A wrong ID number (check character, length, birth date) or relation is a 400"
            + " naming the field, and nothing is stored")
    void refused(String field, String value, String code) {
        String caseNo = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        PaymentPeople.accidentCase(caseNo, Instant.now().minus(Duration.ofHours(1)));
        Map<String, Long> before = PaymentPeople.counts();
        Api.Reply r = people.driver.post(BASE + "/applications", new JsonObject()
                .put("caseId", caseNo).put("injuredPersonId", "王强")
                .put("hospitalId", "pinghu-1").put(field, value));
        assertEquals(400, r.status(), r.toString());
        assertEquals(code, r.json().getString("code"));
        assertEquals(field, r.json().getString("field"));
        assertEquals(before, PaymentPeople.counts(), "nothing recorded by " + r);
    }

    @Test
    @DisplayName("Without relation or ID number an application is made as before, both null")
    void optional() {
        String caseNo = "OPT-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject app = people.apply(people.family, caseNo, "张三", Instant.now().minus(
                Duration.ofHours(1)));
        assertNull(app.getValue("injuredRelation"));
        assertNull(app.getValue("injuredIdNumber"));
    }

    @Test
    @DisplayName("Each timeline entry names who acted: 申请人 (no name), the police unit, the"
            + " hospital and the insurer by name")
    void whoActed() {
        String caseNo = "WHO-" + UUID.randomUUID().toString().substring(0, 8);
        Instant accident = Instant.now().minus(Duration.ofHours(3));
        JsonObject app = people.apply(people.driver, caseNo, "赵六", accident);
        String id = app.getString("id");
        people.notice(id, PaymentPeople.insuredVehicle("PICC", "LIABLE"));
        String billId = people.submitBill(app, accident.plus(Duration.ofHours(1)), 50_000);
        assertEquals(201, people.pay(people.insurer, id, "who-" + caseNo,
                payment("PICC", billId, 50_000)).status());
        var timeline = people.driver.get(BASE + "/applications/" + id).json()
                .getJsonArray("timeline").stream().map(JsonObject.class::cast).toList();
        assertEquals(List.of("APPLIED", "NOTICE_ISSUED", "BILLED", "APPROVED"),
                timeline.stream().map(e -> e.getString("what")).toList());
        assertEquals("APPLICANT", timeline.get(0).getString("actorRole"));
        assertNull(timeline.get(0).getValue("actorName"), "the page says 申请人");
        assertEquals("平湖市公安局交通警察大队", timeline.get(1).getString("actorName"));
        assertEquals("平湖市第一人民医院", timeline.get(2).getString("actorName"));
        assertEquals("中国人保财险 平湖支公司", timeline.get(3).getString("actorName"));
    }
}
