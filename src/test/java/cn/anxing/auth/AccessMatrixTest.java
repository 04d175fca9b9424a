package cn.anxing.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.http.RouteRules;
import cn.anxing.payment.PaymentPeople;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rule table as a whole: every API route the server mounts × every role × a resource of
 * the signed-in account's own and one of somebody else's, against the running server, each cell
 * compared with {@code src/test/resources/access-matrix.csv}.
 *
 * <p>A cell is {@code 401} (no valid session), {@code 403} (refused), {@code 404} (hidden or
 * absent, the two answered alike) or {@code ok} (let through: any other status below 500; a
 * body of {@code {}} is mostly refused as bad input after the checks, which is still "let
 * through"). A 500 is always a failure. A route the server has and the table lacks, or a row
 * for a route that is gone, fails the test: a new route must come with its row.
 *
 * <p>Who is "own" for each role: driver {@code 13800000001} (a party of the own case and the
 * applicant of the own application), parent {@code 13900000001} (the own household's phone),
 * {@code coord1} (the own school), {@code insurer1} = PICC (named on the own application, the
 * payer of the own instruction), {@code hospital1} = pinghu-1 (the own application's hospital).
 * "Other" is the same kind of thing belonging to driver {@code 13800000003}, phone
 * {@code 13900000002}, {@code coord2}'s school, CPIC and pinghu-tcm.
 *
 * <p>Regenerate after a deliberate change with {@code -DwriteAccessMatrix=true}, then read the
 * diff: each changed cell is a change of who may do what.
 */
@DisplayName("The authorization matrix: every route × every role × own and another's resource")
class AccessMatrixTest {

    static final Path TABLE = Path.of("src", "test", "resources", "access-matrix.csv");
    static final List<String> ROLES = List.of("anonymous", "driver", "parent", "police",
            "police_supervisor", "coordinator", "insurer", "hospital", "fund", "admin");
    private static final String HEADER = "method,path,rule,resource," + String.join(",", ROLES);

    private static TestServer server;
    private static final Map<String, Api> CALLERS = new LinkedHashMap<>();
    /** Path parameter → {own, other}; for paths whose {@code :id} means different things. */
    private static final Map<String, String[]> PARAMS = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Api anonymous = server.api();
        anonymous.phone("13800000003"); // the other driver's account exists
        CALLERS.put("anonymous", anonymous);
        CALLERS.put("driver", anonymous.phone("13800000001"));
        CALLERS.put("parent", anonymous.phone("13900000001"));
        CALLERS.put("police", staff("police1"));
        // an officer who also holds police_supervisor, of the same unit
        CALLERS.put("police_supervisor", staff("supervisor1"));
        CALLERS.put("coordinator", staff("coord1"));
        CALLERS.put("insurer", staff("insurer1"));
        CALLERS.put("hospital", staff("hospital1"));
        CALLERS.put("fund", staff("fund1"));
        CALLERS.put("admin", staff("admin"));
        fixtures();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api staff(String username) {
        return server.api().staff(username, DemoAccounts.PASSWORD);
    }

    /** The own and the other resources, made through the API as their owners would. */
    private static void fixtures() {
        var people = new PaymentPeople(server.baseUrl());
        Api cpic = staff("insurer2");
        Api tcm = staff("hospital2");
        Api otherDriver = server.api().phone("13800000003");
        Instant at = Instant.now().minus(Duration.ofHours(3));

        // accident cases: the own one has driver 13800000001 as party A, the other only 13800000003
        PaymentPeople.accidentCase("MX-OWN", at, "PICC");
        PaymentPeople.accidentCase("MX-OTHER", at, "CPIC");
        PaymentPeople.execute("UPDATE accident_party SET account_id = (SELECT id FROM account"
                + " WHERE phone = '13800000003') WHERE case_id = (SELECT id FROM accident_case"
                + " WHERE case_no = 'MX-OTHER')");
        PaymentPeople.execute("UPDATE accident_case SET reporter_id = (SELECT id FROM account"
                + " WHERE phone = '13800000003') WHERE case_no = 'MX-OTHER'");
        // plates the accident feature reads back (the payment fixture's are only labels)
        PaymentPeople.execute("UPDATE accident_party SET plate = '浙F12345'");
        PaymentPeople.execute("UPDATE accident_case SET plates = ARRAY['浙F12345'],"
                + " weather = 'SUNNY', accident_form = 'REAR_END_COLLISION'");
        String ownCase = caseId("MX-OWN");
        String otherCase = caseId("MX-OTHER");

        // applications: own at pinghu-1 naming PICC; other at pinghu-tcm naming CPIC
        JsonObject ownApp = created(CALLERS.get("driver").post("/api/v1/payments/applications",
                new JsonObject().put("caseId", "MX-OWN").put("injuredPersonId", "injured-1")
                        .put("hospitalId", "pinghu-1")));
        JsonObject otherApp = created(otherDriver.post("/api/v1/payments/applications",
                new JsonObject().put("caseId", "MX-OTHER").put("injuredPersonId", "injured-1")
                        .put("hospitalId", "pinghu-tcm")));
        people.notice(ownApp.getString("id"), PaymentPeople.insuredVehicle("PICC", "LIABLE"));
        people.notice(otherApp.getString("id"), PaymentPeople.insuredVehicle("CPIC", "LIABLE"));
        String ownBill = people.submitBill(ownApp, at.plus(Duration.ofHours(1)), 10_000);
        String otherBill = created(tcm.post("/api/v1/payments/applications/"
                + otherApp.getString("id") + "/bills", PaymentPeople.bill(otherApp,
                        at.plus(Duration.ofHours(1)), 10_000))).getString("billId");
        String ownPayment = created(people.pay(CALLERS.get("insurer"), ownApp.getString("id"),
                "mx-own-1", PaymentPeople.payment("PICC", ownBill, 1_000)))
                .getString("instructionId");
        String otherPayment = created(people.pay(cpic, otherApp.getString("id"), "mx-other-1",
                PaymentPeople.payment("CPIC", otherBill, 1_000))).getString("instructionId");

        // schools: coord1's and coord2's, each with a household of a parent's phone
        JsonObject centre = demoSchool(CALLERS.get("coordinator"));
        String ownSchool = centre.getString("id");
        String otherSchool = school(staff("coord2"), "新华测试校区", centre);
        String ownHousehold = household(CALLERS.get("coordinator"), ownSchool, centre,
                "13900000001");
        String otherHousehold = household(staff("coord2"), otherSchool, centre, "13900000002");

        String nobody = UUID.randomUUID().toString();
        // the accident routes read cases reported through the API, as drivers make them
        String ownReport = report(CALLERS.get("driver"), "浙F12345");
        String otherReport = report(otherDriver, "浙F54321");
        PARAMS.put("/api/v1/accidents/:id", new String[] {ownReport, otherReport});
        PARAMS.put("/api/v1/police/accidents/:id", new String[] {ownCase, otherCase});
        PARAMS.put("/api/v1/payments/applications/:id",
                new String[] {ownApp.getString("id"), otherApp.getString("id")});
        PARAMS.put("/api/v1/payments/instructions/:id",
                new String[] {ownPayment, otherPayment});
        PARAMS.put(":schoolId", new String[] {ownSchool, otherSchool});
        PARAMS.put(":householdId", new String[] {ownHousehold, otherHousehold});
        PARAMS.put(":id", new String[] {nobody, nobody});
        PARAMS.put(":planId", new String[] {nobody, nobody});
        PARAMS.put(":otherId", new String[] {nobody, nobody});
        PARAMS.put(":jobId", new String[] {nobody, nobody});
        PARAMS.put(":line", new String[] {"1", "1"});
        PARAMS.put(":busId", new String[] {nobody, nobody});
        PARAMS.put(":photoId", new String[] {nobody, nobody});
        PARAMS.put(":slot", new String[] {"overview", "overview"});
        PARAMS.put(":code", new String[] {"PICC", "CPIC"});
        PARAMS.put(":z", new String[] {"0", "0"});
        PARAMS.put(":x", new String[] {"0", "0"});
        PARAMS.put(":y", new String[] {"0", "0"});
        PARAMS.put(":fontstack", new String[] {"sans", "sans"});
        PARAMS.put(":range", new String[] {"0-255", "0-255"});
    }

    private static String report(Api driver, String plate) {
        return created(driver.post("/api/v1/accidents", new JsonObject().put("lat", 28.29663)
                .put("lon", 117.20555).put("plates", new io.vertx.core.json.JsonArray()
                        .add(plate)).put("weather", "SUNNY")
                .put("accidentForm", "REAR_END_COLLISION").put("ignoreDuplicates", true)))
                .getString("id");
    }

    private static String caseId(String caseNo) {
        try (var c = TestDatabase.connect(); var st = c.prepareStatement(
                "SELECT id::text FROM accident_case WHERE case_no = ?")) {
            st.setString(1, caseNo);
            var rs = st.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject created(Api.Reply reply) {
        assertTrue(reply.status() == 201 || reply.status() == 200, reply.toString());
        return reply.json();
    }

    /** The demo school (coord1's organisation's), once the bus demo has made it. */
    private static JsonObject demoSchool(Api coordinator) {
        return coordinator.firstSchool();
    }

    private static String school(Api coordinator, String name, JsonObject at) {
        return created(coordinator.post("/api/v1/bus/schools", new JsonObject()
                .put("name", name).put("lat", at.getDouble("lat")).put("lon", at.getDouble("lon"))
                .put("eveningDismissal", "21:00").put("morningArrival", "07:20")))
                .getString("id");
    }

    private static String household(Api coordinator, String school, JsonObject at,
            String phone) {
        return created(coordinator.post("/api/v1/bus/schools/" + school + "/households",
                new JsonObject().put("lat", at.getDouble("lat") + 0.001)
                        .put("lon", at.getDouble("lon")).put("students", 1)
                        .put("parentPhone", phone))).getString("id");
    }

    /** One row of the table: a route, its declared rule, own or other, a cell per role. */
    record Row(String method, String path, String rule, String resource, List<String> cells) {
        String key() {
            return method + " " + path;
        }

        String line() {
            return String.join(",", method, path, rule, resource) + "," + String.join(",",
                    cells);
        }
    }

    @Test
    @DisplayName("Every route has its rows, and every cell answers as the table says")
    void everyCell() throws IOException {
        List<RouteRules.Declared> routes = server.app().routeTable();
        List<Row> observed = new ArrayList<>();
        for (RouteRules.Declared route : routes) {
            for (String resource : List.of("own", "other")) {
                List<String> cells = new ArrayList<>();
                for (String role : ROLES) {
                    cells.add(call(CALLERS.get(role), route, resource));
                }
                observed.add(new Row(route.method(), route.path(), route.rule(), resource,
                        cells));
            }
        }
        if (Boolean.getBoolean("writeAccessMatrix")) {
            List<String> lines = new ArrayList<>();
            lines.add(HEADER);
            observed.forEach(r -> lines.add(r.line()));
            Files.write(TABLE, lines, StandardCharsets.UTF_8);
        }
        Map<String, Row> expected = read();
        Set<String> problems = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        int cells = 0;
        for (Row got : observed) {
            String key = got.key() + " " + got.resource();
            seen.add(key);
            Row want = expected.get(key);
            if (want == null) {
                problems.add("no row for " + key + " (add it to " + TABLE + ")");
                continue;
            }
            if (!want.rule().equals(got.rule())) {
                problems.add(key + ": declared rule " + got.rule() + ", table says "
                        + want.rule());
            }
            for (int i = 0; i < ROLES.size(); i++) {
                cells++;
                if (got.cells().get(i).startsWith("5")) {
                    problems.add(key + " as " + ROLES.get(i) + ": " + got.cells().get(i));
                } else if (!want.cells().get(i).equals(got.cells().get(i))) {
                    problems.add(key + " as " + ROLES.get(i) + ": expected "
                            + want.cells().get(i) + ", got " + got.cells().get(i));
                }
            }
        }
        for (String key : expected.keySet()) {
            if (!seen.contains(key)) {
                problems.add("row for a route the server does not have: " + key);
            }
        }
        System.out.printf("access matrix: %d routes, %d cells checked%n", routes.size(), cells);
        assertEquals(Set.of(), problems, problems.size() + " cells differ from the table");
        assertTrue(cells >= routes.size() * 2 * ROLES.size());
    }

    private static Map<String, Row> read() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(TABLE, StandardCharsets.UTF_8);
        assertEquals(HEADER, lines.get(0), "the table's header");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            assertEquals(4 + ROLES.size(), f.length, "columns of: " + line);
            Row row = new Row(f[0], f[1], f[2], f[3], List.of(f).subList(4, f.length));
            rows.put(row.key() + " " + row.resource(), row);
        }
        return rows;
    }

    /** The cell as the server answers it: 401, 403, 404, ok, or a 5xx status. */
    private static String call(Api who, RouteRules.Declared route, String resource) {
        String path = path(route.path(), resource.equals("own") ? 0 : 1);
        Api.Reply reply = switch (route.method()) {
            case "GET" -> who.get(path);
            case "POST" -> who.post(path, new JsonObject());
            case "PUT" -> who.put(path, new JsonObject());
            case "DELETE" -> who.delete(path);
            default -> throw new IllegalStateException("no call for " + route.method());
        };
        int status = reply.status();
        if (status == 401 || status == 403 || status == 404 || status >= 500) {
            return String.valueOf(status);
        }
        return "ok";
    }

    private static String path(String template, int which) {
        for (Map.Entry<String, String[]> e : PARAMS.entrySet()) {
            if (e.getKey().startsWith("/") && template.startsWith(e.getKey())) {
                template = e.getKey().replace(":id", e.getValue()[which])
                        + template.substring(e.getKey().length());
            }
        }
        for (Map.Entry<String, String[]> e : PARAMS.entrySet()) {
            if (!e.getKey().startsWith("/")) {
                template = template.replaceAll(e.getKey() + "(?=[/.]|$)", e.getValue()[which]);
            }
        }
        return template;
    }
}
