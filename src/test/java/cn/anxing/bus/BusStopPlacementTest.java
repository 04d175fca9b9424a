package cn.anxing.bus;

import static cn.anxing.bus.BusTestSupport.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.demo.DemoAccounts;
import cn.anxing.routing.LatLon;
import cn.anxing.routing.MapBounds;
import cn.anxing.routing.RoadLine;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoadSnap;
import cn.anxing.testing.Api;
import cn.anxing.testing.SharedFiles;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stops on the Longgang map, where households live beside motorways and ramps")
class BusStopPlacementTest {

    private static final Set<String> EXPRESSWAYS = Set.of("motorway", "trunk");

    private static TestServer server;
    private static Api coordinator;

    @BeforeAll
    static void start() {
        // its own graph cache: switching maps in one cache would re-import both every time
        server = TestServer.start(Map.of(
                "MAP_FILE", SharedFiles.map("shenzhen-longgang.osm").toString(),
                "DATA_DIR", Path.of("target", "test-data-longgang").toAbsolutePath().toString()));
        BusTestSupport.awaitGraph(server.api());
        coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("No stop is placed on a motorway, a trunk road or a ramp, even for households"
            + " living right beside them")
    void noStopOnExpresswaysOrRamps() {
        RoadNetwork network = server.app().routing().network();
        MapBounds b = network.bounds();
        List<RoadLine> expressways = network.roads(b.minLat(), b.minLon(), b.maxLat(),
                b.maxLon(), 100_000).stream()
                .filter(r -> EXPRESSWAYS.contains(r.roadClass()) || r.link()).toList();
        assertFalse(expressways.isEmpty(), "the Longgang extract has motorways and ramps");

        // households 15 m beside points spread along the expressways and ramps
        JsonArray households = new JsonArray();
        for (int i = 0; i < expressways.size() && households.size() < 60;
                i += Math.max(1, expressways.size() / 60)) {
            List<LatLon> points = expressways.get(i).points();
            LatLon p = points.get(points.size() / 2);
            households.add(new JsonObject().put("lat", p.lat() + 0.000135)
                    .put("lon", p.lon()).put("students", 1));
        }
        LatLon centre = new LatLon((b.minLat() + b.maxLat()) / 2, (b.minLon() + b.maxLon()) / 2);
        RoadSnap school = network.snap(centre.lat(), centre.lon(), RoadNetwork.BUS);
        String id = BusTestSupport.createSchool(coordinator, "龙岗测试学校",
                school.point().lat(), school.point().lon()).getString("id");
        assertEquals(201, coordinator.post(BASE + "/schools/" + id + "/households/bulk",
                new JsonObject().put("households", households)).status());
        JsonArray buses = new JsonArray();
        for (int i = 0; i < 6; i++) {
            buses.add(new JsonObject().put("label", "深B" + i).put("capacity", 45));
        }
        assertEquals(201, coordinator.post(BASE + "/schools/" + id + "/buses",
                new JsonObject().put("buses", buses)).status());

        JsonObject plan = BusTestSupport.plan(coordinator, id,
                new JsonObject().put("solverSeconds", 3));
        JsonArray stops = plan.getJsonArray("stops");
        assertTrue(stops.size() >= 5, "the plan places stops near the expressways: " + stops);
        for (Object o : stops) {
            JsonObject stop = (JsonObject) o;
            assertFalse(EXPRESSWAYS.contains(stop.getString("roadClass")), stop.encode());
            RoadSnap at = network.snap(stop.getDouble("lat"), stop.getDouble("lon"),
                    RoadNetwork.BUS);
            assertFalse(EXPRESSWAYS.contains(at.roadClass()) || at.link(),
                    stop.getString("name") + " lies on " + at);
        }
    }
}
