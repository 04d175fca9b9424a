package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.routing.CoordinateSystems;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.MapBounds;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Planning rules on the Guixi map: walking reach, ride time, seats, coordinates")
class BusPlanRulesTest {

    private static TestServer server;
    private static Api coordinator;
    private static JsonObject demoSchool;
    private static JsonArray demoHouseholds;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
        demoSchool = BusTestSupport.awaitDemoSchool(coordinator);
        demoHouseholds = coordinator.get(BASE + "/schools/" + demoSchool.getString("id")
                + "/households").jsonArray();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * A point inside the map's bounds with no road a child may walk within 500 m: the grid
     * point, every 100 m across the map, nearest the school among those where the foot profile
     * finds no road to snap to (the map's fields and hills).
     */
    private static LatLon pointInAField(LatLon school) {
        RoadNetwork network = server.app().routing().network();
        MapBounds b = network.bounds();
        LatLon best = null;
        double bestDistance = Double.MAX_VALUE;
        double step = 100 / 111_320.0;
        for (double lat = b.minLat() + step; lat < b.maxLat(); lat += step) {
            for (double lon = b.minLon() + step; lon < b.maxLon(); lon += step) {
                try {
                    network.snap(lat, lon, RoadNetwork.FOOT);
                } catch (PointNotOnRoadException e) {
                    double d = Distances.metres(school, new LatLon(lat, lon));
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = new LatLon(lat, lon);
                    }
                }
            }
        }
        assertNotNull(best, "the map has no point 500 m from every footway");
        return best;
    }

    @Test
    @DisplayName("A household in a field beyond walking distance of every road is unserved with"
            + " reason NO_STOP_IN_REACH; its neighbours on streets are served")
    void householdInAField() {
        LatLon schoolPoint = new LatLon(demoSchool.getDouble("lat"), demoSchool.getDouble("lon"));
        JsonObject school = BusTestSupport.createSchool(coordinator, "田野测试学校",
                schoolPoint.lat(), schoolPoint.lon());
        String id = school.getString("id");
        LatLon field = pointInAField(schoolPoint);
        JsonArray households = new JsonArray().add(new JsonObject().put("label", "田里的家")
                .put("lat", field.lat()).put("lon", field.lon()).put("students", 1));
        // neighbours living right on a street a bus drives: their stop is at the door
        RoadNetwork network = server.app().routing().network();
        for (int i = 0; i < 5; i++) {
            JsonObject h = demoHouseholds.getJsonObject(i * 40);
            LatLon onStreet = network.stopCandidates(h.getDouble("lat"), h.getDouble("lon"),
                    400, 60).get(0).point();
            households.add(new JsonObject().put("lat", onStreet.lat())
                    .put("lon", onStreet.lon()).put("students", 1));
        }
        assertEquals(201, coordinator.post(BASE + "/schools/" + id + "/households/bulk",
                new JsonObject().put("households", households)).status());
        // the bus sleeps at a depot away from the school: its empty drives are driving time
        JsonObject depot = demoHouseholds.getJsonObject(399);
        assertEquals(201, coordinator.post(BASE + "/schools/" + id + "/buses",
                new JsonObject().put("label", "一号车").put("capacity", 30)
                        .put("depot", new JsonObject().put("lat", depot.getDouble("lat"))
                                .put("lon", depot.getDouble("lon")))).status());

        JsonObject plan = BusTestSupport.plan(coordinator, id,
                new JsonObject().put("solverSeconds", 2));
        for (String run : new String[] {"evening", "morning"}) {
            JsonObject line = plan.getJsonObject(run).getJsonArray("lines").getJsonObject(0);
            double legs = line.getJsonArray("legs").stream()
                    .mapToDouble(l -> ((JsonObject) l).getDouble("seconds")).sum();
            assertTrue(line.getDouble("deadheadSeconds") > 0, run);
            assertEquals(legs + line.getDouble("deadheadSeconds"),
                    line.getDouble("drivingSeconds"), 0.5, run);
        }
        JsonArray unserved = plan.getJsonArray("unserved");
        assertEquals(1, unserved.size(), unserved.encodePrettily());
        assertEquals("田里的家", unserved.getJsonObject(0).getString("label"));
        assertEquals("NO_STOP_IN_REACH", unserved.getJsonObject(0).getString("reason"));
        assertEquals(5, plan.getJsonObject("summary").getInteger("householdsServed"));
    }

    @Test
    @DisplayName("With a short ride limit and small buses, households are left out for ride time"
            + " or seats, and no line exceeds either limit")
    void limitsHoldWhenTheyBind() {
        JsonObject school = BusTestSupport.createSchool(coordinator, "限时测试学校",
                demoSchool.getDouble("lat"), demoSchool.getDouble("lon"));
        String id = school.getString("id");
        JsonArray households = new JsonArray();
        for (int i = 0; i < 120; i++) {
            JsonObject h = demoHouseholds.getJsonObject(i);
            households.add(new JsonObject().put("lat", h.getDouble("lat"))
                    .put("lon", h.getDouble("lon")).put("students", 1 + i % 3));
        }
        assertEquals(201, coordinator.post(BASE + "/schools/" + id + "/households/bulk",
                new JsonObject().put("households", households)).status());
        JsonArray buses = new JsonArray();
        for (int i = 1; i <= 4; i++) {
            buses.add(new JsonObject().put("label", "小车" + i).put("capacity", 12));
        }
        Api.Reply added = coordinator.post(BASE + "/schools/" + id + "/buses",
                new JsonObject().put("buses", buses));
        assertEquals(201, added.status(), added.toString());
        Api.Reply policy = coordinator.put(BASE + "/schools/" + id + "/policy", new JsonObject()
                .put("maxWalkMetres", 400).put("maxRideSeconds", 420)
                .put("dwellBaseSeconds", 30).put("dwellPerStudentSeconds", 5)
                .put("noStopRoadClasses", new JsonArray().add("motorway").add("trunk")
                        .add("motorway_link").add("trunk_link"))
                .put("solverSeconds", 3));
        assertEquals(200, policy.status(), policy.toString());

        JsonObject plan = BusTestSupport.plan(coordinator, id, new JsonObject());
        assertEquals(420, plan.getJsonObject("policy").getInteger("maxRideSeconds"));
        Map<String, Integer> capacities = new HashMap<>();
        added.jsonArray().forEach(b -> capacities.put(((JsonObject) b).getString("id"), 12));
        assertTrue(PlanChecks.assertWithinLimits(plan, capacities) > 0);
        long bound = plan.getJsonArray("unserved").stream()
                .map(u -> ((JsonObject) u).getString("reason"))
                .filter(r -> r.equals("CAPACITY") || r.equals("RIDE_TIME")).count();
        assertTrue(bound > 0, "the limits should leave households out");
    }

    @Test
    @DisplayName("Plans requested together queue: the second waits for the first, then both"
            + " finish")
    void plansQueue() {
        JsonObject school = BusTestSupport.createSchool(coordinator, "排队测试学校",
                demoSchool.getDouble("lat"), demoSchool.getDouble("lon"));
        String id = school.getString("id");
        JsonArray households = new JsonArray();
        for (int i = 0; i < 30; i++) {
            JsonObject h = demoHouseholds.getJsonObject(i * 10);
            households.add(new JsonObject().put("lat", h.getDouble("lat"))
                    .put("lon", h.getDouble("lon")).put("students", 1));
        }
        coordinator.post(BASE + "/schools/" + id + "/households/bulk",
                new JsonObject().put("households", households));
        coordinator.post(BASE + "/schools/" + id + "/buses",
                new JsonObject().put("label", "一号车").put("capacity", 45));
        JsonObject request = new JsonObject().put("solverSeconds", 2);
        Api.Reply first = coordinator.post(BASE + "/schools/" + id + "/plans", request);
        Api.Reply second = coordinator.post(BASE + "/schools/" + id + "/plans", request);
        assertEquals(202, first.status(), first.toString());
        assertEquals(202, second.status(), second.toString());
        JsonObject waiting = coordinator.get(BASE + "/plan-jobs/"
                + second.json().getString("id")).json();
        assertEquals("queued", waiting.getString("status"), waiting.encode());
        assertEquals(1, waiting.getInteger("queuePosition"));
        for (Api.Reply job : new Api.Reply[] {first, second}) {
            assertEquals("done", BusTestSupport.awaitJob(coordinator,
                    job.json().getString("id")).getString("status"));
        }
        assertEquals(2, coordinator.get(BASE + "/schools/" + id + "/plan-jobs").jsonArray()
                .size());
    }

    @Test
    @DisplayName("A household given in GCJ-02 or BD-09 is stored in WGS-84")
    void chineseMapCoordinatesAreConverted() {
        JsonObject h = demoHouseholds.getJsonObject(0);
        LatLon wgs = new LatLon(h.getDouble("lat"), h.getDouble("lon"));
        LatLon gcj = CoordinateSystems.wgs84ToGcj02(wgs);
        LatLon bd = CoordinateSystems.wgs84ToBd09(wgs);
        String schoolId = demoSchool.getString("id");
        for (Object[] given : new Object[][] {{"GCJ02", gcj}, {"bd-09", bd}}) {
            LatLon p = (LatLon) given[1];
            Api.Reply reply = coordinator.post(BASE + "/schools/" + schoolId + "/households",
                    new JsonObject().put("lat", p.lat()).put("lon", p.lon())
                            .put("crs", given[0]).put("students", 1));
            assertEquals(201, reply.status(), reply.toString());
            assertEquals(wgs.lat(), reply.json().getDouble("lat"), 1e-6);
            assertEquals(wgs.lon(), reply.json().getDouble("lon"), 1e-6);
            assertNull(reply.json().getString("parentPhone"));
        }
    }
}
