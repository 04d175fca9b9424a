package cn.anxing.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The people of an advance payment as API clients of a running server (the demo accounts), and
 * the few calls every payment test makes. Steps assert their status so that a test reads as the
 * story it tells.
 */
public final class PaymentPeople {

    public static final String BASE = "/api/v1/payments";
    public static final List<String> TABLES = List.of("advance_application", "application_payer",
            "application_timeline", "bill", "bill_item", "payment_instruction", "payer_headroom",
            "ledger_posting", "ledger_entry", "outbox_message");

    /** Plates counted, never drawn: two vehicles of one notice never share one by chance. */
    private static final AtomicInteger PLATES = new AtomicInteger(10000);
    /** HTTP/1.1 so that a burst opens many connections instead of streams of one. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();

    public final String baseUrl;
    public final Api driver;
    public final Api family;
    public final Api police;
    public final Api hospital;
    public final Api insurer;
    /** CPIC's insurer: since issue 10 only CPIC's own accounts act as the payer CPIC. */
    public final Api cpic;
    public final Api fund;
    public final Api admin;

    public PaymentPeople(String baseUrl) {
        this.baseUrl = baseUrl;
        Api anonymous = new Api(baseUrl);
        driver = anonymous.phone("13800000001");
        family = anonymous.phone("13800000002");
        police = anonymous.staff("police1", DemoAccounts.PASSWORD);
        hospital = anonymous.staff("hospital1", DemoAccounts.PASSWORD);
        insurer = anonymous.staff("insurer1", DemoAccounts.PASSWORD);
        cpic = anonymous.staff("insurer2", DemoAccounts.PASSWORD);
        fund = anonymous.staff("fund1", DemoAccounts.PASSWORD);
        admin = anonymous.staff("admin", DemoAccounts.PASSWORD);
    }

    /** Points every demo payer's system at {@code url}, signing with {@code secret}. */
    public void payersDeliverTo(String url, String secret) {
        for (String[] p : PaymentDemo.PAYERS) {
            Api.Reply r = admin.post(BASE + "/admin/payers", new JsonObject().put("id", p[0])
                    .put("kind", p[1]).put("name", p[2]).put("webhookUrl", url)
                    .put("webhookSecret", secret));
            assertEquals(201, r.status(), r.toString());
        }
    }

    /**
     * An applicant applies for an injured person of a new accident case {@code caseNo} that
     * happened at {@code accidentAt} (the case is stored first, with one uninsured party, as
     * the accident feature would have it); returns the application.
     */
    public JsonObject apply(Api who, String caseNo, String person, Instant accidentAt) {
        accidentCase(caseNo, accidentAt);
        Api.Reply r = who.post(BASE + "/applications", new JsonObject().put("caseId", caseNo)
                .put("injuredPersonId", person).put("hospitalId", "pinghu-1"));
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    /** The officer opens an application for a case handled outside Anxing. */
    public JsonObject open(String caseId, String person, Instant accidentAt, String phone) {
        Api.Reply r = police.post(BASE + "/applications", new JsonObject().put("caseId", caseId)
                .put("injuredPersonId", person).put("hospitalId", "pinghu-1")
                .put("accidentAt", accidentAt.toString()).put("applicantPhone", phone));
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    /**
     * Stores an injury case the way the accident feature does, sent to police review, with a
     * party per insurer code (the first the driver 13800000001, the second 13800000002). It is
     * written in SQL because the accident API reaches that state only after photos, statements
     * and a decision, which are not what these tests are about.
     */
    public static void accidentCase(String caseNo, Instant occurredAt, String... insurerCodes) {
        // with no insurer named, both phones are still parties (without insurers): since
        // issue 10 only a party of the case may apply for an advance on it
        if (insurerCodes.length == 0) {
            insurerCodes = new String[] {null, null};
        }
        String[] phones = {"13800000001", "13800000002"};
        try (Connection c = TestDatabase.connect()) {
            String[] plates = new String[insurerCodes.length];
            for (int i = 0; i < plates.length; i++) {
                plates[i] = "浙F" + (10000 + i) + caseNo.hashCode() % 10;
            }
            UUID caseId;
            try (var st = c.prepareStatement("""
                    INSERT INTO accident_case (case_no, share_code, state, reporter_id,
                        occurred_at, lat, lon, weather, accident_form, plates)
                    VALUES (?, ?, 'POLICE_REVIEW', (SELECT id FROM account WHERE phone = ?),
                        ?, 30.70, 121.01, 'CLEAR', 'COLLISION', ?) RETURNING id""")) {
                st.setString(1, caseNo);
                st.setString(2, UUID.randomUUID().toString().substring(0, 8));
                st.setString(3, phones[0]);
                st.setObject(4, occurredAt.atOffset(java.time.ZoneOffset.UTC));
                st.setArray(5, c.createArrayOf("text", plates));
                var rs = st.executeQuery();
                rs.next();
                caseId = (UUID) rs.getObject(1);
            }
            for (int i = 0; i < insurerCodes.length; i++) {
                try (var st = c.prepareStatement("""
                        INSERT INTO accident_party (case_id, label, account_id, plate,
                            insurer_code) VALUES (?, ?, (SELECT id FROM account WHERE phone = ?),
                            ?, ?)""")) {
                    st.setObject(1, caseId);
                    st.setString(2, String.valueOf((char) ('A' + i)));
                    st.setString(3, phones[i]);
                    st.setString(4, plates[i]);
                    st.setString(5, insurerCodes[i]);
                    st.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An insured case (PICC, liable) and a hit-and-run (the fund), each billed once. */
    public record TwoCases(JsonObject insured, String insuredBill, JsonObject hitAndRun,
            String hitAndRunBill) {
    }

    /**
     * Cases {@code <prefix>-1} (insured by PICC, liable; billed 100,000 fen one hour after the
     * accident) and {@code <prefix>-2} (hit-and-run; billed 50,000 fen after two hours).
     */
    public TwoCases twoBilledCases(String prefix, Instant accidentAt) {
        JsonObject insured = apply(driver, prefix + "-1", "injured-1", accidentAt);
        notice(insured.getString("id"), insuredVehicle("PICC", "LIABLE"));
        String insuredBill = submitBill(insured, accidentAt.plus(Duration.ofHours(1)), 100_000);
        JsonObject hitAndRun = apply(family, prefix + "-2", "injured-1", accidentAt);
        notice(hitAndRun.getString("id"), new JsonObject().put("fled", true));
        String hitAndRunBill = submitBill(hitAndRun, accidentAt.plus(Duration.ofHours(2)),
                50_000);
        return new TwoCases(insured, insuredBill, hitAndRun, hitAndRunBill);
    }

    public JsonObject notice(String applicationId, JsonObject... vehicles) {
        Api.Reply r = police.post(BASE + "/applications/" + applicationId + "/notice",
                new JsonObject().put("vehicles", new JsonArray(List.of((Object[]) vehicles))));
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    public static JsonObject insuredVehicle(String insurer, String liability) {
        return new JsonObject().put("plate", "浙F" + PLATES.getAndIncrement())
                .put("insurerId", insurer).put("liability", liability);
    }

    public static JsonObject bill(JsonObject application, Object... itemsAtAmount) {
        JsonArray items = new JsonArray();
        for (int i = 0; i + 1 < itemsAtAmount.length; i += 2) {
            items.add(new JsonObject().put("description", "抢救费用 " + (i / 2 + 1))
                    .put("renderedAt", itemsAtAmount[i].toString())
                    .put("invoiceNumber", "INV-" + UUID.randomUUID().toString().substring(0, 8))
                    .put("amountFen", itemsAtAmount[i + 1]));
        }
        return new JsonObject().put("caseId", application.getString("caseId"))
                .put("injuredPersonId", application.getString("injuredPersonId"))
                .put("hospitalId", application.getString("hospitalId")).put("items", items);
    }

    /** The hospital bills; returns the new bill's id. */
    public String submitBill(JsonObject application, Object... itemsAtAmount) {
        Api.Reply r = postBill(application.getString("id"), bill(application, itemsAtAmount));
        assertEquals(201, r.status(), r.toString());
        return r.json().getString("billId");
    }

    public Api.Reply postBill(String applicationId, JsonObject bill) {
        return hospital.post(BASE + "/applications/" + applicationId + "/bills", bill);
    }

    /** A payment request with its Idempotency-Key; {@code body} is sent as given. */
    public Api.Reply pay(Api payer, String applicationId, String key, Object body) {
        return payer.postBytes(BASE + "/applications/" + applicationId + "/payments",
                body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json", key == null ? new String[0]
                        : new String[] {"Idempotency-Key", key});
    }

    public static JsonObject payment(String payerId, String billId, Object amountFen) {
        return new JsonObject().put("payerId", payerId).put("billId", billId)
                .put("amountFen", amountFen);
    }

    /** A raw payment POST on its own HTTP/1.1 connection, for the concurrency burst. */
    public HttpResponse<String> rawPay(String token, String applicationId, String key, String body)
            throws Exception {
        return rawPost(token, BASE + "/applications/" + applicationId + "/payments", key, body);
    }

    public HttpResponse<String> rawPost(String token, String path, String key, String body)
            throws Exception {
        var request = HttpRequest.newBuilder(java.net.URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A session token of a demo staff account, for raw requests. */
    public String token(String username) {
        return new Api(baseUrl).post("/api/v1/auth/login", new JsonObject()
                .put("username", username).put("password", DemoAccounts.PASSWORD)).json()
                .getString("token");
    }

    /** Row counts of every payment table, to show that a refused request recorded nothing. */
    public static Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, scalar("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    public static long scalar(String sql) {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
