package cn.anxing.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.app.Application;
import cn.anxing.app.StartupException;
import cn.anxing.config.ConfigLoader;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Health and our own base map")
class MapApiTest {

    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Health is 200 with the database and the graph UP once the map is loaded")
    void health() {
        Api.Reply reply = api.get("/health");
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("UP", reply.json().getString("status"));
        assertEquals("UP", reply.json().getString("db"));
        assertEquals("UP", reply.json().getString("graph"));
    }

    @Test
    @DisplayName("The map info gives the extract's bounds around Guixi and the OSM credit")
    void info() {
        JsonObject info = api.get("/api/v1/map/info").json();
        JsonObject center = info.getJsonObject("center");
        assertTrue(center.getDouble("lat") > 28.28 && center.getDouble("lat") < 28.33, info
                .encode());
        assertTrue(center.getDouble("lon") > 117.19 && center.getDouble("lon") < 117.26);
        assertTrue(info.getString("attribution").contains("OpenStreetMap"));
    }

    @Test
    @DisplayName("Road lines for a box come as GeoJSON with Chinese road names")
    void roads() {
        Api.Reply reply = api.get("/api/v1/map/roads?bbox=117.20,28.29,117.24,28.31");
        assertEquals(200, reply.status());
        var features = reply.json().getJsonArray("features");
        assertTrue(features.size() > 50, "lines: " + features.size());
        boolean chinese = features.stream().map(f -> ((JsonObject) f).getJsonObject("properties")
                .getString("name")).anyMatch(n -> n != null && n.matches(".*[\\u4e00-\\u9fff].*"));
        assertTrue(chinese, "some road has a Chinese name");
    }

    @Test
    @DisplayName("A tap on the map snaps to the nearest road and names it")
    void snap() {
        JsonObject snap = api.get("/api/v1/map/snap?lat=28.3012&lon=117.2245").json();
        assertTrue(snap.getDouble("distanceMetres") < 500, snap.encode());
        assertTrue(!snap.getString("roadClass").isEmpty());
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/map/roads                              | bbox",
        "/api/v1/map/roads?bbox=1,2,3                   | bbox",
        "/api/v1/map/roads?bbox=a,b,c,d                 | bbox",
        "/api/v1/map/roads?bbox=117.3,28.3,117.2,28.2   | bbox",
        "/api/v1/map/snap?lat=north&lon=117.2           | lat",
        "/api/v1/map/snap?lat=28.3                      | lon",
    })
    @DisplayName("Bad map queries are refused naming the parameter")
    void badQueries(String path, String field) {
        Api.Reply reply = api.get(path);
        assertEquals(400, reply.status(), reply.toString());
        assertEquals(field, reply.json().getString("field"));
    }

    @Test
    @DisplayName("A point outside the map is refused as OUTSIDE_MAP")
    void outsideMap() {
        Api.Reply reply = api.get("/api/v1/map/snap?lat=30.7&lon=121.0");
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("OUTSIDE_MAP", reply.json().getString("code"));
    }

    @Test
    @DisplayName("Without a map file the server does not start and says how to get one")
    void missingMap() {
        var config = ConfigLoader.load(Map.of("DATABASE_URL", TestDatabase.url(),
                "MAP_FILE", "/nowhere/pinghu.osm.pbf", "HTTP_PORT",
                String.valueOf(TestServer.freePort())));
        var e = assertThrows(StartupException.class, () -> Application.start(config));
        assertTrue(e.getMessage().contains("map-data/fetch"), e.getMessage());
        assertTrue(e.getMessage().contains("MAP_FILE"), e.getMessage());
    }
}
