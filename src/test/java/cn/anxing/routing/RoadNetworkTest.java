package cn.anxing.routing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The road network answers on real maps of Guixi and Longgang")
class RoadNetworkTest {

    @TempDir
    static Path cache;
    static RoadNetwork guixi;
    static RoadNetwork longgang;

    @BeforeAll
    static void importMaps() {
        guixi = RoadNetwork.open(Maps.file("guixi.osm"), cache.resolve("guixi"));
        longgang = RoadNetwork.open(Maps.file("shenzhen-longgang.osm"), cache.resolve("longgang"));
    }

    @AfterAll
    static void close() {
        guixi.close();
        longgang.close();
    }

    @ParameterizedTest(name = "{0},{1} snaps onto {2}")
    @DisplayName("A point in Guixi snaps onto the road it lies on, with the road's Chinese name")
    @CsvSource({
            // a node of each way, nudged a few metres off it
            "28.29663, 117.20555, 柏里大道, primary",
            "28.28545, 117.19288, 西后街, residential",
    })
    void snapsOntoNamedRoad(double lat, double lon, String name, String roadClass) {
        RoadSnap snap = guixi.snap(lat, lon, RoadNetwork.BUS);
        assertAll(
                () -> assertEquals(name, snap.roadName()),
                () -> assertEquals(roadClass, snap.roadClass()),
                () -> assertTrue(snap.distanceMetres() < 30, "distance " + snap.distanceMetres()),
                () -> assertFalse(snap.isExpresswayOrRamp()));
    }

    @Test
    @DisplayName("A point on the 惠盐高速 snaps onto a motorway for the bus but onto a walkable road on foot")
    void motorwaySnap() {
        RoadSnap bus = longgang.snap(22.6812789, 114.2224759, RoadNetwork.BUS);
        RoadSnap foot = longgang.snap(22.6812789, 114.2224759, RoadNetwork.FOOT);
        assertAll(
                () -> assertEquals("motorway", bus.roadClass()),
                () -> assertEquals("惠盐高速", bus.roadName()),
                () -> assertTrue(bus.isExpresswayOrRamp()),
                () -> assertNotEquals("motorway", foot.roadClass()));
    }

    @Test
    @DisplayName("A motorway ramp is reported as a link of the motorway")
    void rampSnap() {
        RoadSnap ramp = longgang.snap(22.6730457, 114.2030899, RoadNetwork.BUS);
        assertAll(
                () -> assertEquals("motorway", ramp.roadClass()),
                () -> assertTrue(ramp.link()),
                () -> assertTrue(ramp.isExpresswayOrRamp()));
    }

    @Test
    @DisplayName("Walking along the 水官高速 corridor never uses the motorway, while the bus does")
    void footNeverOnMotorway() {
        List<LatLon> ends = List.of(new LatLon(22.6811189, 114.2039783),
                new LatLon(22.6666433, 114.2018082));
        Route bus = longgang.route(ends, RoadNetwork.BUS);
        Route foot = longgang.route(ends, RoadNetwork.FOOT);
        assertAll(
                () -> assertTrue(bus.roadClasses().contains("motorway"), "bus " + bus.roadClasses()),
                () -> assertFalse(foot.roadClasses().contains("motorway"),
                        "foot " + foot.roadClasses()),
                () -> assertTrue(foot.distanceMetres() > 0));
    }

    @Test
    @DisplayName("Points outside the map or far from any road are refused with the point's index")
    void refusesUnusablePoints() {
        var outside = assertThrows(PointNotOnRoadException.class,
                () -> guixi.snap(30.7, 121.0, RoadNetwork.BUS));
        var farAway = assertThrows(PointNotOnRoadException.class,
                () -> guixi.matrix(List.of(new LatLon(28.29663, 117.20555)),
                        List.of(new LatLon(30.7, 121.0)), RoadNetwork.BUS));
        assertAll(
                () -> assertEquals(PointNotOnRoadException.Reason.OUTSIDE_MAP, outside.reason()),
                () -> assertEquals(1, farAway.pointIndex()),
                () -> assertFalse(guixi.contains(30.7, 121.0)),
                () -> assertTrue(guixi.contains(28.3, 117.22)));
    }

    @Test
    @DisplayName("A route gives distance, time, geometry and instructions in Chinese and English")
    void routeWithInstructions() {
        Route route = guixi.route(List.of(new LatLon(28.2966109, 117.2055277),
                new LatLon(28.3070835, 117.2461304)), RoadNetwork.BUS);
        Route.Instruction first = route.instructions().get(0);
        Route.Instruction last = route.instructions().get(route.instructions().size() - 1);
        assertAll(
                () -> assertTrue(route.distanceMetres() > 3000, "distance " + route.distanceMetres()),
                () -> assertTrue(route.seconds() > 0),
                () -> assertTrue(route.geometry().size() > 2),
                () -> assertTrue(first.textZh().codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                        first.textZh()),
                () -> assertTrue(first.textEn().matches(".*[a-z].*"), first.textEn()),
                () -> assertEquals(4, last.sign(), "the last instruction is the arrival"));
    }

    @Test
    @DisplayName("A one-way road makes the bus matrix asymmetric while walking is the same both ways")
    void oneWayIsRespected() {
        // both ends of a one-way carriageway of 盐龙大道, drawn south to north
        List<LatLon> points = List.of(new LatLon(22.6918666, 114.2005216),
                new LatLon(22.698811, 114.197951));
        TravelMatrix bus = longgang.matrix(points, points, RoadNetwork.BUS);
        TravelMatrix foot = longgang.matrix(points, points, RoadNetwork.FOOT);
        assertAll(
                () -> assertTrue(bus.metres()[1][0] > 1.2 * bus.metres()[0][1],
                        "bus " + bus.metres()[0][1] + " vs back " + bus.metres()[1][0]),
                () -> assertEquals(foot.metres()[0][1], foot.metres()[1][0],
                        0.01 * foot.metres()[0][1]),
                () -> assertEquals(0, bus.seconds()[0][0]));
    }

    @Test
    @DisplayName("The one-to-many matrix agrees with point-to-point routes for every pair")
    void matrixAgreesWithRoutes() {
        List<LatLon> points = List.of(
                new LatLon(28.2966109, 117.2055277), new LatLon(28.3070835, 117.2461304),
                new LatLon(28.2854393, 117.1928596), new LatLon(28.3057162, 117.2411194),
                new LatLon(28.3068882, 117.2361224));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            for (String profile : RoadNetwork.PROFILES) {
                TravelMatrix matrix = guixi.matrix(points, points, profile, workers, 2);
                for (int i = 0; i < points.size(); i++) {
                    for (int j = 0; j < points.size(); j++) {
                        if (i == j) {
                            continue;
                        }
                        Route route = guixi.route(List.of(points.get(i), points.get(j)), profile);
                        String pair = profile + " " + i + "->" + j;
                        assertEquals(route.seconds(), matrix.seconds()[i][j],
                                0.01 * route.seconds() + 1, pair);
                        assertEquals(route.distanceMetres(), matrix.metres()[i][j],
                                0.01 * route.distanceMetres() + 1, pair);
                    }
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    @DisplayName("The base map of a city-sized box is a bounded list of simplified named lines")
    void roadsForTheBaseMap() {
        MapBounds b = guixi.bounds();
        List<RoadLine> all = guixi.roads(b.minLat(), b.minLon(), b.maxLat(), b.maxLon(), 100_000);
        List<RoadLine> capped = guixi.roads(b.minLat(), b.minLon(), b.maxLat(), b.maxLon(), 200);
        long points = all.stream().mapToLong(l -> l.points().size()).sum();
        assertAll(
                () -> assertEquals(200, capped.size()),
                () -> assertTrue(all.size() > capped.size(), "lines " + all.size()),
                () -> assertTrue(points * 40 < 5_000_000, "about 40 bytes of JSON per point: "
                        + points),
                () -> assertTrue(all.stream().anyMatch(l -> l.name().equals("柏里大道"))),
                () -> assertTrue(capped.stream().noneMatch(l -> l.roadClass().equals("footway")),
                        "a capped list keeps the main roads"));
    }

    @Test
    @DisplayName("Stop candidates near a household lie on bus roads, spaced, and never on a motorway, trunk or ramp")
    void stopCandidates() {
        // beside the 惠盐高速 and 龙岗大道 (trunk)
        List<StopCandidate> candidates = longgang.stopCandidates(22.6812789, 114.2224759, 400, 75);
        assertAll(
                () -> assertFalse(candidates.isEmpty()),
                () -> assertTrue(candidates.stream().noneMatch(c -> c.roadClass().equals("motorway")
                        || c.roadClass().equals("trunk"))),
                () -> assertTrue(candidates.stream().allMatch(c -> c.straightLineMetres() <= 400)),
                () -> {
                    for (StopCandidate c : candidates) {
                        RoadSnap snap = longgang.snap(c.point().lat(), c.point().lon(),
                                RoadNetwork.BUS);
                        assertTrue(snap.distanceMetres() < 1, "candidate on a bus road " + c);
                    }
                });
    }
}
