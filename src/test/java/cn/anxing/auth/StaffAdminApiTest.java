package cn.anxing.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.payment.PaymentPeople;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The admin's organisations and staff accounts, each change audited and at once in"
        + " force")
class StaffAdminApiTest {

    private static TestServer server;
    private static Api admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.api().staff("admin", DemoAccounts.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject create(String username, String role, String organisation) {
        Api.Reply r = admin.post("/api/v1/admin/accounts", new JsonObject()
                .put("username", username).put("displayName", "测试 " + username)
                .put("password", "a-long-password").put("roles", new JsonArray().add(role))
                .put("organisation", organisation));
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    private static long audited(String action, String subject) {
        return PaymentPeople.scalar("SELECT count(*) FROM audit_log WHERE action = '" + action
                + "' AND subject_id = '" + subject + "'");
    }

    @Test
    @DisplayName("A disabled account's token is refused on its very next request")
    void disableIsImmediate() {
        JsonObject made = create("cpic.test1", "insurer", "CPIC");
        assertEquals("CPIC", made.getString("organisation"));
        Api cpic = server.api().staff("cpic.test1", "a-long-password");
        assertEquals(200, cpic.get("/api/v1/insurer/notifications").status());
        Api.Reply off = admin.post("/api/v1/admin/accounts/" + made.getString("id")
                + "/disable", new JsonObject());
        assertEquals(200, off.status(), off.toString());
        assertEquals(401, cpic.get("/api/v1/insurer/notifications").status());
        assertEquals(401, cpic.get("/api/v1/auth/me").status());
        assertEquals(1, audited("account.create", made.getString("id")));
        assertEquals(1, audited("account.disable", made.getString("id")));
    }

    @Test
    @DisplayName("An officer whose role is changed loses the police queue at once")
    void roleChangeIsImmediate() {
        JsonObject made = create("police.test2", "police", null);
        assertEquals("pinghu-police", made.getString("organisation"),
                "the county's one brigade when none is named");
        Api officer = server.api().staff("police.test2", "a-long-password");
        assertEquals(200, officer.get("/api/v1/police/accidents").status());
        Api.Reply moved = admin.put("/api/v1/admin/accounts/" + made.getString("id"),
                new JsonObject().put("roles", new JsonArray().add("coordinator"))
                        .put("organisation", "donghu-school"));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals(401, officer.get("/api/v1/police/accidents").status());
        Api again = server.api().staff("police.test2", "a-long-password");
        assertEquals(403, again.get("/api/v1/police/accidents").status());
        assertEquals(1, audited("account.update", made.getString("id")));
    }

    @Test
    @DisplayName("A role must fit its organisation's kind; an unknown organisation is named")
    void roleFitsOrganisation() {
        Api.Reply wrong = admin.post("/api/v1/admin/accounts", new JsonObject()
                .put("username", "mismatch1").put("displayName", "x")
                .put("password", "a-long-password").put("roles", new JsonArray().add("insurer"))
                .put("organisation", "pinghu-1"));
        assertEquals(400, wrong.status());
        assertEquals("roles", wrong.json().getString("field"));
        Api.Reply none = admin.post("/api/v1/admin/accounts", new JsonObject()
                .put("username", "mismatch2").put("displayName", "x")
                .put("password", "a-long-password").put("roles", new JsonArray().add("insurer")));
        assertEquals(400, none.status(), "several insurers: the admin must choose");
        assertEquals("organisation", none.json().getString("field"));
        assertEquals(0, PaymentPeople.scalar("SELECT count(*) FROM account WHERE username LIKE"
                + " 'mismatch%'"));
    }

    @Test
    @DisplayName("A reset password ends the old sessions; organisations are created and listed")
    void passwordAndOrganisations() {
        JsonObject made = create("tcm.test3", "hospital", "pinghu-tcm");
        Api before = server.api().staff("tcm.test3", "a-long-password");
        assertEquals(200, admin.post("/api/v1/admin/accounts/" + made.getString("id")
                + "/password", new JsonObject().put("password", "another-long-one")).status());
        assertEquals(401, before.get("/api/v1/auth/me").status());
        assertEquals(200, server.api().staff("tcm.test3", "another-long-one")
                .get("/api/v1/auth/me").status());

        Api.Reply org = admin.post("/api/v1/admin/organisations", new JsonObject()
                .put("kind", "POLICE_UNIT").put("code", "pinghu-police-2")
                .put("nameZh", "平湖交警大队乍浦中队").put("parent", "pinghu-police"));
        assertEquals(201, org.status(), org.toString());
        assertEquals(409, admin.post("/api/v1/admin/organisations", new JsonObject()
                .put("kind", "INSURER").put("code", "PICC").put("nameZh", "重复")).status());
        assertTrue(admin.get("/api/v1/admin/organisations").body().contains("乍浦中队"));
        assertEquals(1, audited("organisation.create", org.json().getString("id")));
    }

    @Test
    @DisplayName("Disabling an organisation refuses its staff's sessions")
    void inactiveOrganisation() {
        JsonObject made = create("pingan.test4", "insurer", "PINGAN");
        Api pingan = server.api().staff("pingan.test4", "a-long-password");
        String id = admin.get("/api/v1/admin/organisations").jsonArray().stream()
                .map(o -> (JsonObject) o).filter(o -> o.getString("code").equals("PINGAN"))
                .findFirst().orElseThrow().getString("id");
        assertEquals(200, admin.put("/api/v1/admin/organisations/" + id,
                new JsonObject().put("active", false)).status());
        assertEquals(401, pingan.get("/api/v1/auth/me").status());
        assertEquals(200, admin.put("/api/v1/admin/organisations/" + id,
                new JsonObject().put("active", true)).status());
        assertEquals(200, pingan.get("/api/v1/auth/me").status(), made.toString());
    }
}
