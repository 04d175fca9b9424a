package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo school's plan on the Guixi map")
class BusDemoPlanTest {

    /** Per run; two runs (evening, morning) are planned. */
    private static final int SOLVER_SECONDS = Integer.getInteger("anxing.bus.solverSeconds", 15);

    private static TestServer server;
    private static Api coordinator;
    private static JsonObject school;
    private static JsonObject plan;

    @BeforeAll
    static void planTheDemo() {
        server = TestServer.start();
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
        school = BusTestSupport.awaitDemoSchool(coordinator);
        plan = BusTestSupport.plan(coordinator, school.getString("id"),
                new JsonObject().put("solverSeconds", SOLVER_SECONDS));
        // parents see a plan once it is published (PlanReviewTest)
        assertEquals(200, coordinator.post(BASE + "/plans/" + plan.getString("planId")
                + "/publish", new JsonObject().put("run", "both")).status());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("The demo has one school, 400 generated households and 10 buses of 45 seats")
    void demoData() {
        assertEquals(1, coordinator.get(BASE + "/schools").jsonArray().size());
        JsonArray households = coordinator.get(BASE + "/schools/" + school.getString("id")
                + "/households").jsonArray();
        assertEquals(400, households.stream()
                .filter(h -> ((JsonObject) h).getBoolean("generated")).count());
        JsonArray buses = coordinator.get(BASE + "/schools/" + school.getString("id")
                + "/buses").jsonArray();
        assertEquals(10, buses.size());
        assertTrue(buses.stream().allMatch(b -> ((JsonObject) b).getInteger("capacity") == 45));
    }

    @Test
    @DisplayName("Loading the demo again, as a restart does, adds nothing twice")
    void demoIsIdempotent() throws Exception {
        var app = server.app();
        var demo = new BusDemo(app.vertx(), new BusRepository(app.pool()), app.routing(),
                Future.succeededFuture(), app.config().map().mapFile());
        JsonArray before = coordinator.get(BASE + "/schools").jsonArray();
        School again = demo.seed().toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertEquals(school.getString("id"), again.id().toString());
        assertEquals(before, coordinator.get(BASE + "/schools").jsonArray());
    }

    @Test
    @DisplayName("The plan finishes and serves every household that has a stop within walking"
            + " distance, in both runs, with at most the 10 buses")
    void servesEveryReachableHousehold() {
        JsonObject summary = plan.getJsonObject("summary");
        assertEquals(400, summary.getInteger("households"));
        for (Object o : plan.getJsonArray("unserved")) {
            JsonObject unserved = (JsonObject) o;
            assertEquals("NO_STOP_IN_REACH", unserved.getString("reason"), unserved.encode());
        }
        int unreachable = plan.getJsonArray("unserved").size();
        assertEquals(400 - unreachable, summary.getInteger("householdsServed"));
        assertTrue(unreachable <= 10, unreachable + " demo households have no stop in reach");
        assertTrue(summary.getInteger("busesUsed") <= 10);
        assertEquals(summary.getInteger("studentsServed"),
                plan.getJsonObject("morning").getInteger("studentsServed"),
                "the morning run carries the students the evening run brings home");
        JsonObject job = plan.getJsonObject("job");
        assertTrue(job.getJsonObject("timings").getDouble("matrixSeconds") > 0);
        assertTrue(job.getJsonObject("timings").getDouble("solveSeconds") > 0);
        assertNotNull(job.getJsonObject("progress").getJsonObject("best"));
    }

    @Test
    @DisplayName("No line of the demo plan exceeds the ride time or the bus's seats")
    void withinLimits() {
        Map<String, Integer> capacities = new HashMap<>();
        coordinator.get(BASE + "/schools/" + school.getString("id") + "/buses").jsonArray()
                .forEach(b -> capacities.put(((JsonObject) b).getString("id"),
                        ((JsonObject) b).getInteger("capacity")));
        assertTrue(PlanChecks.assertWithinLimits(plan, capacities) > 0);
    }

    @Test
    @DisplayName("Every line has a driving path along its stops with a turn-by-turn route sheet,"
            + " and each served household a walking path to its stop")
    void paths() {
        for (String run : new String[] {"evening", "morning"}) {
            for (Object o : plan.getJsonObject(run).getJsonArray("lines")) {
                JsonObject line = (JsonObject) o;
                JsonObject path = line.getJsonObject("path");
                assertTrue(path.getJsonArray("geometry").size() >= 2);
                assertTrue(path.getJsonArray("instructions").size() >= 2, line.getString("name"));
                double legs = line.getJsonArray("legs").stream()
                        .mapToDouble(l -> ((JsonObject) l).getDouble("seconds")).sum();
                assertEquals(legs, path.getDouble("seconds"), Math.max(60, legs * 0.2),
                        line.getString("name") + ": the drawn path takes as long as the legs");
            }
        }
        for (Object o : plan.getJsonArray("households")) {
            JsonObject h = (JsonObject) o;
            if (h.getString("stopId") != null) {
                assertTrue(h.getJsonArray("walkPath").size() >= 2, h.encode());
            }
        }
    }

    @Test
    @DisplayName("The GeoJSON view holds the school, the stops, a line per bus and run, and the"
            + " unserved households with their reason")
    void geoJson() {
        Api.Reply reply = coordinator.get(BASE + "/plans/" + plan.getString("planId")
                + "/geojson");
        assertEquals(200, reply.status());
        JsonArray features = reply.json().getJsonArray("features");
        Map<String, Long> kinds = features.stream().map(f -> ((JsonObject) f)
                .getJsonObject("properties").getString("kind"))
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertEquals(1L, kinds.get("school"));
        assertEquals(plan.getJsonArray("stops").size(), kinds.get("stop").intValue());
        assertEquals(plan.getJsonObject("evening").getJsonArray("lines").size()
                + plan.getJsonObject("morning").getJsonArray("lines").size(),
                kinds.get("line").intValue());
        assertEquals(plan.getJsonArray("unserved").size(),
                kinds.getOrDefault("unserved", 0L).intValue());
    }

    @Test
    @DisplayName("A parent sees their child's line, stop and times in the published plan;"
            + " another family's household is not visible to them")
    void parentSeesOnlyTheirChild() {
        Api parent = server.api().phone(BusDemo.DEMO_PARENT_PHONE);
        JsonArray children = parent.get(BASE + "/my-children").jsonArray();
        assertEquals(1, children.size());
        JsonObject child = children.getJsonObject(0);
        assertEquals("SERVED", child.getString("status"), child.encode());
        assertNotNull(child.getJsonObject("stop").getString("name"));
        JsonObject evening = child.getJsonObject("evening");
        assertTrue(evening.getString("arrival").compareTo("21:00:00") > 0, evening.encode());
        assertTrue(child.getJsonObject("morning").getString("arrival")
                .compareTo("07:20:00") < 0);
        assertEquals(200, parent.get(BASE + "/my-children/" + child.getString("householdId"))
                .status());

        JsonObject neighbour = plan.getJsonArray("households").getJsonObject(1);
        Api.Reply registered = coordinator.post(BASE + "/schools/" + school.getString("id")
                + "/households", new JsonObject().put("lat", neighbour.getDouble("lat"))
                .put("lon", neighbour.getDouble("lon")).put("students", 1)
                .put("parentPhone", "13900000002").put("label", "另一个家庭"));
        assertEquals(201, registered.status(), registered.toString());
        String other = registered.json().getString("id");
        Api.Reply hidden = parent.get(BASE + "/my-children/" + other);
        assertEquals(404, hidden.status(), hidden.toString());
        assertTrue(parent.get(BASE + "/my-children").jsonArray().stream()
                .noneMatch(c -> other.equals(((JsonObject) c).getString("householdId"))));
        Api otherParent = server.api().phone("13900000002");
        JsonArray theirs = otherParent.get(BASE + "/my-children").jsonArray();
        assertEquals(1, theirs.size());
        assertEquals(other, theirs.getJsonObject(0).getString("householdId"));
        assertEquals("NOT_IN_PLAN", theirs.getJsonObject(0).getString("status"));
        assertEquals(404, otherParent.get(BASE + "/my-children/"
                + child.getString("householdId")).status());
        assertEquals(403, parent.get(BASE + "/plans/" + plan.getString("planId")).status());
        assertEquals(403, parent.get(BASE + "/schools/" + school.getString("id")
                + "/households").status());
    }
}
