package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Bad bus requests get a 4xx naming the field, and nothing is stored")
class BusBadRequestTest {

    private static TestServer server;
    private static Api coordinator;
    private static String schoolId;
    private static JsonObject inside;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
        JsonObject demo = BusTestSupport.awaitDemoSchool(coordinator);
        inside = coordinator.get(BASE + "/schools/" + demo.getString("id") + "/households")
                .jsonArray().getJsonObject(0);
        schoolId = BusTestSupport.createSchool(coordinator, "空学校", demo.getDouble("lat"),
                demo.getDouble("lon")).getString("id");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int households() {
        return coordinator.get(BASE + "/schools/" + schoolId + "/households").jsonArray().size();
    }

    private static int buses() {
        return coordinator.get(BASE + "/schools/" + schoolId + "/buses").jsonArray().size();
    }

    @ParameterizedTest(name = "household {0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"lat\": 39.9, \"lon\": 116.4, \"students\": 1}             | 400 | OUTSIDE_MAP       | lat",
        "{\"lat\": @LAT, \"lon\": 118.9, \"students\": 1}             | 400 | OUTSIDE_MAP       | lon",
        "{\"lat\": @LAT, \"lon\": @LON, \"students\": 0}              | 400 | VALIDATION_FAILED | students",
        "{\"lat\": @LAT, \"lon\": @LON, \"students\": -2}             | 400 | VALIDATION_FAILED | students",
        "{\"lat\": @LAT, \"lon\": @LON}                               | 400 | VALIDATION_FAILED | students",
        "{\"lat\": \"north\", \"lon\": @LON, \"students\": 1}         | 400 | VALIDATION_FAILED | lat",
        "{\"lat\": @LAT, \"lon\": @LON, \"students\": 1, \"crs\": \"UTM\"} | 400 | VALIDATION_FAILED | crs",
        "{\"lat\": @LAT, \"lon\": @LON, \"students\": 1, \"parentPhone\": \"12345\"} | 400 | VALIDATION_FAILED | parentPhone",
    })
    @DisplayName("A household outside the map, without students or with a bad field is refused")
    void badHousehold(String body, int status, String code, String field) {
        int before = households();
        Api.Reply reply = coordinator.postRaw(BASE + "/schools/" + schoolId + "/households",
                fill(body), "application/json");
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(code, reply.json().getString("code"));
        assertEquals(field, reply.json().getString("field"));
        assertEquals(before, households());
    }

    @Test
    @DisplayName("A bulk registration with one bad household names it and stores none")
    void badBulk() {
        String body = fill("{\"households\": [{\"lat\": @LAT, \"lon\": @LON, \"students\": 1},"
                + " {\"lat\": 30.0, \"lon\": @LON, \"students\": 1}]}");
        Api.Reply reply = coordinator.postRaw(BASE + "/schools/" + schoolId + "/households/bulk",
                body, "application/json");
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("households[1].lat", reply.json().getString("field"));
        assertEquals(0, households());
    }

    @ParameterizedTest(name = "bus {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"label\": \"一号车\", \"capacity\": 0}                         | capacity",
        "{\"label\": \"一号车\", \"capacity\": -5}                        | capacity",
        "{\"label\": \"一号车\", \"capacity\": 4.5}                       | capacity",
        "{\"capacity\": 45}                                               | label",
        "{\"label\": \"一号车\", \"capacity\": 45, \"depot\": {\"lat\": 30.0, \"lon\": @LON}} | depot.lat",
        "{\"buses\": [{\"label\": \"甲\", \"capacity\": 45}, {\"label\": \"乙\", \"capacity\": 0}]} | buses[1].capacity",
    })
    @DisplayName("A bus with no seats, a bad capacity or a depot off the map is refused")
    void badBus(String body, String field) {
        Api.Reply reply = coordinator.postRaw(BASE + "/schools/" + schoolId + "/buses",
                fill(body), "application/json");
        assertEquals(400, reply.status(), reply.toString());
        assertEquals(field, reply.json().getString("field"));
        assertEquals(0, buses());
    }

    @Test
    @DisplayName("Planning a school without buses is refused naming the buses, and no job is"
            + " queued")
    void planWithoutBuses() {
        coordinator.post(BASE + "/schools/" + schoolId + "/households", new JsonObject()
                .put("lat", inside.getDouble("lat")).put("lon", inside.getDouble("lon"))
                .put("students", 1));
        Api.Reply reply = coordinator.post(BASE + "/schools/" + schoolId + "/plans",
                new JsonObject());
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("NO_BUSES", reply.json().getString("code"));
        assertEquals("buses", reply.json().getString("field"));
        assertEquals(0, coordinator.get(BASE + "/schools/" + schoolId + "/plan-jobs")
                .jsonArray().size());
    }

    @Test
    @DisplayName("An unknown school is a 404 naming the school")
    void unknownSchool() {
        String unknown = "/schools/00000000-0000-0000-0000-000000000000";
        for (Api.Reply reply : new Api.Reply[] {
            coordinator.post(BASE + unknown + "/plans", new JsonObject()),
            coordinator.post(BASE + unknown + "/buses", new JsonObject().put("label", "x")
                    .put("capacity", 45)),
            coordinator.post(BASE + unknown + "/households", new JsonObject()
                    .put("lat", inside.getDouble("lat")).put("lon", inside.getDouble("lon"))
                    .put("students", 1))}) {
            assertEquals(404, reply.status(), reply.toString());
            assertEquals("UNKNOWN_SCHOOL", reply.json().getString("code"));
            assertEquals("schoolId", reply.json().getString("field"));
        }
    }

    @Test
    @DisplayName("A school outside the map is refused and not created")
    void schoolOutsideMap() {
        int before = coordinator.get(BASE + "/schools").jsonArray().size();
        Api.Reply reply = coordinator.post(BASE + "/schools", new JsonObject()
                .put("name", "北京的学校").put("lat", 39.9).put("lon", 116.4));
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("lat", reply.json().getString("field"));
        assertEquals(before, coordinator.get(BASE + "/schools").jsonArray().size());
    }

    @Test
    @DisplayName("Drivers and parents may not manage schools")
    void onlyCoordinators() {
        Api driver = server.api().phone("13800000001");
        assertEquals(403, driver.get(BASE + "/schools").status());
        assertEquals(401, server.api().get(BASE + "/schools").status());
    }

    private static String fill(String body) {
        return body.replace("@LAT", String.valueOf(inside.getDouble("lat")))
                .replace("@LON", String.valueOf(inside.getDouble("lon")));
    }
}
