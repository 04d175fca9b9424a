package cn.anxing.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Signing in")
class SignInApiTest {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OTP_PER_PHONE_PER_HOUR", "5"));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} signs in by password and is a {1}")
    @CsvSource({
        "police1, police",
        "coord1, coordinator",
        "insurer1, insurer",
        "hospital1, hospital",
        "fund1, fund",
        "admin, admin",
    })
    @DisplayName("Every kind of staff account signs in with its password and gets its role")
    void staffSignIn(String username, String role) {
        Api.Reply me = api.staff(username, DemoAccounts.PASSWORD).get("/api/v1/auth/me");
        assertEquals(200, me.status(), me.toString());
        assertEquals(new JsonArray().add(role), me.json().getJsonArray("roles"));
        assertEquals(username, me.json().getString("username"));
    }

    @ParameterizedTest(name = "phone {0} signs in as {1}")
    @CsvSource({
        "13800000001, driver",
        "13900000001, parent",
        "13700000009, driver",
    })
    @DisplayName("Drivers and parents sign in with a code sent to their phone; a new phone becomes"
            + " a driver")
    void phoneSignIn(String phone, String role) {
        Api.Reply me = api.phone(phone).get("/api/v1/auth/me");
        assertEquals(200, me.status(), me.toString());
        assertEquals(new JsonArray().add(role), me.json().getJsonArray("roles"));
        assertEquals(phone, me.json().getString("phone"));
    }

    @Test
    @DisplayName("A wrong password is refused with 401 naming the password field")
    void wrongPassword() {
        Api.Reply reply = api.post("/api/v1/auth/login",
                new JsonObject().put("username", "police1").put("password", "not-it"));
        assertEquals(401, reply.status());
        assertEquals("INVALID_CREDENTIALS", reply.json().getString("code"));
        assertEquals("password", reply.json().getString("field"));
    }

    @Test
    @DisplayName("A wrong code is refused, and five wrong tries lock the code even for the right"
            + " one")
    void fiveWrongTriesLock() {
        String phone = "13600000001";
        String code = api.post("/api/v1/auth/otp/request", new JsonObject().put("phone", phone))
                .json().getString("devCode");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            Api.Reply reply = verify(phone, wrong);
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("CODE_WRONG", reply.json().getString("code"));
        }
        Api.Reply locked = verify(phone, code);
        assertEquals(423, locked.status(), locked.toString());
        assertEquals("CODE_LOCKED", locked.json().getString("code"));
    }

    @Test
    @DisplayName("A code past its five minutes is refused as expired, and a used code cannot be"
            + " used again")
    void expiredAndUsedCodes() throws Exception {
        String phone = "13600000002";
        String code = api.post("/api/v1/auth/otp/request", new JsonObject().put("phone", phone))
                .json().getString("devCode");
        assertEquals(200, verify(phone, code).status());
        assertEquals("CODE_EXPIRED", verify(phone, code).json().getString("code"));

        String second = api.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", phone)).json().getString("devCode");
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            st.execute("UPDATE otp_code SET expires_at = now() - interval '1 second'"
                    + " WHERE phone = '" + phone + "'");
        }
        Api.Reply expired = verify(phone, second);
        assertEquals(400, expired.status());
        assertEquals("CODE_EXPIRED", expired.json().getString("code"));
    }

    @Test
    @DisplayName("A phone may ask for five codes an hour; the sixth is rate limited with 429")
    void rateLimitedPerPhone() {
        String phone = "13600000003";
        for (int i = 0; i < 5; i++) {
            assertEquals(202, api.post("/api/v1/auth/otp/request",
                    new JsonObject().put("phone", phone)).status());
        }
        Api.Reply sixth = api.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", phone));
        assertEquals(429, sixth.status());
        assertEquals("RATE_LIMITED", sixth.json().getString("code"));
    }

    @ParameterizedTest(name = "phone \"{0}\" is refused")
    @CsvSource({"12345", "1380000000a", "23800000001", "''"})
    @DisplayName("A phone number that is not a mainland mobile number is refused naming the field")
    void badPhone(String phone) {
        Api.Reply reply = api.post("/api/v1/auth/otp/request",
                new JsonObject().put("phone", phone));
        assertEquals(400, reply.status());
        assertEquals("phone", reply.json().getString("field"));
    }

    @Test
    @DisplayName("Only an admin may create staff accounts; a duplicate username is a 409")
    void adminCreatesStaff() {
        var body = new JsonObject().put("username", "police3").put("displayName", "李警官")
                .put("password", "a-long-password").put("roles", new JsonArray().add("police"));
        Api.Reply byDriver = api.phone("13800000001").post("/api/v1/admin/accounts", body);
        assertEquals(403, byDriver.status());
        assertEquals("FORBIDDEN", byDriver.json().getString("code"));

        Api admin = api.staff("admin", DemoAccounts.PASSWORD);
        Api.Reply created = admin.post("/api/v1/admin/accounts", body);
        assertEquals(201, created.status(), created.toString());
        assertNull(created.json().getString("passwordHash"));
        assertEquals(200, api.staff("police3", "a-long-password").get("/api/v1/auth/me")
                .status());
        Api.Reply again = admin.post("/api/v1/admin/accounts", body);
        assertEquals(409, again.status());
        assertEquals("username", again.json().getString("field"));
    }

    @ParameterizedTest(name = "{0} GET {1} -> {2}")
    @CsvSource({
        "13800000001, /api/v1/police/accidents, 403",
        "13800000001, /api/v1/admin/accounts,   403",
        "13900000001, /api/v1/police/accidents, 403",
        "coord1,      /api/v1/police/accidents, 403",
        "insurer1,    /api/v1/admin/accounts,   403",
        "police1,     /api/v1/admin/accounts,   403",
        "police1,     /api/v1/police/accidents, 200",
        "admin,       /api/v1/admin/accounts,   200",
    })
    @DisplayName("Routes check roles: a driver's token gets 403 on a police route")
    void roleChecks(String who, String path, int status) {
        Api signedIn = who.matches("\\d+") ? api.phone(who) : api.staff(who,
                DemoAccounts.PASSWORD);
        Api.Reply reply = signedIn.get(path);
        assertEquals(status, reply.status(), reply.toString());
        if (status == 403) {
            assertEquals("FORBIDDEN", reply.json().getString("code"));
        }
    }

    @Test
    @DisplayName("Without a token, or with a forged one, protected routes answer 401 in JSON")
    void unauthenticated() {
        Api.Reply none = api.get("/api/v1/auth/me");
        assertEquals(401, none.status());
        assertEquals("UNAUTHENTICATED", none.json().getString("code"));
        Api.Reply forged = api.as("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get("/api/v1/auth/me");
        assertEquals(401, forged.status());
        assertNotNull(forged.json().getString("requestId"));
    }

    @Test
    @DisplayName("The demo never duplicates its accounts when loaded again")
    void demoIsIdempotent() throws Exception {
        int before = accounts();
        new DemoAccounts(server.app().vertx(), new AccountRepository(server.app().pool())).load()
                .toCompletionStage().toCompletableFuture().get();
        assertEquals(before, accounts());
        assertTrue(before >= DemoAccounts.STAFF.size() + DemoAccounts.PHONES.size());
    }

    private static int accounts() throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM account")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Api.Reply verify(String phone, String code) {
        return api.post("/api/v1/auth/otp/verify",
                new JsonObject().put("phone", phone).put("code", code));
    }
}
