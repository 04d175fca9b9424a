package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Mixed fleets on the Guixi map: each bus its own seats, depots in the search")
class BusFleetTest {

    private static TestServer server;
    private static Api coordinator;
    private static JsonObject demoSchool;
    private static List<JsonObject> demoHouseholds;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
        demoSchool = BusTestSupport.awaitDemoSchool(coordinator);
        demoHouseholds = new ArrayList<>();
        coordinator.get(BASE + "/schools/" + demoSchool.getString("id") + "/households")
                .jsonArray().forEach(h -> demoHouseholds.add((JsonObject) h));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A school at the demo school's place with these households and buses. */
    private static String school(String name, List<JsonObject> households, JsonArray buses) {
        String id = BusTestSupport.createSchool(coordinator, name, demoSchool.getDouble("lat"),
                demoSchool.getDouble("lon")).getString("id");
        Api.Reply added = coordinator.post(BASE + "/schools/" + id + "/households/bulk",
                new JsonObject().put("households", new JsonArray(new ArrayList<>(households))));
        assertEquals(201, added.status(), added.toString());
        Api.Reply fleet = coordinator.post(BASE + "/schools/" + id + "/buses",
                new JsonObject().put("buses", buses));
        assertEquals(201, fleet.status(), fleet.toString());
        return id;
    }

    private static JsonObject household(JsonObject demo, int students) {
        return new JsonObject().put("lat", demo.getDouble("lat")).put("lon", demo.getDouble("lon"))
                .put("students", students).put("label", demo.getString("label"));
    }

    private static JsonObject bus(String label, int capacity) {
        return new JsonObject().put("label", label).put("capacity", capacity);
    }

    private static Map<String, Integer> capacities(String schoolId) {
        Map<String, Integer> capacities = new HashMap<>();
        coordinator.get(BASE + "/schools/" + schoolId + "/buses").jsonArray().forEach(b -> {
            JsonObject bus = (JsonObject) b;
            capacities.put(bus.getString("id"), bus.getInteger("capacity"));
        });
        return capacities;
    }

    /** Demo households that have a stop in walking reach (the demo plan serves them). */
    private static List<JsonObject> reachable(int count, int step) {
        List<JsonObject> chosen = new ArrayList<>();
        for (int i = 0; chosen.size() < count && i < demoHouseholds.size(); i += step) {
            chosen.add(demoHouseholds.get(i));
        }
        return chosen;
    }

    @Test
    @DisplayName("A 12-seat and a 40-seat bus carry all 42 students of a school, each bus"
            + " within its own seats")
    void twelveAndFortySeatAllFortyTwo() {
        List<JsonObject> households = new ArrayList<>();
        for (JsonObject h : reachable(42, 9)) {
            households.add(household(h, 1));
        }
        String id = school("混合车队42人", households, new JsonArray().add(bus("小车", 12))
                .add(bus("大车", 40)));
        JsonObject plan = BusTestSupport.plan(coordinator, id,
                new JsonObject().put("solverSeconds", 3));
        JsonObject summary = plan.getJsonObject("summary");
        assertEquals(42, summary.getInteger("students"));
        assertEquals(42, summary.getInteger("studentsServed"), plan.getJsonArray("unserved")
                .encodePrettily());
        assertEquals(0, plan.getJsonArray("unserved").size());
        assertEquals(2, summary.getInteger("busesLowerBound"));
        assertTrue(summary.getBoolean("reachesLowerBound"));
        assertTrue(PlanChecks.assertWithinLimits(plan, capacities(id)) > 0);
        for (String run : new String[] {"evening", "morning"}) {
            JsonObject r = plan.getJsonObject(run);
            assertEquals(2, r.getJsonArray("lines").size(), run);
            assertEquals(52 - 42, r.getInteger("emptySeats"), run);
            assertEquals(0, r.getInteger("idleBusSeats"), run);
        }
    }

    @Test
    @DisplayName("Three 45-seat and two 20-seat buses with 100 students: the plan uses the three"
            + " the lower bound allows, not four or five")
    void fewestBusesTheLowerBoundAllows() {
        List<JsonObject> households = new ArrayList<>();
        for (JsonObject h : reachable(50, 7)) {
            households.add(household(h, 2));
        }
        JsonArray buses = new JsonArray();
        for (int i = 1; i <= 3; i++) {
            buses.add(bus("大车" + i, 45));
        }
        buses.add(bus("小车1", 20)).add(bus("小车2", 20));
        String id = school("混合车队100人", households, buses);
        JsonObject plan = BusTestSupport.plan(coordinator, id,
                new JsonObject().put("solverSeconds", 4));
        JsonObject summary = plan.getJsonObject("summary");
        assertEquals(100, summary.getInteger("studentsServed"), plan.getJsonArray("unserved")
                .encodePrettily());
        assertEquals(3, summary.getInteger("busesLowerBound"));
        assertEquals(3, summary.getInteger("busesUsed"));
        assertTrue(summary.getBoolean("reachesLowerBound"));
        Map<String, Integer> capacities = capacities(id);
        assertTrue(PlanChecks.assertWithinLimits(plan, capacities) > 0);
        for (String run : new String[] {"evening", "morning"}) {
            JsonObject r = plan.getJsonObject(run);
            for (Object o : r.getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                assertEquals(45, capacities.get(line.getString("busId")), run
                        + ": 100 students on three buses need the three large ones");
            }
            assertEquals(135 - 100, r.getInteger("emptySeats"), run);
            assertEquals(40, r.getInteger("idleBusSeats"), run);
        }
    }

    @Test
    @DisplayName("A bus whose depot is far out in the east serves the eastern households, though"
            + " the western ones are more and it is the larger bus")
    void depotDecidesWhichBusServesWhichArea() {
        List<JsonObject> byLon = new ArrayList<>(demoHouseholds);
        byLon.sort(Comparator.comparingDouble(h -> h.getDouble("lon")));
        List<JsonObject> west = byLon.subList(0, 10);
        List<JsonObject> east = byLon.subList(byLon.size() - 10, byLon.size());
        List<JsonObject> households = new ArrayList<>();
        west.forEach(h -> households.add(household(h, 3)));
        east.forEach(h -> households.add(household(h, 2)));
        JsonObject far = east.get(east.size() - 1);
        // the east bus sleeps at the easternmost household, about 2 km from the school
        JsonObject depot = new JsonObject().put("lat", far.getDouble("lat"))
                .put("lon", far.getDouble("lon"));
        JsonArray buses = new JsonArray().add(bus("东车", 45).put("depot", depot))
                .add(bus("校车", 35));
        String id = school("车场测试学校", households, buses);
        JsonObject plan = BusTestSupport.plan(coordinator, id,
                new JsonObject().put("solverSeconds", 3));
        assertEquals(50, plan.getJsonObject("summary").getInteger("studentsServed"),
                plan.getJsonArray("unserved").encodePrettily());
        assertTrue(PlanChecks.assertWithinLimits(plan, capacities(id)) > 0);
        Set<String> eastIds = new HashSet<>();
        Map<String, String> labelToId = new HashMap<>();
        for (Object o : plan.getJsonArray("households")) {
            JsonObject h = (JsonObject) o;
            labelToId.put(h.getString("label"), h.getString("householdId"));
        }
        east.forEach(h -> eastIds.add(labelToId.get(h.getString("label"))));
        for (String run : new String[] {"evening", "morning"}) {
            JsonArray lines = plan.getJsonObject(run).getJsonArray("lines");
            assertEquals(2, lines.size(), run);
            for (Object o : lines) {
                JsonObject line = (JsonObject) o;
                long eastern = line.getJsonArray("stops").stream()
                        .flatMap(s -> ((JsonObject) s).getJsonArray("households").stream())
                        .filter(eastIds::contains).count();
                boolean eastLine = eastern > 0;
                assertEquals(eastLine ? "东车" : "校车", line.getString("busLabel"),
                        run + " line " + line.getString("name") + " with " + eastern
                                + " eastern households");
                if (eastLine) {
                    assertEquals(20, line.getInteger("students"), run);
                }
            }
        }
    }
}
